"""Rich renderings of timelines and outlet comparisons for the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from newslens.analysis.timeline import TimelineEntry


def entry_date(entry: TimelineEntry) -> str:
    """An entry's date, or its interval (``…2022-04-19`` when only the end is known)."""
    if entry.date:
        return entry.date.isoformat()
    if entry.date_earliest or entry.date_latest:
        first = entry.date_earliest.isoformat() if entry.date_earliest else ""
        last = entry.date_latest.isoformat() if entry.date_latest else ""
        return f"{first}…{last}"
    return "undated"


def timeline_table(console: Console, title: str, entries: list[TimelineEntry]) -> None:
    if not entries:
        console.print(
            "Nothing dated matches: run [bold]newslens build[/], or widen the actors, keywords "
            "or dates."
        )
        return
    table = Table(title=f"Timeline: {title} ({len(entries)} entries)", title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("what", style="bold")
    table.add_column("who", overflow="fold")
    table.add_column("sentence", overflow="fold")
    table.add_column("sources", overflow="fold", style="dim")
    for entry in entries:
        who = f"{entry.source or '—'} → {entry.target or '—'}" if entry.kind == "event" else ""
        if entry.also:
            who += " (also: " + "; ".join(entry.also) + ")"
        what = entry.type + (" (restated)" if entry.background else "")
        sources = "; ".join(
            f"{c.outlet or 'unknown outlet'} {c.published or 'undated'}" for c in entry.citations
        )
        table.add_row(entry_date(entry), what, who, entry.summary, sources)
    console.print(table)


def comparison_tables(console: Console, title: str, comparison: dict[str, Any]) -> None:
    """The coverage matrix, distinctive wording, competing terms and attribution."""
    outlets = [str(o["name"]) for o in comparison.get("outlets", [])]
    if not outlets:
        console.print("No articles in this story or thread: check the id with `newslens stories`.")
        return
    coverage = Table(title=f"Who reported what: {title}", title_justify="left")
    coverage.add_column("fact", overflow="fold")
    for outlet in outlets:
        coverage.add_column(outlet, justify="center")
    for fact in comparison.get("facts", []):
        marks = ["●" if fact["outlets"].get(o) else "·" for o in outlets]
        coverage.add_row(str(fact["label"]), *marks)
    console.print(coverage)
    wording = Table(title="Distinctive wording (log-odds z)", title_justify="left")
    wording.add_column("outlet", style="bold")
    wording.add_column("terms", overflow="fold")
    for outlet, terms in comparison.get("terms", {}).items():
        wording.add_row(outlet, ", ".join(f"{t['term']} ({t['z']:.1f})" for t in terms))
    console.print(wording)
    competing = Table(title="Competing terms for one referent", title_justify="left")
    competing.add_column("referent", style="bold")
    competing.add_column("outlet")
    competing.add_column("terms used", overflow="fold")
    for group in comparison.get("referents", []):
        for outlet, counts in group["counts"].items():
            used = ", ".join(f"{term} ×{n}" for term, n in counts.items() if n)
            competing.add_row(str(group["label"]), outlet, used)
    console.print(competing)
    sources = Table(title="Whom each outlet quotes", title_justify="left")
    sources.add_column("outlet", style="bold")
    sources.add_column("by kind of source", overflow="fold")
    sources.add_column("top speakers", overflow="fold")
    for outlet, row in comparison.get("attribution", {}).items():
        kinds = ", ".join(f"{k} {n}" for k, n in row["kinds"].items() if n)
        speakers = ", ".join(
            f"{s} {n}" for s, n in [(x["name"], x["count"]) for x in row["speakers"][:5]]
        )
        sources.add_row(outlet, kinds, speakers)
    console.print(sources)
