"""The dossier: every analysis of one scope, as plain JSON-ready data.

One dict feeds all three renderings (JSON as is, Markdown, self-contained HTML), so they always
say the same thing. Nothing in it depends on the clock or the machine, so the same store and
request give byte-identical reports (the golden-file tests rely on that).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from itertools import combinations
from typing import Any

from newslens import __version__
from newslens.analysis import Bundle
from newslens.analysis.compare import compare_outlets
from newslens.analysis.summary import summarize
from newslens.analysis.timeline import build_timeline
from newslens.events import dyad_series, load_quad
from newslens.records import Event, Quote

#: how many of each section a dossier shows unless told otherwise
DEFAULTS = {"timeline": 30, "summary": 8, "quotes": 12, "actors": 15}
#: an event dated only to a longer interval has no month in the relation series
MONTH_DAYS = 40
#: a quote of this many words reads well on its own
QUOTE_WORDS = range(6, 80)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def build_dossier(
    bundle: Bundle,
    *,
    timeline_limit: int = DEFAULTS["timeline"],
    summary_sentences: int = DEFAULTS["summary"],
) -> dict[str, Any]:
    """Summary, timeline, relations, stories and threads, outlet comparison, quotes, actors and
    the sources appendix of ``bundle``."""
    timeline = build_timeline(bundle, limit=timeline_limit)
    originals = bundle.originals()
    days = [d for a in originals for d in (a.published,) if d]
    outlets = sorted({a.voice for a in bundle.articles.values()})
    scope = bundle.scope
    return {
        "newslens_version": __version__,
        "title": scope.title,
        "scope": {
            "actors": [bundle.actor_name(a) for a in scope.actors],
            "focus": [bundle.actor_name(a) for a in scope.focus],
            "query": scope.query,
            "story_id": scope.story_id,
            "thread_id": scope.thread_id,
            "from": _iso(scope.date_from),
            "to": _iso(scope.date_to),
        },
        "overview": {
            "articles": len(bundle.articles),
            "independent_articles": len(originals),
            "copies": len(bundle.articles) - len(originals),
            "undated_articles": sum(1 for a in originals if a.published is None),
            "outlets": outlets,
            "first": _iso(min(days)) if days else None,
            "last": _iso(max(days)) if days else None,
            "events": len(bundle.events),
            "quotes": len(bundle.quotes),
        },
        "summary": summarize(bundle, sentences=summary_sentences).to_dict()["sentences"],
        "timeline": [e.to_dict() for e in timeline],
        "relations": _relations(bundle),
        "stories": [_story(bundle, s.id) for s in bundle.stories],
        "threads": [
            {
                "id": t.id,
                "label": t.label,
                "start": _iso(t.start),
                "end": _iso(t.end),
                "stories": list(t.story_ids),
            }
            for t in bundle.threads
        ],
        "comparison": compare_outlets(bundle).to_dict(),
        "quotes": _top_quotes(bundle, DEFAULTS["quotes"]),
        "actors": _actors(bundle, DEFAULTS["actors"]),
        "sources": [_source(bundle, a.id) for a in _by_date(bundle)],
    }


def _relations(bundle: Bundle) -> list[dict[str, Any]]:
    """For each pair of asked-for actors, the cooperation–conflict series by month."""
    quad = load_quad()
    sided = [_on_sides(bundle, e) for e in bundle.events if _within_a_month(e)]
    found = []
    for a, b in combinations(bundle.scope.focus or bundle.scope.actors, 2):
        series = dyad_series(sided, a, b, "month", quad)
        found.append(
            {
                "a": bundle.actor_name(a),
                "b": bundle.actor_name(b),
                "period": "month",
                "weights": dict(sorted(quad.weights.items())),
                "series": [p.to_dict() for p in series],
            }
        )
    return found


def _within_a_month(event: Event) -> bool:
    """Dated to the day, or to an interval short enough to name its month."""
    if event.date is not None:
        return True
    if event.date_earliest and event.date_latest:
        return (event.date_latest - event.date_earliest).days <= MONTH_DAYS
    return False


def _on_sides(bundle: Bundle, event: Event) -> Event:
    """The event with its actors replaced by the asked-for actors they stand for."""
    return replace(
        event,
        source=bundle.sides.get(event.source, event.source) if event.source else None,
        target=bundle.sides.get(event.target, event.target) if event.target else None,
    )


def _story(bundle: Bundle, story_id: str) -> dict[str, Any]:
    story = next(s for s in bundle.stories if s.id == story_id)
    return {
        "id": story.id,
        "label": story.label,
        "start": _iso(story.start),
        "end": _iso(story.end),
        "articles": len(story.article_ids),
        "outlets": list(story.outlets),
        "keywords": list(story.keywords[:8]),
        "thread_id": story.thread_id,
    }


_QUOTE_MARKS = frozenset('"“”„«»')


def _top_quotes(bundle: Bundle, limit: int) -> list[dict[str, Any]]:
    """The quotes most worth reading: direct, by a named speaker, said in several outlets; the
    speaker's own words throughout before a reported clause holding a few quoted words."""
    groups: dict[tuple[str | None, str], list[Quote]] = {}
    for quote in bundle.quotes:
        text = " ".join(quote.text.split())
        if len(text.split()) in QUOTE_WORDS:
            groups.setdefault((quote.speaker, text.casefold()), []).append(quote)
    scope_sides = set(bundle.sides) | set(bundle.scope.actors)

    def voices(quotes: list[Quote]) -> set[str]:
        return {
            bundle.articles[q.article_id].voice for q in quotes if q.article_id in bundle.articles
        }

    def weight(item: tuple[tuple[str | None, str], list[Quote]]) -> tuple[float, str]:
        (speaker, text), quotes = item
        score = 2.0 * len(voices(quotes)) + (1.5 if quotes[0].direct else 0.0)
        score += 0.5 if quotes[0].direct and not _QUOTE_MARKS.intersection(text) else 0.0
        score += 1.0 if speaker else 0.0
        score += 1.0 if speaker in scope_sides else 0.0
        return (-score, text)

    chosen = sorted(groups.items(), key=weight)[:limit]
    found = []
    for (speaker, _text), quotes in chosen:
        first = min(quotes, key=lambda q: _article_day(bundle, q.article_id))
        article = bundle.articles.get(first.article_id)
        found.append(
            {
                "speaker": bundle.actor_name(speaker) if speaker else first.speaker_text,
                "text": " ".join(first.text.split()),
                "direct": first.direct,
                "cue": first.cue,
                "article_id": first.article_id,
                "outlet": article.outlet if article else None,
                "published": _iso(article.published) if article else None,
                "outlets": sorted(voices(quotes)),
            }
        )
    return found


