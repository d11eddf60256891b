"""Read endpoints: articles, stories, threads, events, quotes, actors, search, quarantine.

Records have the fields of the export contract (DESIGN.md, docs/formats.md), so what a client
reads here equals what ``newslens export`` writes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from newslens import __version__
from newslens.api import queries
from newslens.api.errors import ApiError, not_found
from newslens.api.params import (
    Actors,
    DateFrom,
    DateTo,
    Limit,
    Name,
    Offset,
    Text,
    checked_actors,
    envelope,
    page_of,
)
from newslens.events import load_quad
from newslens.export import actor_record, article_record, event_record, quote_record, story_record
from newslens.records import Event, Quote
from newslens.store import Store

router = APIRouter()
Id = Annotated[str, Path(max_length=128)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _events_out(store: Store, events: list[Event]) -> list[dict[str, Any]]:
    named = {a for e in events for a in (e.source, e.target, e.claimed_by) if a}
    actors = store.actors_by_id(named)
    return [event_record(e, actors) for e in events]


def _quotes_out(store: Store, quotes: list[Quote]) -> list[dict[str, Any]]:
    actors = store.actors_by_id({q.speaker for q in quotes if q.speaker})
    return [quote_record(q, actors) for q in quotes]


def _event_type(value: str | None) -> str | None:
    if not value:
        return None
    quad = load_quad()
    canonical = quad.canonical(value.strip())
    if canonical not in quad.classes:
        known = ", ".join(sorted(quad.classes))
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise ApiError(422, "invalid_request", f"unknown event type {shown!r}; use one of {known}")
    return canonical


@router.get("/health", summary="Is the server up, and how big is the store")
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "articles": _store(request).count_articles()}


@router.get("/articles", summary="Articles in ingest order, filtered (bodies left out)")
def articles(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outlet: Name = None,
    actor: Actors = None,
    q: Text = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    story: Annotated[str | None, Query(max_length=128)] = None,
    thread: Annotated[str | None, Query(max_length=128)] = None,
) -> dict[str, Any]:
    store, page = _store(request), page_of(limit, offset)
    actor_ids = queries.resolve_actors(store, checked_actors(actor))
    if actor_ids is None:
        return envelope([], 0, page)
    items, total = queries.list_articles(
        store,
        page,
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        actor_ids=actor_ids,
        q=q,
        language=language,
        story_id=story,
        thread_id=thread,
    )
    return envelope(items, total, page)


@router.get("/articles/{article_id}", summary="One article with its body")
def article(
    request: Request,
    article_id: Id,
    raw: Annotated[bool, Query(description="Add the text as ingested and removed lines.")] = False,
) -> dict[str, Any]:
    store = _store(request)
    found = store.get_article(article_id)
    if found is None:
        raise not_found("article", article_id, "/api/v1/articles")
    record = article_record(found)
    if raw:
        original = store.raw_document(article_id)
        if original:
            record["raw"], record["removed_lines"] = original
    return record


@router.get("/stories", summary="Stories, biggest and latest first")
def stories(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outlet: Name = None,
    actor: Actors = None,
    q: Text = None,
    thread: Annotated[str | None, Query(max_length=128)] = None,
) -> dict[str, Any]:
    store, page = _store(request), page_of(limit, offset)
    actor_ids = queries.resolve_actors(store, checked_actors(actor))
    if actor_ids is None:
        return envelope([], 0, page)
    found, total = queries.list_stories(
        store,
        page,
        thread_id=thread,
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        actor_ids=actor_ids,
        q=q,
    )
    return envelope([story_record(s) for s in found], total, page)


@router.get("/stories/{story_id}", summary="One story with its articles and their copies")
def story(request: Request, story_id: Id) -> dict[str, Any]:
    store = _store(request)
    found = store.get_story(story_id)
    if found is None:
        raise not_found("story", story_id, "/api/v1/stories")
    record = story_record(found)
    record["entities"] = list(found.entities)
    members = store.articles_by_id(found.article_ids)
    copies = store.copies_of(found.article_ids)
    record["articles"] = [queries.without_body(article_record(a)) for a in members]
    record["copies"] = [queries.without_body(article_record(a)) for a in copies]
    return record


@router.get("/threads", summary="Threads by start date")
def threads(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Text = None,
) -> dict[str, Any]:
    page = page_of(limit, offset)
    found, total = queries.list_threads(
        _store(request), page, date_from=date_from, date_to=date_to, q=q
    )
    return envelope([queries.thread_record(t) for t in found], total, page)


@router.get("/threads/{thread_id}", summary="One thread with its stories")
def thread(request: Request, thread_id: Id) -> dict[str, Any]:
    store = _store(request)
    found = store.get_thread(thread_id)
    if found is None:
        raise not_found("thread", thread_id, "/api/v1/threads")
    record = queries.thread_record(found)
    members = [store.get_story(i) for i in found.story_ids]
    record["stories"] = [story_record(s) for s in members if s is not None]
    return record


@router.get("/events", summary="Events (who did what to whom, when) by date, with evidence")
def events(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    actor: Actors = None,
    event_type: Annotated[
        str | None, Query(alias="type", max_length=200, description="A PLOVER type.")
    ] = None,
    realised: Annotated[
        bool | None,
        Query(description="true: only events told as happening; false: negated or hypothetical."),
    ] = None,
) -> dict[str, Any]:
    store, page = _store(request), page_of(limit, offset)
    kind = _event_type(event_type)
    actor_ids = queries.resolve_actors(store, checked_actors(actor))
    if actor_ids is None:
        return envelope([], 0, page)
    found, total = queries.list_events(
        store,
        page,
        actor_ids=actor_ids,
        event_type=kind,
        date_from=date_from,
        date_to=date_to,
        realised=realised,
    )
    return envelope(_events_out(store, found), total, page)


@router.get("/events/{event_id}", summary="One event with its evidence sentences")
def event(request: Request, event_id: Id) -> dict[str, Any]:
    store = _store(request)
    found = store.get_event(event_id)
    if found is None:
        raise not_found("event", event_id, "/api/v1/events")
    return _events_out(store, [found])[0]


@router.get("/quotes", summary="Quotes with speakers and cues, in ingest order")
def quotes(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="The speaker (name, alias or id).")
    ] = None,
    outlet: Name = None,
    article: Annotated[str | None, Query(max_length=128)] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words inside the quote.")] = None,
    direct: bool | None = None,
) -> dict[str, Any]:
    store, page = _store(request), page_of(limit, offset)
    speaker = None
    if actor:
        found_actor = queries.resolve_actor(store, actor)
        if found_actor is None:
            return envelope([], 0, page)
        speaker = found_actor.id
    found, total = queries.list_quotes(
        store,
        page,
        speaker_id=speaker,
        article_id=article,
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        q=q,
        direct=direct,
    )
    return envelope(_quotes_out(store, found), total, page)


@router.get("/actors", summary="Actors, most mentioned first")
def actors(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=200, description="Inside a name or alias.")] = None,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3.")] = None,
    sector: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    page = page_of(limit, offset)
    found, total = queries.list_actors(
        _store(request), page, q=q, kind=kind, country=country, sector=sector
    )
    items = [
        {**actor_record(c.actor), "mentions": c.mentions, "articles": c.articles} for c in found
    ]
    return envelope(items, total, page)


@router.get("/actors/{actor}", summary="One actor (by id, name or alias) and its first mentions")
def actor(request: Request, actor: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    store = _store(request)
    found = queries.resolve_actor(store, actor)
    if found is None:
        raise not_found("actor", actor, "/api/v1/actors")
    mentions, articles = queries.actor_counts(store, found.id)
    record = {**actor_record(found), "mentions": mentions, "articles": articles}
    record["first_mentions"] = [
        {"article_id": a, "text": text, "sentence": sentence}
        for a, text, sentence in store.actor_mentions(found.id, limit=10)
    ]
    return record


@router.get("/search", summary="Full-text search over titles and bodies, best first")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    if offset + limit > 10_000:
        raise ApiError(422, "invalid_request", "search pages end at 10000 hits; narrow the query")
    hits = _store(request).search(q, limit=offset + limit + 1)
    shown = hits[offset : offset + limit]
    items = [h.to_dict() for h in shown]
    more = len(hits) > offset + limit
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": offset + limit if more else None,
    }


@router.get("/quarantine", summary="Inputs that were refused, with source and reason")
def quarantine(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    entries = _store(request).quarantine()
    page = page_of(limit, offset)
    items = [
        {"source_path": e.source_path, "reason": e.reason, "detail": e.detail, "size": e.size}
        for e in entries[offset : offset + limit]
    ]
    return envelope(items, len(entries), page)
