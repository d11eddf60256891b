"""Rich renderings for the CLI. Library code never prints; the CLI calls these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newslens.export import ARTICLE_FIELDS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslens.evaluate import ClusteringScores
    from newslens.evaluate_events import EventScores
    from newslens.events import DyadPeriod
    from newslens.pipeline import BuildReport, IngestReport
    from newslens.records import Actor, Reference, Story, Thread
    from newslens.store import ActorSummary, QuarantineEntry, SearchHit, StoredArticle


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


def build_report(console: Console, report: BuildReport, where: str) -> None:
    """The build summary: fingerprints, copies, clustering, stories and threads."""
    table = Table(title="Build report", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_row("articles fingerprinted", str(report.fingerprinted))
    table.add_row("copies linked to their original", str(report.duplicates))
    table.add_row("articles analysed (sentences, actors, times)", str(report.analysed))
    if report.skipped:
        table.add_row("  skipped (not English, or empty)", str(report.skipped))
    table.add_row("new actors", str(report.actors))
    table.add_row("events coded (sentences)", str(report.events_coded))
    table.add_row("events after merging reports", str(report.events))
    table.add_row("quotes", str(report.quotes))
    table.add_row("articles placed in stories", str(report.clustered))
    table.add_row("stories updated", str(report.stories_touched))
    table.add_row("stories", str(report.stories))
    table.add_row("threads", str(report.threads))
    console.print(table)
    console.print(f"Store: {where}")
    console.print("See them: [bold]newslens stories[/], [bold]newslens threads[/]")


def story_table(console: Console, stories: list[Story]) -> None:
    if not stories:
        console.print("No stories yet: run [bold]newslens build[/] after ingesting.")
        return
    table = Table(title=f"Stories ({len(stories)} shown)", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("n", justify="right")
    table.add_column("label", overflow="fold")
    table.add_column("outlets", overflow="fold", style="dim")
    for s in stories:
        dates = _date(s.start) if s.start == s.end else f"{_date(s.start)} – {_date(s.end)}"
        table.add_row(s.id, dates, str(len(s.article_ids)), s.label, ", ".join(s.outlets))
    console.print(table)


def story_detail(
    console: Console, story: Story, articles: list[StoredArticle], copies: list[StoredArticle]
) -> None:
    meta = Table(show_header=False, box=None)
    meta.add_column("field", style="bold")
    meta.add_column("value", overflow="fold")
    meta.add_row("id", story.id)
    meta.add_row("dates", f"{_date(story.start)} – {_date(story.end)}")
    meta.add_row("outlets", ", ".join(story.outlets) or "—")
    meta.add_row("keywords", ", ".join(story.keywords) or "—")
    meta.add_row("entities", ", ".join(story.entities) or "—")
    meta.add_row("thread", story.thread_id or "—")
    console.print(Panel(meta, title=story.label, title_align="left"))
    article_table(console, articles)
    if copies:
        console.print(f"{len(copies)} copies (not counted in the story):")
        article_table(console, copies)


def thread_table(console: Console, threads: list[Thread]) -> None:
    if not threads:
        console.print("No threads yet: run [bold]newslens build[/] after ingesting.")
        return
    table = Table(title=f"Threads ({len(threads)})", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("stories", justify="right")
    table.add_column("label", overflow="fold")
    for t in threads:
        dates = f"{_date(t.start)} – {_date(t.end)}"
        table.add_row(t.id, dates, str(len(t.story_ids)), t.label)
    console.print(table)
    console.print("A thread's stories: [bold]newslens stories --thread ID[/]")


def clustering_scores(console: Console, scores: ClusteringScores) -> None:
    table = Table(title="Story clustering (B-cubed)", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    table.add_row("precision", f"{scores.precision:.4f}")
    table.add_row("recall", f"{scores.recall:.4f}")
    table.add_row("F1", f"{scores.f1:.4f}")
    table.add_row("labelled articles found", f"{scores.found} of {scores.labelled}")
    table.add_row("predicted clusters", str(scores.predicted_clusters))
    table.add_row("gold clusters", str(scores.gold_clusters))
    console.print(table)
    if scores.missing:
        console.print(f"[yellow]{len(scores.missing)} labelled articles are not in the store.[/]")


def event_scores(console: Console, scores: EventScores) -> None:
    """Precision, recall and F1 by type, the summary measures, then the confusion table."""
    table = Table(title=f"Events by type (model: {scores.model})", title_justify="left")
    for name in ("type", "precision", "recall", "F1", "gold"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for kind, row in scores.by_type.items():
        table.add_row(
            kind,
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(int(row["support"])),
        )
    micro = scores.micro
    table.add_row(
        "[bold]micro[/]",
        f"{micro.get('precision', 0):.3f}",
        f"{micro.get('recall', 0):.3f}",
        f"[bold]{micro.get('f1', 0):.3f}[/]",
        str(int(micro.get("support", 0))),
    )
    table.add_row("[bold]macro[/]", "", "", f"{scores.macro_f1:.3f}", "")
    console.print(table)
    console.print(
        f"{scores.sentences} sentences, {scores.gold_events} gold events; "
        f"type + source country right: {scores.type_and_source_country:.1%}; "
        f"type + source and target country: {scores.type_and_dyad_country:.1%}; "
        f"events found: {scores.events_found:.1%}; "
        f"other types per sentence: {scores.other_types_per_sentence:.2f}"
    )
    mistakes = sorted(
        (
            (count, gold, predicted)
            for gold, row in scores.confusion.items()
            for predicted, count in row.items()
            if predicted != gold and count
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    labels = sorted({k for row in scores.confusion.values() for k in row} | set(scores.confusion))
    if console.width >= 14 + 7 * len(labels):
        matrix = Table(title="Confusion (rows: gold, columns: coded)", title_justify="left")
        matrix.add_column("gold", style="bold", min_width=11, no_wrap=True)
        for label in labels:
            matrix.add_column(label[:4], justify="right")
        for gold, counts in scores.confusion.items():
            matrix.add_row(gold, *[str(counts.get(label, "")) for label in labels])
        console.print(matrix)
    if not mistakes:
        return
    confusion = Table(
        title="Most frequent confusions (the whole matrix is in --json)", title_justify="left"
    )
    confusion.add_column("gold", style="bold")
    confusion.add_column("coded as")
    confusion.add_column("sentences", justify="right")
    for count, gold, predicted in mistakes[:15]:
        confusion.add_row(gold, predicted, str(count))
    console.print(confusion)


def actor_table(console: Console, summaries: list[ActorSummary]) -> None:
    if not summaries:
        console.print("No actors yet: run [bold]newslens build[/] after ingesting.")
        return
    table = Table(title=f"Actors ({len(summaries)} shown)", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("kind")
    table.add_column("country")
    table.add_column("mentions", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("aliases / roles", overflow="fold", style="dim")
    for summary in summaries:
        a = summary.actor
        extra = ", ".join([*a.aliases[:6], *a.roles[:3]])
        table.add_row(
            a.name, a.kind, a.country or "—", str(summary.mentions), str(summary.articles), extra
        )
    console.print(table)


def actor_detail(
    console: Console,
    actor: Actor,
    mentions: list[tuple[str, str, str]],
    references: Sequence[Reference] = (),
) -> None:
    meta = Table(show_header=False, box=None)
    meta.add_column("field", style="bold")
    meta.add_column("value", overflow="fold")
    for field, value in (
        ("id", actor.id),
        ("kind", actor.kind),
        ("country", actor.country or "—"),
        ("sector", actor.sector or "—"),
        ("roles", ", ".join(actor.roles) or "—"),
        ("aliases", ", ".join(actor.aliases) or "—"),
    ):
        meta.add_row(field, value)
    console.print(Panel(meta, title=actor.name, title_align="left"))
    for article_id, text, sentence in mentions:
        line = Text(f"{article_id}  ", style="cyan")
        line.append(f"[{text}] ", style="bold")
        line.append(sentence)
        console.print(line)
    if references:
        console.print(Text("Resolved references (pronouns, groups)", style="bold"))
    for ref in references:
        line = Text(f"{ref.article_id}  ", style="cyan")
        line.append(f"[{ref.text}] ", style="bold")
        line.append(f"{ref.how}, sentence {ref.sentence_index + 1}, from ")
        line.append(" + ".join(f"'{m.text}'" for m in ref.antecedents) or "—", style="italic")
        console.print(line)


def event_table(console: Console, records: list[dict[str, object]]) -> None:
    if not records:
        console.print("No events match: run [bold]newslens build[/], or widen the filters.")
        return
    table = Table(title=f"Events ({len(records)})", title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("type", style="bold")
    table.add_column("source → target", overflow="fold")
    table.add_column("flags", style="yellow")
    table.add_column("evidence", overflow="fold")
    for r in records:
        day = r["date"] or (
            f"{r['date_earliest']}…{r['date_latest']}" if r["date_earliest"] else "—"
        )
        flags = [f for f in ("negated", "hypothetical", "background") if r[f]]
        if r.get("claimed_by"):
            flags.append(f"claimed by {r['claimed_by']}")
        evidence = r["evidence"]
        assert isinstance(evidence, list)
        first = evidence[0] if evidence else {}
        more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
        table.add_row(
            str(day),
            str(r["type"]),
            f"{r['source'] or '—'} → {r['target'] or '—'}",
            ", ".join(flags),
            f"{first.get('sentence', '')}{more}",
        )
    console.print(table)


def quote_table(console: Console, records: list[dict[str, object]]) -> None:
    if not records:
        console.print("No quotes: run [bold]newslens build[/] after ingesting.")
        return
    table = Table(title=f"Quotes ({len(records)})", title_justify="left")
    table.add_column("speaker", style="bold")
    table.add_column("cue")
    table.add_column("text", overflow="fold")
    for r in records:
        text = f"“{r['text']}”" if r["direct"] else str(r["text"])
        table.add_row(str(r["speaker"] or r["speaker_text"] or "—"), str(r["cue"]), text)
    console.print(table)


def dyad_table(console: Console, a: str, b: str, series: list[DyadPeriod]) -> None:
    if not series:
        console.print(f"No dated events between {a} and {b}.")
        return
    table = Table(title=f"{a} – {b}", title_justify="left")
    table.add_column("period")
    table.add_column("events", justify="right")
    table.add_column("score", justify="right")
    table.add_column("by type", overflow="fold")
    for p in series:
        types = ", ".join(f"{k} {v}" for k, v in p.by_type.items())
        table.add_row(p.start.isoformat(), str(p.events), f"{p.score:+.2f}", types)
    console.print(table)
    console.print("Score: mean of +2 material cooperation … −2 material conflict (quad.toml).")