def _article_day(bundle: Bundle, article_id: str) -> tuple[bool, dt.date, str]:
    article = bundle.articles.get(article_id)
    day = article.published if article else None
    return (day is None, day or dt.date.max, article_id)


def _actors(bundle: Bundle, limit: int) -> list[dict[str, Any]]:
    """The actors who act, are acted on or speak most in the scope."""
    events: Counter[str] = Counter()
    for event in bundle.events:
        for actor in {event.source, event.target} - {None}:
            events[str(actor)] += 1
    quotes = Counter(q.speaker for q in bundle.quotes if q.speaker)
    ranked = sorted(set(events) | set(quotes), key=lambda a: (-(events[a] + quotes[a]), a))
    found = []
    for actor_id in ranked[:limit]:
        known = bundle.actors.get(actor_id)
        found.append(
            {
                "id": actor_id,
                "name": bundle.actor_name(actor_id),
                "kind": known.kind if known else None,
                "country": known.country if known else None,
                "sector": known.sector if known else None,
                "events": events[actor_id],
                "quotes": quotes[actor_id],
            }
        )
    return found


def _by_date(bundle: Bundle) -> list[Any]:
    return sorted(bundle.articles.values(), key=lambda a: _article_day(bundle, a.id))


def _source(bundle: Bundle, article_id: str) -> dict[str, Any]:
    a = bundle.articles[article_id]
    return {
        "id": a.id,
        "outlet": a.outlet,
        "original_outlet": a.original_outlet,
        "title": a.title,
        "url": a.url,
        "published": _iso(a.published),
        "published_earliest": _iso(a.published_earliest),
        "published_latest": _iso(a.published_latest),
        "duplicate_of": a.duplicate_of,
        "story_id": a.story_id,
    }
