"""The command line: a thin Typer layer over the library; renders with Rich.

Only this module (and the API/web edges) turns errors into messages: one line on stderr, exit 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newslens import __version__, render
from newslens.errors import ColumnMapError, NewslensError
from newslens.records import ReadOptions

app = typer.Typer(
    help="newslens: turn piles of news articles into a sourced, dated picture of what happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite path or database URL (default ./newslens.db or NEWSLENS_DB)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class State:
    db: str | None = None


def _version(value: bool) -> None:
    if value:
        console.print(f"newslens {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: DbOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """newslens: turn piles of news articles into a sourced, dated picture of what happened."""
    State.db = db


def _open_store(db: str | None = None) -> Any:
    from newslens.store import Store

    return Store.open(db or State.db)


def _parse_map(pairs: list[str]) -> tuple[tuple[str, str], ...]:
    mapping = []
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column or not field:
            raise ColumnMapError(
                f"--map {pair!r} is not COLUMN=FIELD; write e.g. --map headline=title"
            )
        mapping.append((column, field))
    return tuple(mapping)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[current]}"),
        console=err_console,
        transient=True,
    )


def run_ingest(
    paths: list[Path],
    fmt: str,
    outlet: str | None,
    mapping: list[str],
    db: str | None,
    max_document_mb: float = 20.0,
) -> Any:
    """Ingest with a progress bar; returns the store and the report."""
    from newslens.pipeline import ingest as run

    options = ReadOptions(
        column_map=_parse_map(mapping),
        outlet=outlet,
        max_document_bytes=int(max_document_mb * 1024 * 1024),
    )
    store = _open_store(db)
    try:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None, current="")

            def advance(done: int, current: str) -> None:
                progress.update(task, completed=done, current=current[-60:])

            report = run(store, [str(p) for p in paths], fmt, options, progress=advance)
    except KeyboardInterrupt:
        err_console.print(
            "[yellow]Interrupted.[/] Everything committed so far is kept; run the same command "
            "again to resume."
        )
        raise typer.Exit(130) from None
    return store, report


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto|text|html|csv|jsonl|json|parquet|rss|warc|urls (auto detects per file).",
        ),
    ] = "auto",
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every document.")] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="COLUMN=FIELD: map an input column to an article field."),
    ] = None,
    max_document_mb: Annotated[
        float,
        typer.Option(help="Quarantine single documents larger than this (MiB) as too_large."),
    ] = 20.0,
    as_json: JsonOption = False,
) -> None:
    """Read articles from files, folders, dumps, feeds, crawls or URL lists into the store."""
    store, report = run_ingest(paths, fmt, outlet, mapping or [], None, max_document_mb)
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        render.ingest_report(console, report, store.url)


@app.command()
def quarantine(as_json: JsonOption = False) -> None:
    """Inputs that were refused, each with its source and reason."""
    entries = _open_store().quarantine()
    if as_json:
        rows = [
            {"source_path": e.source_path, "reason": e.reason, "detail": e.detail} for e in entries
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    render.quarantine_table(console, entries)


@app.command()
def export(
    kind: Annotated[
        str, typer.Argument(help="articles or stories (events quotes actors: later stages)")
    ],
    fmt: Annotated[str, typer.Option("--format", help="jsonl|csv|parquet")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default stdout).")] = None,
) -> None:
    """Write articles or stories (later also events, quotes, actors) as JSONL, CSV or Parquet."""
    from newslens.export import export as run

    count = run(_open_store(), kind, fmt, out, sys.stdout)
    if out is not None:
        err_console.print(f"wrote {count} {kind} to {out}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, or "a quoted phrase".')],
    limit: Annotated[int, typer.Option(help="How many hits.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article titles and bodies."""
    hits = _open_store().search(query, limit)
    if as_json:
        rows = [
            {
                "id": h.article_id,
                "title": h.title,
                "outlet": h.outlet,
                "published": h.published.isoformat() if h.published else None,
                "snippet": h.snippet,
                "score": round(h.score, 4),
            }
            for h in hits
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    render.search_hits(console, query, hits)


@app.command()
def articles(
    limit: Annotated[int, typer.Option(help="How many articles.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored articles in ingest order."""
    from newslens.export import article_record

    rows = _open_store().articles(limit, offset)
    if as_json:
        records = [{k: v for k, v in article_record(a).items() if k != "body"} for a in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    render.article_table(console, rows)


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(help="An article id (see `newslens articles`).")],
    raw: Annotated[
        bool, typer.Option(help="Also show the text as ingested and what was removed.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata and body (and, with --raw, the removed junk lines)."""
    from newslens.errors import InputError
    from newslens.export import article_record

    store = _open_store()
    found = store.get_article(article_id)
    if found is None:
        raise InputError(
            f"no article {article_id!r} in {store.url}; list ids with `newslens articles`"
        )
    original = store.raw_document(article_id) if raw else None
    if as_json:
        record = article_record(found)
        if original:
            record["raw"], record["removed_lines"] = original
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    render.article_detail(console, found, original)


@app.command()
def build(
    recluster: Annotated[
        bool, typer.Option(help="Forget every story and thread and cluster all articles again.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Link duplicates, group articles into stories and stories into threads (incremental)."""
    from newslens.pipeline import build as run

    store = _open_store()
    with _progress() as progress:
        task = progress.add_task("building", total=None, current="")

        def advance(stage: str, done: int) -> None:
            progress.update(task, description=stage, completed=done)

        report = run(store, recluster=recluster, progress=advance)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
        return
    render.build_report(console, report, store.url)


@app.command()
def stories(
    limit: Annotated[int, typer.Option(help="How many stories.")] = 30,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    thread: Annotated[str | None, typer.Option(help="Only the stories of this thread.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stories, biggest first: label, dates, articles, outlets, thread."""
    from newslens.export import story_record

    found = _open_store().stories(limit, offset, thread_id=thread)
    if as_json:
        rows = [story_record(s) for s in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    render.story_table(console, found)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (see `newslens stories`).")],
    as_json: JsonOption = False,
) -> None:
    """Show one story: label, keywords, dates, outlets and its articles with their copies."""
    from newslens.errors import InputError
    from newslens.export import article_record, story_record

    store = _open_store()
    found = store.get_story(story_id)
    if found is None:
        raise InputError(f"no story {story_id!r} in {store.url}; list ids with `newslens stories`")
    articles = [a for a in (store.get_article(i) for i in found.article_ids) if a]
    copies = store.copies_of(found.article_ids)
    if as_json:
        record = story_record(found)
        record["entities"] = list(found.entities)
        strip = ("body",)
        record["articles"] = [
            {k: v for k, v in article_record(a).items() if k not in strip} for a in articles
        ]
        record["copies"] = [
            {k: v for k, v in article_record(a).items() if k not in strip} for a in copies
        ]
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    render.story_detail(console, found, articles, copies)


@app.command()
def threads(as_json: JsonOption = False) -> None:
    """List threads: stories that continue one another over weeks or months."""
    found = _open_store().threads()
    if as_json:
        rows = [
            {
                "id": t.id,
                "label": t.label,
                "start": t.start.isoformat() if t.start else None,
                "end": t.end.isoformat() if t.end else None,
                "story_ids": list(t.story_ids),
            }
            for t in found
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    render.thread_table(console, found)


eval_app = typer.Typer(help="Measure quality against gold labels.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("clustering")
def eval_clustering(
    gold: Annotated[
        Path, typer.Option(help='JSONL lines of {"url": ..., "label": ...} (or source_path).')
    ],
    as_json: JsonOption = False,
) -> None:
    """B-cubed precision, recall and F1 of the stories against gold story labels."""
    from newslens.evaluate import evaluate_clustering

    result = evaluate_clustering(_open_store(), gold)
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict()) + "\n")
        return
    render.clustering_scores(console, result)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo store.")] = Path("demo-output"),
) -> None:
    """Run newslens on the bundled demo corpus and print where the result is."""
    from newslens.demo import demo_corpus

    out.mkdir(parents=True, exist_ok=True)
    db = out / "newslens.db"
    from newslens.pipeline import build as run_build

    store, report = run_ingest([demo_corpus()], "auto", None, [], str(db))
    render.ingest_report(console, report, store.url)
    render.quarantine_table(console, store.quarantine())
    with _progress() as progress:
        task = progress.add_task("building", total=None, current="")
        built = run_build(
            store, progress=lambda stage, n: progress.update(task, description=stage, completed=n)
        )
    render.build_report(console, built, store.url)
    render.story_table(console, store.stories(limit=12))
    render.thread_table(console, store.threads())
    console.print(f"\n[bold green]Demo store:[/] {db.resolve()}")
    console.print(f"Explore it: newslens --db {db} stories | story ID | search WORDS | quarantine")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: newslens errors become one line on stderr and exit status 1."""
    try:
        app(args=argv, prog_name="newslens")
    except NewslensError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
