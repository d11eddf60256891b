"""What the story, thread, actor and dyad pages show, gathered from the store and the analyses.

The pages reuse the dossier (:func:`newslens.report.make_dossier`): the same summary, timeline,
relation series and outlet comparison a report shows, so the web UI and the reports agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newslens.events import load_quad
from newslens.records import Actor, Event
from newslens.report import Request, make_dossier
from newslens.report.charts import LANE_LABELS, QUAD_COLOURS, relation_svg, timeline_svg
from newslens.store import Store
from newslens.web.render import chart

#: how many timeline entries and summary sentences a page shows
TIMELINE_LIMIT = 40
SUMMARY_SENTENCES = 6


def legend() -> list[tuple[str, str]]:
    """(colour, label) of each timeline lane."""
    return [(colour, LANE_LABELS[lane]) for lane, colour in QUAD_COLOURS.items()]


def dossier_view(store: Store, request: Request) -> dict[str, Any]:
    """The dossier of a scope, with its charts drawn and its sources grouped by outlet."""
    dossier = make_dossier(
        store, request, timeline_limit=TIMELINE_LIMIT, summary_sentences=SUMMARY_SENTENCES
    )
    classes = load_quad().classes
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for source in sorted(dossier["sources"], key=_source_order):
        by_outlet.setdefault(source["outlet"] or "unknown outlet", []).append(source)
    return {
        "dossier": dossier,
        "timeline_chart": chart(timeline_svg(dossier["timeline"], classes)),
        "relations": [
            {**rel, "chart": chart(relation_svg(rel["series"], rel["weights"]))}
            for rel in dossier["relations"]
        ],
        "by_outlet": dict(sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
        "legend": legend(),
    }


def _source_order(source: dict[str, Any]) -> tuple[bool, str, str]:
    day = source["published"] or source["published_earliest"] or ""
    return (not day, day, source["id"])


def event_entry(event: Event, names: dict[str, str]) -> dict[str, Any]:
    """An event as a timeline entry: the shape :func:`timeline_svg` and the tables read."""
    evidence = event.evidence[0].sentence if event.evidence else ""
    return {
        "id": event.id,
        "date": _iso(event.date),
        "date_earliest": _iso(event.date_earliest),
        "date_latest": _iso(event.date_latest),
        "kind": "event",
        "type": event.type,
        "source": names.get(event.source or "", event.source),
        "target": names.get(event.target or "", event.target),
        "source_id": event.source,
        "target_id": event.target,
        "summary": " ".join(evidence.split()),
        "outlets": len({e.outlet for e in event.evidence}),
        "articles": len({e.article_id for e in event.evidence}),
        "flags": flags(event),
    }


def flags(event: Event) -> list[str]:
    """What qualifies an event: negated, hypothetical, restated background, claimed by someone."""
    found = []
    if event.negated:
        found.append("negated")
    if event.hypothetical:
        found.append("hypothetical")
    if event.background:
        found.append("restated")
    return found


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _names(store: Store, ids: set[str]) -> dict[str, str]:
    return {key: actor.name for key, actor in store.actors_by_id(ids).items()}


def actor_view(store: Store, actor: Actor) -> dict[str, Any]:
    """An actor's events over time, top counterparts, quotes and mentions."""
    events = store.events(actors=[actor.id], limit=500)
    counterparts = store.counterparts(actor.id, limit=12)
    ids = {a for e in events for a in (e.source, e.target) if a} | {c for c, _ in counterparts}
    names = _names(store, ids | {actor.id})
    entries = [event_entry(e, names) for e in events]
    classes = load_quad().classes
    quotes = store.quotes_of(speaker=actor.id, limit=50)
    mentions = store.actor_mentions(actor.id, limit=30)
    articles = {a.id: a for a in store.articles_by_id({q.article_id for q in quotes})}
    articles |= {a.id: a for a in store.articles_by_id({m[0] for m in mentions})}
    return {
        "actor": actor,
        "entries": entries,
        "chart": chart(timeline_svg(entries, classes)),
        "months": _months(events, classes),
        "counterparts": [(key, names.get(key, key), n) for key, n in counterparts],
        "quotes": quotes,
        "mentions": mentions,
        "articles": articles,
        "legend": legend(),
    }


def _months(events: Sequence[Event], classes: dict[str, str]) -> list[dict[str, Any]]:
    """Events per month by quad class (events dated to the day or to a short interval)."""
    counts: dict[str, Counter[str]] = {}
    for event in events:
        day = event.date
        earliest, latest = event.date_earliest, event.date_latest
        if day is None and earliest and latest and (latest - earliest).days <= 31:
            day = earliest
        if day is None:
            continue
        lane = classes.get(event.type, "story")
        counts.setdefault(day.isoformat()[:7], Counter())[lane] += 1
    return [
        {"month": month, "total": sum(c.values()), "by_lane": dict(c)}
        for month, c in sorted(counts.items())
    ]


def dyad_view(store: Store, a: Actor, b: Actor) -> dict[str, Any]:
    """The relation between two actors: score by month, the events between them, the timeline.

    The relation series and timeline are the dossier's for the pair (a state stands also for
    its government and military people); the event list holds the events coded between these
    two actors themselves.
    """
    view = dossier_view(store, Request(actors=(a.id, b.id)))
    events = store.events(actors=[a.id, b.id], limit=500)
    names = {a.id: a.name, b.id: b.name}
    view["events"] = [event_entry(e, names) for e in events]
    view["a"], view["b"] = a, b
    return view


def event_view(store: Store, event: Event) -> dict[str, Any]:
    """An event with its actors' names and every evidence sentence with its article."""
    ids = {x for x in (event.source, event.target, event.claimed_by) if x}
    names = _names(store, ids)
    articles = {a.id: a for a in store.articles_by_id({e.article_id for e in event.evidence})}
    evidence = [
        {
            "article": articles.get(e.article_id),
            "article_id": e.article_id,
            "outlet": e.outlet or (a.outlet if (a := articles.get(e.article_id)) else None),
            "sentence": " ".join(e.sentence.split()),
        }
        for e in event.evidence
    ]
    return {
        "event": event,
        "names": names,
        "flags": flags(event),
        "evidence": evidence,
        "quad": load_quad().classes.get(event.type, ""),
    }
