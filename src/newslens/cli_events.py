"""CLI commands over events and quotes: events, quotes, dyad."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from newslens import render
from newslens.cli_common import JsonOption, console, open_store, parse_day, print_json
from newslens.errors import InputError

if TYPE_CHECKING:
    from newslens.store import Store


def _actor_id(store: Store, name: str) -> str:
    """The id of the actor a user names, or an error saying how to find the names."""
    found = store.find_actor(name)
    if found is None:
        raise InputError(
            f"no actor named {name!r} in {store.url}; list them with `newslens actors`"
        )
    return found.id


def register(app: typer.Typer) -> None:
    """Add the event commands to the app."""

    @app.command()
    def events(
        actor: Annotated[
            list[str] | None, typer.Option("--actor", help="Involving this actor (repeatable).")
        ] = None,
        event_type: Annotated[
            str | None, typer.Option("--type", help="A PLOVER type (REQUEST/ACCUSE accepted).")
        ] = None,
        date_from: Annotated[str | None, typer.Option("--from", help="From YYYY-MM-DD.")] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="To YYYY-MM-DD.")] = None,
        limit: Annotated[int, typer.Option(help="How many events.")] = 100,
        as_json: JsonOption = False,
    ) -> None:
        """List events (who did what to whom, when), each with its evidence sentences."""
        from newslens.events import load_quad
        from newslens.export import event_record

        store = open_store()
        ids = [_actor_id(store, name) for name in actor or []]
        kind = load_quad().canonical(event_type) if event_type else None
        found = store.events(
            ids, kind, parse_day(date_from, "--from"), parse_day(date_to, "--to"), limit=limit
        )
        actors = store.actors_by_id(
            {a for e in found for a in (e.source, e.target, e.claimed_by) if a}
        )
        records = [event_record(e, actors) for e in found]
        if as_json:
            print_json(records)
            return
        render.event_table(console, records)

    @app.command()
    def quotes(
        speaker: Annotated[str | None, typer.Option(help="Only this speaker's quotes.")] = None,
        limit: Annotated[int, typer.Option(help="How many quotes.")] = 100,
        as_json: JsonOption = False,
    ) -> None:
        """List quotes with their speakers and cues, direct and indirect."""
        from newslens.export import quote_record

        store = open_store()
        speaker_id = _actor_id(store, speaker) if speaker else None
        found = store.quotes_of(speaker_id, limit=limit)
        actors = store.actors_by_id({q.speaker for q in found if q.speaker})
        records = [quote_record(q, actors) for q in found]
        if as_json:
            print_json(records)
            return
        render.quote_table(console, records)

    @app.command()
    def dyad(
        actor_a: Annotated[str, typer.Argument(help="One actor (name, alias or id).")],
        actor_b: Annotated[str, typer.Argument(help="The other actor.")],
        period: Annotated[str, typer.Option(help="week, month or year.")] = "month",
        as_json: JsonOption = False,
    ) -> None:
        """Relations between two actors: events per period by type and a cooperation score."""
        from newslens.events import dyad_series

        store = open_store()
        a, b = _actor_id(store, actor_a), _actor_id(store, actor_b)
        between = store.events([a, b], limit=1_000_000)
        series = dyad_series(between, a, b, period)
        if as_json:
            print_json(
                {
                    "a": a,
                    "b": b,
                    "period": period,
                    "series": [p.to_dict() for p in series],
                }
            )
            return
        render.dyad_table(console, actor_a, actor_b, series)
