"""Gather one scope's material from the store into a :class:`~newslens.analysis.Bundle`.

A scope is what the user asked about: actors, keywords, a story, a thread, a date range; the parts
narrow one another. An actor that is a state stands also for its government and military people
and bodies ("China" covers Xi Jinping and the Chinese foreign ministry), because news reports a
state's acts through them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from newslens.analysis import Bundle, Scope, SourceArticle
from newslens.errors import QueryError
from newslens.records import Actor, Event, Story
from newslens.store import Store
from newslens.store.store import StoredArticle

#: the sectors through which a state acts
STATE_SECTORS = ("government", "military")
#: sentences per article a light bundle reads (the lead: what the article is about)
LEAD_SENTENCES = 3
#: a story belongs to a scope when at least this share of its articles is in it
STORY_SHARE = 0.5


@dataclass(frozen=True)
class Request:
    """What a user asked for, as typed: actor names, keywords, ids, dates."""

    actors: tuple[str, ...] = ()
    query: str | None = None
    story_id: str | None = None
    thread_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def gather(store: Store, request: Request, *, full: bool = True) -> Bundle:
    """The bundle for ``request``; raises :class:`QueryError` for unknown actors or ids.

    ``full=False`` is enough for a timeline: each article's lead sentences only (for
    centrality) and no quotes, which on a large scope is most of the reading.
    """
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise QueryError(
            f"the range {request.date_from} to {request.date_to} is empty: "
            "give --from a date before --to"
        )
    actors = [_actor(store, name) for name in request.actors]
    sides = _sides(store, actors)
    ids = _article_ids(store, request, actors, sides)
    stored = [a for a in store.articles_by_id(ids) if _in_range(a, request)]
    articles = {a.id: _source_article(a) for a in stored}
    focus = actors or _main_actors(store, articles)
    events = _events(store, set(articles), sides, actors)
    quotes = store.quotes_in(articles) if full else []
    stories = _stories(store, articles.values())
    thread_ids = sorted({s.thread_id for s in stories if s.thread_id})
    threads = [t for t in (store.get_thread(i) for i in thread_ids) if t is not None]
    named = {a for e in events for a in (e.source, e.target, e.claimed_by) if a}
    named |= {q.speaker for q in quotes if q.speaker} | set(sides) | {a.id for a in focus}
    scope = Scope(
        actors=tuple(a.id for a in actors),
        focus=tuple(a.id for a in focus),
        query=request.query,
        story_id=request.story_id,
        thread_id=request.thread_id,
        date_from=request.date_from,
        date_to=request.date_to,
        title=_title(store, request, actors),
    )
    return Bundle(
        scope=scope,
        articles=articles,
        sentences=store.sentences_of(articles, first=None if full else LEAD_SENTENCES),
        events=tuple(events),
        quotes=tuple(quotes),
        actors=store.actors_by_id(named),
        stories=tuple(stories),
        threads=tuple(threads),
        sides=sides if actors else _sides(store, focus),
    )


def _main_actors(store: Store, articles: Collection[str]) -> list[Actor]:
    """The two actors most of the scope's articles mention, when the user named none."""
    if not articles:
        return []
    return store.top_actors(list(articles), n=2)


def _actor(store: Store, name: str) -> Actor:
    actor = store.find_actor(name)
    if actor is None:
        raise QueryError(
            f"no actor named {name!r} in {store.url}: run `newslens build` first, or list the "
            "known actors with `newslens actors`"
        )
    return actor


def _sides(store: Store, actors: Iterable[Actor]) -> dict[str, str]:
    """Actor id -> the asked-for actor it stands for."""
    sides: dict[str, str] = {}
    for actor in actors:
        sides[actor.id] = actor.id
        if actor.kind == "state" and actor.country:
            for member in store.actors_of_country(actor.country, STATE_SECTORS):
                sides.setdefault(member, actor.id)
    return sides


def _article_ids(
    store: Store, request: Request, actors: list[Actor], sides: dict[str, str]
) -> set[str]:
    """The articles every part of the request agrees on (all articles when it names none)."""
    chosen: set[str] | None = None

    def narrow(ids: Collection[str]) -> None:
        nonlocal chosen
        chosen = set(ids) if chosen is None else chosen & set(ids)

    if request.story_id:
        story = store.get_story(request.story_id)
        if story is None:
            raise QueryError(f"no story {request.story_id!r}: list them with `newslens stories`")
        narrow(set(story.article_ids) | store.article_ids_where([story.id]))
    if request.thread_id:
        thread = store.get_thread(request.thread_id)
        if thread is None:
            raise QueryError(f"no thread {request.thread_id!r}: list them with `newslens threads`")
        narrow(store.article_ids_where(thread.story_ids))
    for actor in actors:
        members = [m for m, side in sides.items() if side == actor.id]
        narrow(store.articles_mentioning(members))
    if request.query:
        narrow({hit.article_id for hit in store.search(request.query, limit=100_000)})
    if chosen is None:
        return {a.id for a in store.iter_articles()}
    return chosen


def _in_range(article: StoredArticle, request: Request) -> bool:
    first = article.published or article.published_earliest
    last = article.published or article.published_latest
    if request.date_from and last and last < request.date_from:
        return False
    return not (request.date_to and first and first > request.date_to)


def _source_article(article: StoredArticle) -> SourceArticle:
    return SourceArticle(
        id=article.id,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        published_earliest=article.published_earliest,
        published_latest=article.published_latest,
        original_outlet=article.original_outlet,
        duplicate_of=article.duplicate_of,
        story_id=article.story_id,
        thread_id=article.thread_id,
    )


def _events(
    store: Store, article_ids: set[str], sides: dict[str, str], actors: list[Actor]
) -> list[Event]:
    """Merged events reported in the scope's articles; with actors, those involving one."""
    found = []
    for event in store.events_reported_in(article_ids):
        involved = {event.source, event.target, event.claimed_by}
        if actors and not involved & set(sides):
            continue
        found.append(event)
    return found


def _stories(store: Store, articles: Iterable[SourceArticle]) -> list[Story]:
    members: dict[str, int] = {}
    for article in articles:
        if article.story_id:
            members[article.story_id] = members.get(article.story_id, 0) + 1
    stories = [
        story
        for story in store.stories_by_id(members)
        if members[story.id] >= STORY_SHARE * max(len(story.article_ids), 1)
    ]
    return sorted(stories, key=lambda s: (s.start is None, s.start or dt.date.min, s.id))


def _title(store: Store, request: Request, actors: list[Actor]) -> str:
    parts = []
    if actors:
        names = [a.name for a in actors]
        parts.append(" and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names))
    if request.query:
        parts.append(f"“{request.query}”")
    if request.story_id:
        story = store.get_story(request.story_id)
        parts.append(story.label if story else request.story_id)
    if request.thread_id:
        thread = store.get_thread(request.thread_id)
        parts.append(thread.label if thread else request.thread_id)
    return " · ".join(parts) or "All articles"
