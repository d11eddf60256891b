"""Store queries for the event stage: coded events, merged events, quotes.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.records import (
    ArticleAnalysis,
    ArticleEvents,
    Event,
    EventInput,
    Evidence,
    Mention,
    Quote,
    Reference,
    TimeExpression,
)
from newslens.store import schema
from newslens.store.stories import _TEXT_COLUMNS, _date, _text

A = schema.articles
_CHUNK = 900
_FIELDS = [
    "type",
    "source",
    "target",
    "date",
    "date_earliest",
    "date_latest",
    "date_basis",
    "negated",
    "hypothetical",
    "background",
    "claimed_by",
    "location",
    "verb",
    "signal",
    "confidence",
]


def _event_row(event: Event) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(event, name) for name in _FIELDS}
    row["id"] = event.id
    row["evidence"] = [
        {
            "article_id": e.article_id,
            "sentence_index": e.sentence_index,
            "sentence": e.sentence,
            "outlet": e.outlet,
        }
        for e in event.evidence
    ]
    return row


def _event(row: Any) -> Event:
    return Event(
        id=row.id,
        type=row.type,
        source=row.source,
        target=row.target,
        evidence=tuple(
            Evidence(e["article_id"], e["sentence_index"], e["sentence"], e.get("outlet"))
            for e in row.evidence
        ),
        date=_date(row.date),
        date_earliest=_date(row.date_earliest),
        date_latest=_date(row.date_latest),
        date_basis=row.date_basis,
        negated=bool(row.negated),
        hypothetical=bool(row.hypothetical),
        background=bool(row.background),
        claimed_by=row.claimed_by,
        location=row.location,
        verb=row.verb,
        signal=row.signal,
        confidence=row.confidence,
    )


def _quote(row: Any) -> Quote:
    return Quote(
        row.id,
        row.article_id,
        row.sentence_index,
        row.speaker,
        row.speaker_text,
        row.text,
        bool(row.direct),
        row.cue,
    )


def _reference_row(ref: Reference) -> dict[str, Any]:
    return {
        "article_id": ref.article_id,
        "sentence_index": ref.sentence_index,
        "start": ref.start,
        "end": ref.end,
        "text": ref.text,
        "actor_ids": list(ref.actor_ids),
        "how": ref.how,
        "antecedents": [
            {
                "sentence_index": m.sentence_index,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "actor_id": m.actor_id,
                "how": m.how,
            }
            for m in ref.antecedents
        ],
    }


def _reference(row: Any) -> Reference:
    antecedents = tuple(
        Mention(
            row.article_id, a["sentence_index"], a["start"], a["end"], a["text"], a["actor_id"],
            a["how"],
        )
        for a in row.antecedents
    )  # fmt: skip
    return Reference(
        row.article_id, row.sentence_index, row.start, row.end, row.text,
        tuple(row.actor_ids), row.how, antecedents,
    )  # fmt: skip


def _by_date(event: Event) -> tuple[bool, dt.date, str]:
    day = event.date or event.date_earliest
    return (day is None, day or dt.date.min, event.id)


class EventsMixin:
    """Queries over coded events, merged events and quotes."""

    engine: Engine

    def forget_events(self) -> None:
        """Drop every coded event, quote and merged event, so the next build codes all again
        (after a change of lexicon)."""
        with self.engine.begin() as connection:
            for table in (
                schema.event_articles,
                schema.events,
                schema.coded_events,
                schema.quotes,
                schema.coreferences,
                schema.event_runs,
            ):
                connection.execute(table.delete())

    def uncoded_articles(self, batch_size: int = 100) -> Iterator[list[EventInput]]:
        """Analysed originals the event stage has not seen, with their cached parse."""
        last = 0
        query = (
            sa.select(*_TEXT_COLUMNS, schema.parses.c.doc)
            .join(schema.parses, schema.parses.c.article_id == A.c.id)
            .where(A.c.duplicate_of.is_(None))
            .where(~sa.exists().where(schema.event_runs.c.article_id == A.c.id))
        )
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    query.where(A.c.seq > last).order_by(A.c.seq).limit(batch_size)
                ).all()
                if not rows:
                    return
                ids = [r.id for r in rows]
                mentions = self._mentions_of(connection, ids)
                times = self._times_of(connection, ids)
            known = self.actors_by_id(  # type: ignore[attr-defined]
                {m.actor_id for found in mentions.values() for m in found}
            )
            yield [
                EventInput(
                    _text(r),
                    ArticleAnalysis(
                        r.id,
                        r.language,
                        mentions=tuple(mentions.get(r.id, ())),
                        times=tuple(times.get(r.id, ())),
                        doc=bytes(r.doc),
                        actors=tuple(
                            dict.fromkeys(
                                known[m.actor_id]
                                for m in mentions.get(r.id, ())
                                if m.actor_id in known
                            )
                        ),
                    ),
                )
                for r in rows
            ]
            last = rows[-1].seq

    def _mentions_of(self, connection: sa.Connection, ids: list[str]) -> dict[str, list[Mention]]:
        m = schema.mentions
        found: dict[str, list[Mention]] = {}
        query = sa.select(m).where(m.c.article_id.in_(ids)).order_by(m.c.article_id, m.c.start)
        for r in connection.execute(query):
            found.setdefault(r.article_id, []).append(
                Mention(r.article_id, r.sentence_index, r.start, r.end, r.text, r.actor_id, r.how)
            )
        return found

    def _times_of(
        self, connection: sa.Connection, ids: list[str]
    ) -> dict[str, list[TimeExpression]]:
        t = schema.time_expressions
        found: dict[str, list[TimeExpression]] = {}
        query = sa.select(t).where(t.c.article_id.in_(ids)).order_by(t.c.article_id, t.c.start)
        for r in connection.execute(query):
            found.setdefault(r.article_id, []).append(
                TimeExpression(
                    r.article_id,
                    r.sentence_index,
                    r.start,
                    r.end,
                    r.text,
                    _date(r.date),
                    _date(r.earliest),
                    _date(r.latest),
                    r.anchor,
                )
            )
        return found

    def save_article_events(self, results: Sequence[ArticleEvents]) -> None:
        """Store each article's coded events and quotes, and mark it coded."""
        if not results:
            return
        with self.engine.begin() as connection:
            rows = [
                {**_event_row(e), "article_id": r.article_id} for r in results for e in r.events
            ]
            if rows:
                connection.execute(schema.coded_events.insert(), rows)
            quotes = [
                {
                    "id": q.id,
                    "article_id": q.article_id,
                    "sentence_index": q.sentence_index,
                    "speaker": q.speaker,
                    "speaker_text": q.speaker_text,
                    "text": q.text,
                    "direct": q.direct,
                    "cue": q.cue,
                }
                for r in results
                for q in r.quotes
            ]
            if quotes:
                connection.execute(schema.quotes.insert(), quotes)
            references = [_reference_row(f) for r in results for f in r.references]
            if references:
                connection.execute(schema.coreferences.insert(), references)
            connection.execute(
                schema.event_runs.insert(), [{"article_id": r.article_id} for r in results]
            )

    def iter_coded_events(self) -> Iterator[Event]:
        """Every coded event of an article that is still an original (copies add no weight)."""
        c = schema.coded_events
        query = (
            sa.select(c)
            .join(A, A.c.id == c.c.article_id)
            .where(A.c.duplicate_of.is_(None))
            .order_by(c.c.id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        for row in rows:
            yield _event(row)

    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace the merged events."""
        pairs = sorted({(e.id, x.article_id) for e in events for x in e.evidence})
        with self.engine.begin() as connection:
            connection.execute(schema.events.delete())
            connection.execute(schema.event_articles.delete())
            if events:
                connection.execute(
                    schema.events.insert(),
                    [
                        {**_event_row(e), "article_count": len({x.article_id for x in e.evidence})}
                        for e in events
                    ],
                )
            if pairs:
                connection.execute(
                    schema.event_articles.insert(),
                    [{"event_id": e, "article_id": a} for e, a in pairs],
                )

    def events(
        self,
        actors: Sequence[str] = (),
        event_type: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 100,
    ) -> list[Event]:
        """Merged events, by date; filtered by actors (all of them involved), type, dates."""
        e = schema.events
        query = sa.select(e)
        for actor in actors:
            query = query.where(sa.or_(e.c.source == actor, e.c.target == actor))
        if event_type:
            query = query.where(e.c.type == event_type.upper())
        day = sa.func.coalesce(e.c.date, e.c.date_earliest)
        if date_from:
            query = query.where(day >= date_from)
        if date_to:
            query = query.where(day <= date_to)
        query = query.order_by(day.is_(None), day, e.c.id).limit(limit)
        with self.engine.connect() as connection:
            return [_event(r) for r in connection.execute(query)]

    def events_reported_in(self, article_ids: Collection[str]) -> list[Event]:
        """The merged events that any of these articles reports, by date."""
        ea, e = schema.event_articles, schema.events
        found: dict[str, Event] = {}
        ids = sorted(set(article_ids))
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                reporting = sa.select(ea.c.event_id).where(ea.c.article_id.in_(chunk))
                query = sa.select(e).where(e.c.id.in_(reporting))
                found.update((r.id, _event(r)) for r in connection.execute(query))
        return sorted(found.values(), key=_by_date)

    def references_of(self, article_id: str) -> list[Reference]:
        """The pronouns and group phrases resolved in an article, in text order."""
        c = schema.coreferences
        query = sa.select(c).where(c.c.article_id == article_id).order_by(c.c.start)
        with self.engine.connect() as connection:
            return [_reference(r) for r in connection.execute(query)]

    def actor_references(self, actor_id: str, limit: int = 20) -> list[Reference]:
        """The first references resolved to an actor ("he", "the two leaders"), in ingest
        order, each with the mentions it goes back to."""
        c = schema.coreferences
        quoted = actor_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = (
            sa.select(c)
            .join(A, A.c.id == c.c.article_id)
            .where(sa.cast(c.c.actor_ids, sa.Text).like(f'%"{quoted}"%', escape="\\"))
            .order_by(A.c.seq, c.c.start)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [_reference(r) for r in connection.execute(query)]

    def iter_events(self) -> Iterator[Event]:
        yield from self.events(limit=10_000_000)

    def quotes_of(self, speaker: str | None = None, limit: int = 100) -> list[Quote]:
        """Quotes in ingest order, optionally by one speaker (actor id)."""
        q = schema.quotes
        query = sa.select(q).join(A, A.c.id == q.c.article_id)
        if speaker:
            query = query.where(q.c.speaker == speaker)
        query = query.order_by(A.c.seq, q.c.sentence_index, q.c.id).limit(limit)
        with self.engine.connect() as connection:
            return [_quote(r) for r in connection.execute(query)]

    def iter_quotes(self) -> Iterator[Quote]:
        yield from self.quotes_of(limit=10_000_000)
