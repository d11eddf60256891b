"""Filtered, paginated listings for the API, in SQLAlchemy Core over the store's tables.

Every value a client sends travels as a bound parameter; text queries go through the store's
full-text search (FTS5 with every term quoted on SQLite, ``websearch_to_tsquery`` on
PostgreSQL), so no client input is ever SQL or search syntax. Each listing returns one page
and the number of matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from newslens.export import ARTICLE_FIELDS
from newslens.records import Actor, Event, Quote, Story, Thread
from newslens.store import Store, schema

# The store's row converters are private to the store package; the API reads the same tables,
# so it reuses them rather than keep a second copy in step.
from newslens.store.events import _event, _quote
from newslens.store.language import _actor
from newslens.store.search import _fts5_query
from newslens.store.stories import _story, _thread

A = schema.articles
M = schema.mentions
E = schema.events
Q = schema.quotes
S = schema.stories
T = schema.threads
ACT = schema.actors

#: article fields in listings: the export's, without the body (fetch one article for it)
LIST_FIELDS = [f for f in ARTICLE_FIELDS if f != "body"]


@dataclass(frozen=True)
class Page:
    """Which slice of a listing to return."""

    limit: int
    offset: int


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _run(
    store: Store, query: sa.Select[Any], order: Sequence[Any], page: Page
) -> tuple[list[Any], int]:
    """One page of ``query`` in ``order``, and how many rows the whole query has."""
    count = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    with store.engine.connect() as connection:
        total = int(connection.scalar(count) or 0)
        if page.limit == 0 or page.offset >= total:
            return [], total
        rows = connection.execute(
            query.order_by(*order).limit(page.limit).offset(page.offset)
        ).all()
    return list(rows), total


def text_match(store: Store, q: str) -> sa.ColumnElement[bool]:
    """Articles whose title or body match ``q`` (web-search syntax; never raises on syntax)."""
    if store.engine.dialect.name == "sqlite":
        match = _fts5_query(q)
        if not match:
            return sa.false()
        fts = sa.table("articles_fts")
        hits: sa.Select[Any] = (
            sa.select(sa.literal_column("rowid"))
            .select_from(fts)
            .where(sa.literal_column("articles_fts").op("MATCH")(match))
        )
        return A.c.seq.in_(hits)
    if not any(ch.isalnum() for ch in q):
        return sa.false()
    vector: sa.ColumnElement[Any] = sa.literal_column("articles.search_vector")
    return vector.op("@@")(sa.func.websearch_to_tsquery("english", q))


def _article_dates(
    date_from: dt.date | None, date_to: dt.date | None
) -> list[sa.ColumnElement[bool]]:
    """Articles whose publication (or its stated interval) overlaps the range; undated ones
    are left out once a range is asked for."""
    first = sa.func.coalesce(A.c.published, A.c.published_earliest)
    last = sa.func.coalesce(A.c.published, A.c.published_latest)
    conditions = []
    if date_from:
        conditions.append(last >= date_from)
    if date_to:
        conditions.append(first <= date_to)
    return conditions


def _mentioning(actor_id: str) -> sa.Select[Any]:
    return sa.select(M.c.article_id).where(M.c.actor_id == actor_id)


def _same_text(column: sa.ColumnElement[Any], value: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(column) == value.casefold()


def list_articles(
    store: Store,
    page: Page,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    outlet: str | None = None,
    actor_ids: Sequence[str] = (),
    q: str | None = None,
    language: str | None = None,
    story_id: str | None = None,
    thread_id: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Articles in ingest order (without bodies), filtered; each actor must be mentioned."""
    query = sa.select(*(A.c[name] for name in LIST_FIELDS)).where(
        *_article_dates(date_from, date_to)
    )
    if outlet:
        query = query.where(_same_text(A.c.outlet, outlet))
    for actor_id in actor_ids:
        query = query.where(A.c.id.in_(_mentioning(actor_id)))
    if q:
        query = query.where(text_match(store, q))
    if language:
        query = query.where(_same_text(A.c.language, language))
    if story_id:
        query = query.where(A.c.story_id == story_id)
    if thread_id:
        query = query.where(A.c.thread_id == thread_id)
    rows, total = _run(store, query, [A.c.seq], page)
    return [{name: _iso(getattr(r, name)) for name in LIST_FIELDS} for r in rows], total


