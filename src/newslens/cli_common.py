"""What the CLI modules share: consoles, the store option, progress bars, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newslens.errors import InputError

console = Console()
err_console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        envvar="NEWSLENS_ENGINE",
        help="Where the per-article stages run: local (this process) or ray (a Ray cluster).",
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        envvar="NEWSLENS_RAY_ADDRESS",
        help="Join the Ray cluster at this address (default: start a local Ray on this machine).",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Ray workers (default: one per CPU of the cluster)."),
]


class State:
    """The global options of one invocation."""

    db: str | None = None


def open_store(db: str | None = None) -> Any:
    """The store named by --db (or NEWSLENS_DB, or the default), migrated."""
    from newslens.store import Store

    return Store.open(db or State.db)


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.1f}/s" if task.speed else "", style="dim")


def progress_bar() -> Progress:
    """A transient progress bar on stderr (stdout stays clean for --json): items done, rate,
    time spent and, where the total is known, time left."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
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
