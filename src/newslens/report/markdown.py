"""The dossier as Markdown: readable as plain text, renders on any forge.

Every sentence carries its citation ``[Outlet, date · Sn]``, where ``Sn`` is its entry in the
sources appendix at the end.
"""

from __future__ import annotations

from typing import Any


def source_numbers(dossier: dict[str, Any]) -> dict[str, int]:
    """Article id -> its number in the sources appendix (1-based, date order)."""
    return {s["id"]: n for n, s in enumerate(dossier["sources"], start=1)}


def cite(citation: dict[str, Any], numbers: dict[str, int]) -> str:
    """``[Outlet, 2022-04-19 · S3]`` for one citation."""
    outlet = citation.get("outlet") or "unknown outlet"
    day = citation.get("published") or "undated"
    number = numbers.get(citation["article_id"])
    return f"[{outlet}, {day}" + (f" · S{number}]" if number else "]")


def entry_date(entry: dict[str, Any]) -> str:
    if entry["date"]:
        return str(entry["date"])
    if entry["date_earliest"] or entry["date_latest"]:
        first = entry["date_earliest"] or ""
        last = entry["date_latest"] or ""
        if first and not last:
            return f"after {first}"
        if last and not first:
            return f"before {last}"
        return f"{first} – {last}"
    return "undated"


def _cell(text: object) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def render_markdown(dossier: dict[str, Any]) -> str:
    """The whole dossier as one Markdown document."""
    numbers = source_numbers(dossier)
    out: list[str] = [f"# Dossier: {dossier['title']}", ""]
    overview = dossier["overview"]
    span = (
        f"from {overview['first']} to {overview['last']}"
        if overview["first"]
        else "with no stated dates"
    )
    out += [
        f"{overview['independent_articles']} articles ({overview['copies']} further copies) from "
        f"{len(overview['outlets'])} outlets, {span}"
        + (f"; {overview['undated_articles']} undated" if overview["undated_articles"] else "")
        + f". {overview['events']} events, {overview['quotes']} quotes. "
        f"Made by newslens {dossier['newslens_version']}; every sentence below is quoted from a "
        "source article and cited.",
        "",
        "## Summary",
        "",
    ]
    for sentence in dossier["summary"]:
        cites = " ".join(cite(c, numbers) for c in sentence["citations"])
        out.append(f"- {' '.join(sentence['text'].split())} {cites}")
    if not dossier["summary"]:
        out.append("No sentence in scope.")
    out += ["", "## Timeline", ""]
    if dossier["timeline"]:
        out += ["| date | what | who | sentence | sources |", "| --- | --- | --- | --- | --- |"]
        for e in dossier["timeline"]:
            who = f"{e['source'] or '—'} → {e['target'] or '—'}" if e["kind"] == "event" else ""
            what = e["type"] + (" (restated)" if e["background"] else "")
            cites = " ".join(cite(c, numbers) for c in e["citations"])
            also = f" (also: {'; '.join(e['also'])})" if e.get("also") else ""
            out.append(
                f"| {entry_date(e)} | {what} | {_cell(who + also)} | {_cell(e['summary'])} "
                f"| {cites} |"
            )
    else:
        out.append("No dated events in scope.")
    out += _relations(dossier)
    out += _stories(dossier)
    out += _comparison(dossier["comparison"])
    out += ["", "## Top quotes", ""]
    for q in dossier["quotes"]:
        mark = "“" + q["text"] + "”" if q["direct"] else q["text"]
        source = cite({"article_id": q["article_id"], **q}, numbers)
        out.append(f"- **{q['speaker'] or 'unnamed'}** ({q['cue']}): {mark} {source}")
    if not dossier["quotes"]:
        out.append("No quotes in scope.")
    out += ["", "## Actors", "", "| actor | kind | country | sector | events | quotes |"]
    out.append("| --- | --- | --- | --- | ---: | ---: |")
    for a in dossier["actors"]:
        out.append(
            f"| {_cell(a['name'])} | {_cell(a['kind'])} | {_cell(a['country'])} | "
            f"{_cell(a['sector'])} | {a['events']} | {a['quotes']} |"
        )
    out += ["", "## Sources", ""]
    for number, s in enumerate(dossier["sources"], start=1):
        day = s["published"] or entry_date(
            {
                "date": None,
                "date_earliest": s["published_earliest"],
                "date_latest": s["published_latest"],
            }
        )
        copy = f" (copy of {s['duplicate_of']})" if s["duplicate_of"] else ""
        link = f" <{s['url']}>" if s["url"] else ""
        out.append(
            f"S{number}. {s['outlet'] or 'unknown outlet'}, {day}: "
            f"{s['title'] or '(untitled)'}{copy} — `{s['id']}`{link}"
        )
    return "\n".join(out) + "\n"


