"""The command line: a thin Typer layer over the library; renders with Rich.

Only this module (and the API/web edges) turns errors into messages: one line on stderr, exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newslens import __version__, render
from newslens.cli_analysis import register as register_analysis
from newslens.cli_common import (
    EngineOption,
    JsonOption,
    RayAddressOption,
    State,
    WorkersOption,
    console,
    err_console,
    open_store,
    progress_bar,
)
from newslens.cli_events import register as register_events
from newslens.cli_report import register as register_report
from newslens.cli_server import register as register_server
from newslens.errors import ColumnMapError, NewslensError
from newslens.records import ReadOptions

app = typer.Typer(
    help="newslens: turn piles of news articles into a sourced, dated picture of what happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite path or database URL (default ./newslens.db or NEWSLENS_DB)."
    ),
]


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


def run_ingest(
    paths: list[Path],
    fmt: str,
    outlet: str | None,
    mapping: list[str],
    db: str | None,
    max_document_mb: float = 20.0,
    engine_name: str = "local",
    ray_address: str | None = None,
    workers: int | None = None,
) -> Any:
    """Ingest with a progress bar; returns the store and the report."""
    from newslens.engine import open_engine
    from newslens.pipeline import ingest as run

    options = ReadOptions(
        column_map=_parse_map(mapping),
        outlet=outlet,
        max_document_bytes=int(max_document_mb * 1024 * 1024),
    )
    store = open_store(db)
    engine = open_engine(engine_name, ray_address, workers)
    try:
        with progress_bar() as progress:
            task = progress.add_task("ingesting", total=None, current="")

            def advance(done: int, current: str) -> None:
                progress.update(task, completed=done, current=current[-60:])

            report = run(
                store, [str(p) for p in paths], fmt, options, progress=advance, engine=engine
            )
    except KeyboardInterrupt:
        err_console.print(
            "[yellow]Interrupted.[/] Everything committed so far is kept; run the same command "
            "again to resume."
        )
        raise typer.Exit(130) from None
    finally:
        engine.close()
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
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles from files, folders, dumps, feeds, crawls or URL lists into the store."""
    store, report = run_ingest(
        paths, fmt, outlet, mapping or [], None, max_document_mb, engine, ray_address, workers
    )
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        render.ingest_report(console, report, store.url)


@app.command()
def quarantine(as_json: JsonOption = False) -> None:
    """Inputs that were refused, each with its source and reason."""
    entries = open_store().quarantine()
    if as_json:
        rows = [
            {"source_path": e.source_path, "reason": e.reason, "detail": e.detail} for e in entries
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    render.quarantine_table(console, entries)


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help="articles, stories, events, quotes or actors")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl|csv|parquet")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default stdout).")] = None,
) -> None:
    """Write articles, stories, events, quotes or actors as JSONL, CSV or Parquet."""
    from newslens.export import export as run

    count = run(open_store(), kind, fmt, out, sys.stdout)
    if out is not None:
        err_console.print(f"wrote {count} {kind} to {out}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, or "a quoted phrase".')],
    limit: Annotated[int, typer.Option(help="How many hits.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article titles and bodies."""
    hits = open_store().search(query, limit)
    if as_json:
        rows = [h.to_dict() for h in hits]
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

    rows = open_store().articles(limit, offset)
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

    store = open_store()
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
    with progress_bar() as progress:
        task = progress.add_task("building", total=None, current="")
        built = run_build(
            store, progress=lambda stage, n: progress.update(task, description=stage, completed=n)
        )
    render.build_report(console, built, store.url)
    render.story_table(console, store.stories(limit=12))
    render.thread_table(console, store.threads())
    from newslens.export import event_record

    shown = [e for e in store.events(limit=400) if len(e.evidence) > 1][:8]
    actors = store.actors_by_id({a for e in shown for a in (e.source, e.target, e.claimed_by) if a})
    render.event_table(console, [event_record(e, actors) for e in shown])
    from newslens.demo import write_demo_dossier

    dossiers = write_demo_dossier(store, out)
    console.print(f"\n[bold green]Demo store:[/] {db.resolve()}")
    console.print(f"[bold green]Dossier of the main thread:[/] {dossiers[0].resolve()}")
    console.print("  also as " + ", ".join(str(p) for p in dossiers[1:]))
    console.print(f"Explore it: newslens --db {db} stories | story ID | search WORDS | quarantine")


register_analysis(app)
register_events(app)
register_report(app)
register_server(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: newslens errors become one line on stderr and exit status 1."""
    try:
        app(args=argv, prog_name="newslens")
    except NewslensError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
