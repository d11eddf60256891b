"""What the CLI modules share: consoles, the store option, progress bars, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newslens.errors import InputError

console = Console()
err_console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class State:
    """The global options of one invocation."""

    db: str | None = None


def open_store(db: str | None = None) -> Any:
    """The store named by --db (or NEWSLENS_DB, or the default), migrated."""
    from newslens.store import Store

    return Store.open(db or State.db)


def progress_bar() -> Progress:
    """A transient progress bar on stderr (stdout stays clean for --json)."""
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


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A ``--from``/``--to`` value as a date, or an error saying how to write it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None


def print_json(value: Any) -> None:
    """Write ``value`` as indented JSON on stdout (UTF-8 kept as is)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
