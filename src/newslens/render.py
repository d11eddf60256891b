"""Rich renderings for the CLI. Library code never prints; the CLI calls these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newslens.export import ARTICLE_FIELDS

if TYPE_CHECKING:
    from newslens.pipeline import IngestReport
    from newslens.store import QuarantineEntry, SearchHit, StoredArticle


def _date(value: object) -> str:
    return str(value) if value else "—"


def ingest_report(console: Console, report: IngestReport, where: str) -> None:
    """The ingest summary: read, ingested, already stored, copies, quarantined by reason."""
    table = Table(title="Ingest report", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_row("read", str(report.read))
    table.add_row("ingested (new articles)", str(report.ingested))
    table.add_row("already stored (unchanged)", str(report.unchanged))
    table.add_row("exact copies of another article", str(report.duplicates))
    table.add_row("quarantined", str(report.quarantined_total))
    for reason, count in sorted(report.quarantined.items()):
        table.add_row(f"  {reason}", str(count))
    for fmt, count in sorted(report.formats.items()):
        table.add_row(f"read as {fmt}", str(count))
    console.print(table)
    console.print(f"Store: {where}")
    if report.quarantined_total:
        console.print("See why inputs were refused: [bold]newslens quarantine[/]")


def quarantine_table(console: Console, entries: list[QuarantineEntry]) -> None:
    if not entries:
        console.print("Quarantine is empty: every input was ingested.")
        return
    table = Table(title=f"Quarantine ({len(entries)})", title_justify="left")
    table.add_column("source", overflow="fold")
    table.add_column("reason", style="yellow")
    table.add_column("detail", overflow="fold")
    for entry in entries:
        table.add_row(entry.source_path, entry.reason, entry.detail)
    console.print(table)


def article_table(console: Console, articles: list[StoredArticle]) -> None:
    table = Table(title="Articles", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("published")
    table.add_column("outlet")
    table.add_column("title", overflow="fold")
    table.add_column("source", overflow="fold", style="dim")
    for a in articles:
        title = a.title or Text(a.body[:80] + "…", style="dim italic")
        outlet = a.outlet or "—"
        if a.original_outlet:
            outlet += f" (from {a.original_outlet})"
        table.add_row(a.id, _date(a.published), outlet, title, a.source_path)
    console.print(table)


def article_detail(
    console: Console, article: StoredArticle, original: tuple[str, list[str]] | None
) -> None:
    meta = Table(show_header=False, box=None)
    meta.add_column("field", style="bold")
    meta.add_column("value", overflow="fold")
    for field in ARTICLE_FIELDS:
        if field in ("title", "body"):
            continue
        meta.add_row(field, _date(getattr(article, field)))
    console.print(Panel(meta, title=article.title or "(no title)", title_align="left"))
    console.print(Text(article.body))
    if original:
        _, removed = original
        console.print(Panel("\n".join(removed) or "(nothing)", title="Removed as junk"))


def search_hits(console: Console, query: str, hits: list[SearchHit]) -> None:
    if not hits:
        console.print(f"No article matches {query!r}.")
        return
    table = Table(title=f"{len(hits)} hits for {query!r}", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("published")
    table.add_column("outlet")
    table.add_column("title / snippet", overflow="fold")
    for hit in hits:
        text = Text(hit.title or "(no title)", style="bold")
        text.append("\n")
        text.append(hit.snippet.replace("\n", " "))
        table.add_row(hit.article_id, _date(hit.published), hit.outlet or "—", text)
    console.print(table)
