"""Analysis endpoints: timelines, dyads, outlet comparisons and dossiers, as the CLI makes them
(``newslens timeline --json``, ``dyad --json``, ``compare --json``, ``report``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from newslens.api import queries
from newslens.api.errors import ApiError, not_found
from newslens.api.params import Actors, DateFrom, DateTo, Text, checked_actors
from newslens.records import Actor
from newslens.report.gather import Request as Scope
from newslens.store import Store

router = APIRouter()
Id = Annotated[str, Path(max_length=128)]
StoryId = Annotated[str | None, Query(alias="story", max_length=128)]
ThreadId = Annotated[str | None, Query(alias="thread", max_length=128)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _actor(store: Store, name: str) -> Actor:
    found = queries.resolve_actor(store, name)
    if found is None:
        raise not_found("actor", name, "/api/v1/actors")
    return found


def _scope(
    store: Store,
    actor: list[str] | None,
    q: str | None,
    date_from: Any,
    date_to: Any,
    story: str | None,
    thread: str | None,
) -> Scope:
    """The report scope asked for; unknown actors, stories and threads are 404s up front."""
    names = [_actor(store, name).id for name in checked_actors(actor)]
    if story and store.get_story(story) is None:
        raise not_found("story", story, "/api/v1/stories")
    if thread and store.get_thread(thread) is None:
        raise not_found("thread", thread, "/api/v1/threads")
    if date_from and date_to and date_from > date_to:
        raise ApiError(
            422, "invalid_request", f"the range {date_from} to {date_to} is empty; swap them"
        )
    return Scope(
        actors=tuple(names),
        query=q or None,
        story_id=story,
        thread_id=thread,
        date_from=date_from,
        date_to=date_to,
    )


@router.get("/timeline", summary="A dated, cited timeline, most important entries in date order")
def timeline(
    request: Request,
    actor: Actors = None,
    q: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    story: StoryId = None,
    thread: ThreadId = None,
    limit: Annotated[int, Query(ge=0, le=500, description="How many entries (0-500).")] = 30,
) -> dict[str, Any]:
    from newslens.analysis.timeline import build_timeline
    from newslens.report.gather import gather

    store = _store(request)
    bundle = gather(store, _scope(store, actor, q, date_from, date_to, story, thread), full=False)
    entries = build_timeline(bundle, limit=limit) if limit else []
    return {"title": bundle.scope.title, "items": [e.to_dict() for e in entries], "limit": limit}


@router.get("/dyads/{a}/{b}", summary="Relations between two actors per period, with a score")
def dyad(
    request: Request,
    a: Annotated[str, Path(max_length=200)],
    b: Annotated[str, Path(max_length=200)],
    period: Literal["week", "month", "year"] = "month",
) -> dict[str, Any]:
    from newslens.events import dyad_series

    store = _store(request)
    first, second = _actor(store, a), _actor(store, b)
    between = store.events([first.id, second.id], limit=1_000_000)
    series = dyad_series(between, first.id, second.id, period)
    return {
        "a": first.id,
        "b": second.id,
        "a_name": first.name,
        "b_name": second.name,
        "period": period,
        "series": [p.to_dict() for p in series],
    }


@router.get("/compare/{story_or_thread}", summary="How each outlet told a story or thread")
def compare(request: Request, story_or_thread: Id) -> dict[str, Any]:
    from newslens.analysis.compare import compare_outlets
    from newslens.report.gather import gather

    store = _store(request)
    if store.get_story(story_or_thread) is not None:
        scope = Scope(story_id=story_or_thread)
    elif store.get_thread(story_or_thread) is not None:
        scope = Scope(thread_id=story_or_thread)
    else:
        raise not_found("story or thread", story_or_thread, "/api/v1/stories")
    bundle = gather(store, scope)
    result: dict[str, Any] = compare_outlets(bundle).to_dict()
    return {"id": story_or_thread, "title": bundle.scope.title, **result}


@router.get(
    "/report",
    summary="A dossier (summary, timeline, relations, outlets, quotes, sources)",
    response_model=None,
)
def report(
    request: Request,
    actor: Actors = None,
    q: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    story: StoryId = None,
    thread: ThreadId = None,
    format: Literal["json", "md", "html"] = "json",
    timeline_limit: Annotated[int, Query(ge=0, le=500)] = 30,
    summary_sentences: Annotated[int, Query(ge=0, le=100)] = 8,
) -> Response:
    from newslens.report import make_dossier, render

    store = _store(request)
    scope = _scope(store, actor, q, date_from, date_to, story, thread)
    dossier = make_dossier(
        store, scope, timeline_limit=timeline_limit, summary_sentences=summary_sentences
    )
    if format == "json":
        return JSONResponse(dossier)
    text = render(dossier, format)
    if format == "html":
        return HTMLResponse(text)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
