"""The dossier as one self-contained HTML file: inline CSS and SVG, no script, no network."""

from __future__ import annotations

from html import escape
from typing import Any

from newslens.report.charts import LANE_LABELS, QUAD_COLOURS, relation_svg, timeline_svg
from newslens.report.markdown import entry_date, source_numbers

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;
 max-width:980px;margin:2em auto;padding:0 1.2em;background:#fff}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #e4e4e4;padding-bottom:.2em;
 margin-top:2em}h3{margin-bottom:.3em}
.muted,.axis{color:#666;fill:#555;font-size:12px}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}
th,td{border-bottom:1px solid #e6e6e6;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#fafafa}td.n{text-align:right}td.mark{text-align:center}
td.yes{background:#dbe9f6;color:#0b4f8a;text-align:center}td.no{color:#bbb;text-align:center}
.cite{color:#555;font-size:.85em;white-space:nowrap}.cite a{color:#0b5cad;text-decoration:none}
.type{font-weight:600;white-space:nowrap}td.day{white-space:nowrap;font-size:.9em}.restated{color:#8a5a00;font-size:.8em}
.chart{width:100%;height:auto;margin:.5em 0}
.legend span{display:inline-block;margin-right:1em;font-size:.85em}
.legend i{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;
 vertical-align:-1px}
blockquote{margin:.5em 0;padding:.3em .8em;border-left:3px solid #ccc;background:#fafafa}
ol.sources li{margin:.2em 0}code{font-size:.85em;color:#555}
nav a{margin-right:.8em}
@media print{nav{display:none}}
"""


def _e(value: object) -> str:
    return escape(str(value)) if value is not None else "—"


def _cites(citations: list[dict[str, Any]], numbers: dict[str, int]) -> str:
    found = []
    for c in citations:
        number = numbers.get(c["article_id"])
        label = f"{_e(c.get('outlet') or 'unknown outlet')}, {_e(c.get('published') or 'undated')}"
        target = f'<a href="#s{number}">{label} · S{number}</a>' if number else label
        found.append(f'<span class="cite">[{target}]</span>')
    return " ".join(found)


def render_html(dossier: dict[str, Any], classes: dict[str, str]) -> str:
    """The whole dossier as an HTML page; ``classes`` maps PLOVER types to quad classes."""
    numbers = source_numbers(dossier)
    o = dossier["overview"]
    span = f"{o['first']} to {o['last']}" if o["first"] else "no stated dates"
    body = [
        f"<h1>Dossier: {_e(dossier['title'])}</h1>",
        f'<p class="muted">{o["independent_articles"]} articles ({o["copies"]} further copies) '
        f"from {len(o['outlets'])} outlets, {_e(span)}"
        + (f"; {o['undated_articles']} undated" if o["undated_articles"] else "")
        + f". {o['events']} events, {o['quotes']} quotes. Made by newslens "
        f"{_e(dossier['newslens_version'])}: every sentence is quoted from a source article and "
        "cited.</p>",
        '<nav><a href="#summary">Summary</a><a href="#timeline">Timeline</a>'
        '<a href="#relations">Relations</a><a href="#stories">Stories</a>'
        '<a href="#outlets">Outlets</a><a href="#quotes">Quotes</a><a href="#actors">Actors</a>'
        '<a href="#sources">Sources</a></nav>',
        '<h2 id="summary">Summary</h2><ul>',
    ]
    for s in dossier["summary"]:
        body.append(f"<li>{_e(s['text'])} {_cites(s['citations'], numbers)}</li>")
    body.append("</ul>" if dossier["summary"] else '</ul><p class="muted">No sentence.</p>')
    body += _timeline(dossier, classes, numbers)
    body += _relations(dossier)
    body += _stories(dossier)
    body += _comparison(dossier["comparison"])
    body.append('<h2 id="quotes">Top quotes</h2>')
    for q in dossier["quotes"]:
        cite = _cites([{**q, "article_id": q["article_id"]}], numbers)
        text = f"“{_e(q['text'])}”" if q["direct"] else _e(q["text"])
        body.append(
            f"<blockquote>{text}<br><b>{_e(q['speaker'] or 'unnamed')}</b> "
            f'<span class="muted">({_e(q["cue"])})</span> {cite}</blockquote>'
        )
    if not dossier["quotes"]:
        body.append('<p class="muted">No quotes in scope.</p>')
    body += _actors(dossier)
    body.append('<h2 id="sources">Sources</h2><ol class="sources">')
    for number, s in enumerate(dossier["sources"], start=1):
        day = s["published"] or entry_date(
            {
                "date": None,
                "date_earliest": s["published_earliest"],
                "date_latest": s["published_latest"],
            }
        )
        title = _e(s["title"] or "(untitled)")
        if s["url"]:
            title = f'<a href="{escape(s["url"], quote=True)}">{title}</a>'
        copy = f" (copy of <code>{_e(s['duplicate_of'])}</code>)" if s["duplicate_of"] else ""
        body.append(
            f'<li id="s{number}">{_e(s["outlet"] or "unknown outlet")}, {_e(day)}: {title}'
            f"{copy} <code>{_e(s['id'])}</code></li>"
        )
    body.append("</ol>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Dossier: {_e(dossier['title'])}</title><style>{CSS}</style></head>"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _timeline(
    dossier: dict[str, Any], classes: dict[str, str], numbers: dict[str, int]
) -> list[str]:
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{LANE_LABELS[lane]}</span>'
        for lane, colour in QUAD_COLOURS.items()
    )
    out = [
        '<h2 id="timeline">Timeline</h2>',
        timeline_svg(dossier["timeline"], classes),
        f'<div class="legend">{legend}</div>',
    ]
    if not dossier["timeline"]:
        return out
    out.append("<table><tr><th>date</th><th>what</th><th>who</th><th>sentence</th></tr>")
    for e in dossier["timeline"]:
        who = f"{_e(e['source'])} → {_e(e['target'])}" if e["kind"] == "event" else ""
        restated = ' <span class="restated">restated</span>' if e["background"] else ""
        if e.get("also"):
            who += f'<br><span class="muted">also: {_e("; ".join(e["also"]))}</span>'
        out.append(
            f'<tr><td class="day">{_e(entry_date(e))}</td>'
            f'<td class="type">{_e(e["type"])}{restated}</td>'
            f"<td>{who}</td><td>{_e(e['summary'])} {_cites(e['citations'], numbers)}</td></tr>"
        )
    out.append("</table>")
    return out


def _relations(dossier: dict[str, Any]) -> list[str]:
    out = ['<h2 id="relations">Relations</h2>']
    if not dossier["relations"]:
        out.append('<p class="muted">Name two or more actors for a relation series.</p>')
    for rel in dossier["relations"]:
        weights = ", ".join(f"{k.replace('_', ' ')} {v:+g}" for k, v in rel["weights"].items())
        out += [
            f"<h3>{_e(rel['a'])} – {_e(rel['b'])}</h3>",
            f'<p class="muted">Mean event weight per month ({_e(weights)}); the number over '
            "each bar is its events.</p>",
            relation_svg(rel["series"], rel["weights"]),
        ]
    return out


def _stories(dossier: dict[str, Any]) -> list[str]:
    out = ['<h2 id="stories">Stories and threads</h2>']
    for t in dossier["threads"]:
        out.append(
            f"<p>Thread <b>{_e(t['label'])}</b> <code>{_e(t['id'])}</code>: "
            f"{len(t['stories'])} stories, {_e(t['start'])} – {_e(t['end'])}</p>"
        )
    out.append("<table><tr><th>dates</th><th>story</th><th>articles</th><th>outlets</th></tr>")
    for s in dossier["stories"]:
        dates = _e(s["start"] or "undated") + (
            f" – {_e(s['end'])}" if s["end"] and s["end"] != s["start"] else ""
        )
        out.append(
            f"<tr><td>{dates}</td><td>{_e(s['label'])} <code>{_e(s['id'])}</code></td>"
            f'<td class="n">{s["articles"]}</td><td>{_e(", ".join(s["outlets"]))}</td></tr>'
        )
    out.append("</table>")
    return out


def _comparison(comparison: dict[str, Any]) -> list[str]:
    out = ['<h2 id="outlets">How each outlet told it</h2>']
    outlets = [str(o["name"]) for o in comparison.get("outlets", [])]
    if not outlets:
        return [*out, '<p class="muted">No outlets to compare.</p>']
    head = "".join(f"<th>{_e(o)}</th>" for o in outlets)
    out += ["<h3>Who reported what</h3>", f"<table><tr><th>fact</th>{head}</tr>"]
    for fact in comparison.get("facts", []):
        cells = "".join(
            '<td class="yes">●</td>' if fact["outlets"].get(o) else '<td class="no">·</td>'
            for o in outlets
        )
        out.append(f"<tr><td>{_e(fact['label'])}</td>{cells}</tr>")
    out += [
        "</table>",
        "<h3>Distinctive wording</h3><table><tr><th>outlet</th><th>terms "
        "(weighted log-odds z)</th></tr>",
    ]
    for outlet, terms in comparison.get("terms", {}).items():
        words = ", ".join(f"{_e(t['term'])} ({t['z']:.1f})" for t in terms) or "none stands out"
        out.append(f"<tr><td>{_e(outlet)}</td><td>{words}</td></tr>")
    out += [
        "</table>",
        "<h3>Competing terms</h3><table><tr><th>referent</th><th>outlet</th>"
        "<th>terms used</th></tr>",
    ]
    for group in comparison.get("referents", []):
        for outlet, counts in group["counts"].items():
            used = ", ".join(f"{_e(t)} ×{n}" for t, n in counts.items() if n)
            out.append(
                f"<tr><td>{_e(group['label'])}</td><td>{_e(outlet)}</td><td>{used}</td></tr>"
            )
    out += [
        "</table>",
        "<h3>Whom each outlet quotes</h3><table><tr><th>outlet</th>"
        "<th>by kind of source</th><th>top speakers</th></tr>",
    ]
    for outlet, row in comparison.get("attribution", {}).items():
        kinds = ", ".join(f"{_e(k)} {n}" for k, n in row["kinds"].items() if n)
        speakers = ", ".join(
            f"{_e(s)} {n}" for s, n in [(x["name"], x["count"]) for x in row["speakers"][:5]]
        )
        out.append(f"<tr><td>{_e(outlet)}</td><td>{kinds}</td><td>{speakers}</td></tr>")
    out.append("</table>")
    return out


def _actors(dossier: dict[str, Any]) -> list[str]:
    out = [
        '<h2 id="actors">Actors</h2><table><tr><th>actor</th><th>kind</th><th>country</th>'
        "<th>sector</th><th>events</th><th>quotes</th></tr>"
    ]
    for a in dossier["actors"]:
        out.append(
            f"<tr><td>{_e(a['name'])}</td><td>{_e(a['kind'])}</td><td>{_e(a['country'])}</td>"
            f'<td>{_e(a["sector"])}</td><td class="n">{a["events"]}</td>'
            f'<td class="n">{a["quotes"]}</td></tr>'
        )
    out.append("</table>")
    return out