def _relations(dossier: dict[str, Any]) -> list[str]:
    out = ["", "## Relations", ""]
    if not dossier["relations"]:
        return [*out, "Name two or more actors (`--actor A --actor B`) for a relation series."]
    for rel in dossier["relations"]:
        out += [
            f"### {rel['a']} – {rel['b']}",
            "",
            "Score: mean event weight per month ("
            + ", ".join(f"{k.replace('_', ' ')} {v:+g}" for k, v in rel["weights"].items())
            + ").",
            "",
        ]
        if not rel["series"]:
            out.append("No dated events between them.")
            continue
        out += ["| month | events | score | by type |", "| --- | ---: | ---: | --- |"]
        for p in rel["series"]:
            types = ", ".join(f"{t} {n}" for t, n in p["by_type"].items())
            out.append(f"| {p['start'][:7]} | {p['events']} | {p['score']:+.2f} | {types} |")
        out.append("")
    return out


def _stories(dossier: dict[str, Any]) -> list[str]:
    out = ["", "## Stories and threads", ""]
    for t in dossier["threads"]:
        out.append(
            f"- Thread **{t['label']}** (`{t['id']}`), {t['start'] or '?'} – {t['end'] or '?'}: "
            f"{len(t['stories'])} stories"
        )
    for s in dossier["stories"]:
        dates = f"{s['start'] or 'undated'}" + (
            f" – {s['end']}" if s["end"] and s["end"] != s["start"] else ""
        )
        outlets = ", ".join(s["outlets"]) or "unknown outlets"
        out.append(f"- {dates}: {s['label']} — {s['articles']} articles ({outlets}) `{s['id']}`")
    if len(out) == 3:
        out.append("No stories in scope.")
    return out


def _comparison(comparison: dict[str, Any]) -> list[str]:
    out = ["", "## How each outlet told it", ""]
    outlets = [str(o["name"]) for o in comparison.get("outlets", [])]
    if not outlets:
        return [*out, "No outlets to compare."]
    out += [
        "### Who reported what",
        "",
        "| fact | " + " | ".join(_cell(o) for o in outlets) + " |",
        "| --- | " + " | ".join(":---:" for _ in outlets) + " |",
    ]
    for fact in comparison.get("facts", []):
        marks = ["●" if fact["outlets"].get(o) else "·" for o in outlets]
        out.append(f"| {_cell(fact['label'])} | " + " | ".join(marks) + " |")
    out += ["", "### Distinctive wording", ""]
    for outlet, terms in comparison.get("terms", {}).items():
        words = ", ".join(f"{t['term']} ({t['z']:.1f})" for t in terms) or "none stands out"
        out.append(f"- **{outlet}**: {words}")
    out += ["", "### Competing terms", ""]
    for group in comparison.get("referents", []):
        out.append(
            f"- **{group['label']}**: "
            + "; ".join(
                f"{outlet}: " + ", ".join(f"{term} ×{n}" for term, n in counts.items() if n)
                for outlet, counts in group["counts"].items()
            )
        )
    if not comparison.get("referents"):
        out.append("No referent named in competing terms.")
    out += ["", "### Whom each outlet quotes", ""]
    for outlet, row in comparison.get("attribution", {}).items():
        kinds = ", ".join(f"{k} {n}" for k, n in row["kinds"].items() if n) or "no quotes"
        speakers = ", ".join(
            f"{s} {n}" for s, n in [(x["name"], x["count"]) for x in row["speakers"][:5]]
        )
        out.append(f"- **{outlet}**: {kinds}" + (f" — {speakers}" if speakers else ""))
    return out