def list_events(
    store: Store,
    page: Page,
    *,
    actor_ids: Sequence[str] = (),
    event_type: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    realised: bool | None = None,
) -> tuple[list[Event], int]:
    """Merged events by date (undated last), each actor involved as source or target."""
    query = sa.select(E)
    for actor_id in actor_ids:
        query = query.where(sa.or_(E.c.source == actor_id, E.c.target == actor_id))
    if event_type:
        query = query.where(E.c.type == event_type)
    day = sa.func.coalesce(E.c.date, E.c.date_earliest)
    if date_from:
        query = query.where(day >= date_from)
    if date_to:
        query = query.where(day <= date_to)
    if realised is not None:
        happened = sa.and_(E.c.negated == sa.false(), E.c.hypothetical == sa.false())
        query = query.where(happened if realised else sa.not_(happened))
    rows, total = _run(store, query, [day.is_(None), day, E.c.id], page)
    return [_event(r) for r in rows], total


def list_quotes(
    store: Store,
    page: Page,
    *,
    speaker_id: str | None = None,
    article_id: str | None = None,
    outlet: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str | None = None,
    direct: bool | None = None,
) -> tuple[list[Quote], int]:
    """Quotes in ingest order; ``q`` matches words inside the quote (literally)."""
    query = sa.select(Q).join(A, A.c.id == Q.c.article_id)
    query = query.where(*_article_dates(date_from, date_to))
    if speaker_id:
        query = query.where(Q.c.speaker == speaker_id)
    if article_id:
        query = query.where(Q.c.article_id == article_id)
    if outlet:
        query = query.where(_same_text(A.c.outlet, outlet))
    if q:
        # autoescape: % and _ in what the client typed match themselves, not any text
        query = query.where(sa.func.lower(Q.c.text).contains(q.casefold(), autoescape=True))
    if direct is not None:
        query = query.where(Q.c.direct == direct)
    order = [A.c.seq, Q.c.sentence_index, Q.c.id]
    rows, total = _run(store, query, order, page)
    return [_quote(r) for r in rows], total


