"""Merge events that different articles report about the same real-world happening.

Two coded events are one real-world event when they have the same type, the same actors (in the
same roles; CONSULT, AGREE and COOPERATE are symmetric, so either order), the same flags
(negated, hypothetical, background) and dates within ``tolerance_days`` of each other (undated
events merge only within one article: with no date, two reports cannot be told to be one event). The
merged event lists every evidence sentence and outlet; its date is the most common exact date of
its members, else the narrowest interval.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence

from newslens.records import Event

#: types whose direction does not matter ("X and Y held talks")
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _key(event: Event) -> tuple[object, ...]:
    actors: tuple[str | None, ...] = (event.source, event.target)
    if event.type in SYMMETRIC:
        actors = tuple(sorted(actors, key=lambda a: a or ""))
    return (event.type, actors, event.negated, event.hypothetical, event.background)


def _span(event: Event) -> tuple[dt.date, dt.date] | None:
    if event.date:
        return event.date, event.date
    if event.date_earliest and event.date_latest:
        return event.date_earliest, event.date_latest
    return None


def _close(x: Event, y: Event, days: int) -> bool:
    a, b = _span(x), _span(y)
    if a is None or b is None:
        same_article = {e.article_id for e in x.evidence} & {e.article_id for e in y.evidence}
        return a is None and b is None and bool(same_article)
    gap = dt.timedelta(days=days)
    return a[0] - gap <= b[1] and b[0] - gap <= a[1]


def _combine(members: list[Event]) -> Event:
    first = members[0]
    evidence = tuple(
        sorted(
            {e for m in members for e in m.evidence}, key=lambda e: (e.article_id, e.sentence_index)
        )
    )
    exact = Counter(m.date for m in members if m.date)
    date, earliest, latest = None, None, None
    if exact:
        date = sorted(exact.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        spans = [s for s in (_span(m) for m in members) if s]
        if spans:
            earliest, latest = min(spans, key=lambda s: (s[1] - s[0], s[0]))
    basis = "expression" if any(m.date_basis == "expression" for m in members) else first.date_basis
    ids = sorted(m.id for m in members)
    merged_id = "m" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:14]
    claimed = Counter(m.claimed_by for m in members if m.claimed_by)
    locations = Counter(m.location for m in members if m.location)
    return Event(
        id=merged_id if len(members) > 1 else first.id,
        type=first.type,
        source=first.source,
        target=first.target,
        evidence=evidence,
        date=date,
        date_earliest=earliest,
        date_latest=latest,
        date_basis=basis,
        negated=first.negated,
        hypothetical=first.hypothetical,
        background=first.background,
        claimed_by=None
        if len(claimed) != 1 or len(members) > sum(claimed.values())
        else next(iter(claimed)),
        location=locations.most_common(1)[0][0] if locations else None,
        verb=first.verb,
        signal=_signal(members),
        confidence=max((m.confidence for m in members if m.confidence is not None), default=None),
    )


def _signal(members: Sequence[Event]) -> str:
    """One member's signal when all agree, else ``both`` (the lexicon and the model each found it
    somewhere)."""
    signals = {m.signal for m in members}
    return signals.pop() if len(signals) == 1 else "both"


def merge_events(events: Sequence[Event], tolerance_days: int = 2) -> list[Event]:
    """One event per real-world event, with every member's evidence (deterministic)."""
    groups: dict[tuple[object, ...], list[list[Event]]] = {}
    ordered = sorted(events, key=lambda e: (_span(e) or (dt.date.max, dt.date.max), e.id))
    for event in ordered:
        clusters = groups.setdefault(_key(event), [])
        for cluster in clusters:
            if any(_close(m, event, tolerance_days) for m in cluster):
                cluster.append(event)
                break
        else:
            clusters.append([event])
    merged = [_combine(cluster) for clusters in groups.values() for cluster in clusters]
    return sorted(merged, key=lambda e: (_span(e) or (dt.date.max, dt.date.max), e.id))
