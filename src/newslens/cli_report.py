"""CLI commands that answer a question end to end: timeline, compare, report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newslens import render_report
from newslens.cli_common import JsonOption, console, open_store, parse_day, print_json

if TYPE_CHECKING:
    from newslens.report.gather import Request

ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor", help="About this actor (repeatable; a state covers its officials)."),
]
QueryOption = Annotated[str | None, typer.Option("--query", help="Keywords (full-text search).")]
FromOption = Annotated[str | None, typer.Option("--from", help="From YYYY-MM-DD.")]
ToOption = Annotated[str | None, typer.Option("--to", help="To YYYY-MM-DD.")]
StoryOption = Annotated[str | None, typer.Option("--story", help="Only this story (its id).")]
ThreadOption = Annotated[str | None, typer.Option("--thread", help="Only this thread (its id).")]


def _request(
    actor: list[str] | None,
    query: str | None,
    date_from: str | None,
    date_to: str | None,
    story: str | None = None,
    thread: str | None = None,
) -> Request:
    from newslens.report.gather import Request

    return Request(
        actors=tuple(actor or ()),
        query=query,
        story_id=story,
        thread_id=thread,
        date_from=parse_day(date_from, "--from"),
        date_to=parse_day(date_to, "--to"),
    )


def register(app: typer.Typer) -> None:
    """Add the report commands to the app."""

    @app.command()
    def timeline(
        actor: ActorOption = None,
        query: QueryOption = None,
        date_from: FromOption = None,
        date_to: ToOption = None,
        story: StoryOption = None,
        thread: ThreadOption = None,
        limit: Annotated[int, typer.Option(help="How many entries, the most important.")] = 30,
        as_json: JsonOption = False,
    ) -> None:
        """A dated, cited timeline: merged events and story milestones, most important first."""
        from newslens.analysis.timeline import build_timeline
        from newslens.report.gather import gather

        store = open_store()
        request = _request(actor, query, date_from, date_to, story, thread)
        bundle = gather(store, request, full=False)
        entries = build_timeline(bundle, limit=limit)
        if as_json:
            print_json([e.to_dict() for e in entries])
            return
        render_report.timeline_table(console, bundle.scope.title, entries)

    @app.command()
    def compare(
        story_or_thread: Annotated[str, typer.Argument(help="A story id (s…) or thread id (t…).")],
        as_json: JsonOption = False,
    ) -> None:
        """How each outlet told a story or thread: coverage, wording, terms, whom they quote."""
        from newslens.analysis.compare import compare_outlets
        from newslens.report.gather import Request, gather

        store = open_store()
        is_story = store.get_story(story_or_thread) is not None
        request = Request(
            story_id=story_or_thread if is_story else None,
            thread_id=None if is_story else story_or_thread,
        )
        bundle = gather(store, request)
        comparison = compare_outlets(bundle).to_dict()
        if as_json:
            print_json(comparison)
            return
        render_report.comparison_tables(console, bundle.scope.title, comparison)

    @app.command()
    def report(
        out: Annotated[Path, typer.Option("--out", help="FILE.html, FILE.md or FILE.json.")],
        actor: ActorOption = None,
        query: QueryOption = None,
        date_from: FromOption = None,
        date_to: ToOption = None,
        story: StoryOption = None,
        thread: ThreadOption = None,
        timeline_limit: Annotated[
            int, typer.Option("--timeline-limit", help="Most timeline entries.")
        ] = 30,
        summary_sentences: Annotated[
            int, typer.Option("--summary-sentences", help="Most summary sentences.")
        ] = 8,
    ) -> None:
        """Write a dossier (summary, timeline, relations, outlets, quotes, sources) to a file."""
        from newslens.report import write_report

        store = open_store()
        request = _request(actor, query, date_from, date_to, story, thread)
        written = write_report(
            store,
            request,
            out,
            timeline_limit=timeline_limit,
            summary_sentences=summary_sentences,
        )
        console.print(f"Dossier written to [bold]{written}[/]")