def _overlaps(
    start: sa.ColumnElement[Any],
    end: sa.ColumnElement[Any],
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[sa.ColumnElement[bool]]:
    conditions = []
    if date_from:
        conditions.append(sa.func.coalesce(end, start) >= date_from)
    if date_to:
        conditions.append(sa.func.coalesce(start, end) <= date_to)
    return conditions


def list_stories(
    store: Store,
    page: Page,
    *,
    thread_id: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    outlet: str | None = None,
    actor_ids: Sequence[str] = (),
    q: str | None = None,
) -> tuple[list[Story], int]:
    """Stories, biggest and latest first; ``q`` matches their articles' text."""
    query = sa.select(S).where(*_overlaps(S.c.start, S.c.end, date_from, date_to))
    if thread_id:
        query = query.where(S.c.thread_id == thread_id)
    if outlet:
        query = query.where(
            S.c.id.in_(sa.select(A.c.story_id).where(_same_text(A.c.outlet, outlet)))
        )
    for actor_id in actor_ids:
        members = sa.select(A.c.story_id).where(A.c.id.in_(_mentioning(actor_id)))
        query = query.where(S.c.id.in_(members))
    if q:
        query = query.where(S.c.id.in_(sa.select(A.c.story_id).where(text_match(store, q))))
    order = [S.c.article_count.desc(), S.c.end.desc(), S.c.id]
    rows, total = _run(store, query, order, page)
    return [_story(r) for r in rows], total


def list_threads(
    store: Store,
    page: Page,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str | None = None,
) -> tuple[list[Thread], int]:
    """Threads by start date; ``q`` matches words of their labels (literally)."""
    query = sa.select(T).where(*_overlaps(T.c.start, T.c.end, date_from, date_to))
    if q:
        query = query.where(sa.func.lower(T.c.label).contains(q.casefold(), autoescape=True))
    rows, total = _run(store, query, [T.c.start, T.c.id], page)
    return [_thread(r) for r in rows], total


@dataclass(frozen=True)
class ActorCount:
    """An actor and how often the stored articles mention it."""

    actor: Actor
    mentions: int
    articles: int


def list_actors(
    store: Store,
    page: Page,
    *,
    q: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    sector: str | None = None,
) -> tuple[list[ActorCount], int]:
    """Actors, most mentioned first; ``q`` matches inside names and aliases (literally)."""
    counts = (
        sa.select(
            M.c.actor_id,
            sa.func.count().label("mentions"),
            sa.func.count(sa.distinct(M.c.article_id)).label("articles"),
        )
        .group_by(M.c.actor_id)
        .subquery()
    )
    query = sa.select(ACT, counts.c.mentions, counts.c.articles).join(
        counts, counts.c.actor_id == ACT.c.id, isouter=True
    )
    if q:
        wanted = q.casefold()
        aliases = sa.func.lower(sa.cast(ACT.c.aliases, sa.Text))
        query = query.where(
            sa.or_(
                sa.func.lower(ACT.c.name).contains(wanted, autoescape=True),
                aliases.contains(wanted, autoescape=True),
            )
        )
    if kind:
        query = query.where(ACT.c.kind == kind)
    if country:
        query = query.where(ACT.c.country == country.upper())
    if sector:
        query = query.where(ACT.c.sector == sector)
    order = [sa.func.coalesce(counts.c.mentions, 0).desc(), ACT.c.name, ACT.c.id]
    rows, total = _run(store, query, order, page)
    found = [ActorCount(_actor(r), int(r.mentions or 0), int(r.articles or 0)) for r in rows]
    return found, total


def actor_counts(store: Store, actor_id: str) -> tuple[int, int]:
    """How many mentions an actor has, and in how many articles."""
    query = sa.select(sa.func.count(), sa.func.count(sa.distinct(M.c.article_id))).where(
        M.c.actor_id == actor_id
    )
    with store.engine.connect() as connection:
        row = connection.execute(query).one()
    return int(row[0] or 0), int(row[1] or 0)


def resolve_actor(store: Store, name: str) -> Actor | None:
    """The actor a client names by id, name or alias; None when none has it.

    An id or an exact name is one indexed lookup; only an alias needs the store's full scan.
    """
    wanted = name.strip()
    if not wanted:
        return None
    by_id = store.actors_by_id([wanted])
    if wanted in by_id:
        return by_id[wanted]
    query = sa.select(ACT).where(_same_text(ACT.c.name, wanted)).order_by(ACT.c.id)
    with store.engine.connect() as connection:
        named = [_actor(r) for r in connection.execute(query)]
    if len(named) == 1:
        return named[0]
    found: Actor | None = store.find_actor(wanted)
    return found


def resolve_actors(store: Store, names: Sequence[str]) -> list[str] | None:
    """Actor ids for the names; None when any name is unknown (the filter matches nothing)."""
    ids = []
    for name in names:
        actor = resolve_actor(store, name)
        if actor is None:
            return None
        ids.append(actor.id)
    return ids


def without_body(record: dict[str, Any]) -> dict[str, Any]:
    """An article record as listings show it."""
    return {k: v for k, v in record.items() if k != "body"}


def thread_record(thread: Thread) -> dict[str, Any]:
    """A thread as ``newslens threads --json`` prints it."""
    return {
        "id": thread.id,
        "label": thread.label,
        "start": _iso(thread.start),
        "end": _iso(thread.end),
        "story_ids": list(thread.story_ids),
    }
