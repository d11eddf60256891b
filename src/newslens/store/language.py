"""Store queries for the language stage: parses, analyses, sentences, actors, mentions, times.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.records import Actor, ArticleAnalysis, ArticleText
from newslens.store import schema
from newslens.store.stories import _TEXT_COLUMNS, _text

_CHUNK = 900
A = schema.articles


@dataclass(frozen=True)
class ActorSummary:
    """An actor with how often the stored articles mention it."""

    actor: Actor
    mentions: int
    articles: int


def _actor(row: Any) -> Actor:
    return Actor(
        row.id,
        row.name,
        row.kind,
        row.country,
        row.sector,
        tuple(row.roles),
        tuple(row.aliases),
    )


class LanguageMixin:
    """Queries over what the language stage stores."""

    engine: Engine

    def unanalysed_articles(self, batch_size: int = 200) -> Iterator[list[ArticleText]]:
        """Originals the language stage has not analysed yet, in ingest order, in batches."""
        last = 0
        query = (
            sa.select(*_TEXT_COLUMNS)
            .where(A.c.duplicate_of.is_(None))
            .where(~sa.exists().where(schema.analyses.c.article_id == A.c.id))
        )
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    query.where(A.c.seq > last).order_by(A.c.seq).limit(batch_size)
                ).all()
            if not rows:
                return
            yield [_text(r) for r in rows]
            last = rows[-1].seq

    def save_analyses(
        self, analyses: Sequence[ArticleAnalysis], model: str, actors: Sequence[Actor] = ()
    ) -> None:
        """Store what the language stage found and, in the same transaction, ``actors``
        (already merged with what was stored), so that a build killed between two batches
        leaves no article analysed without its actors."""
        if not analyses:
            return
        with self.engine.begin() as connection:
            _write_actors(connection, actors)
            connection.execute(
                schema.analyses.insert(),
                [
                    {
                        "article_id": a.article_id,
                        "language": a.language,
                        "skipped": a.skipped,
                        "sentences": len(a.sentences),
                    }
                    for a in analyses
                ],
            )
            parsed = [{"article_id": a.article_id, "model": model, "doc": a.doc} for a in analyses]
            parsed = [row for row in parsed if row["doc"]]
            if parsed:
                connection.execute(schema.parses.insert(), parsed)
            rows = [
                {
                    "article_id": s.article_id,
                    "idx": s.index,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                }
                for a in analyses
                for s in a.sentences
            ]
            if rows:
                connection.execute(schema.sentences.insert(), rows)
            rows = [
                {
                    "article_id": m.article_id,
                    "sentence_index": m.sentence_index,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "actor_id": m.actor_id,
                    "how": m.how,
                }
                for a in analyses
                for m in a.mentions
            ]
            if rows:
                connection.execute(schema.mentions.insert(), rows)
            rows = [
                {
                    "article_id": t.article_id,
                    "sentence_index": t.sentence_index,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "date": t.date,
                    "earliest": t.earliest,
                    "latest": t.latest,
                    "anchor": t.anchor,
                }
                for a in analyses
                for t in a.times
            ]
            if rows:
                connection.execute(schema.time_expressions.insert(), rows)
            inferred = [
                {
                    "b_id": a.article_id,
                    "b_earliest": a.published_earliest,
                    "b_latest": a.published_latest,
                }
                for a in analyses
                if a.published_earliest or a.published_latest
            ]
            if inferred:
                # only articles with no date of their own take an interval inferred from content
                connection.execute(
                    A.update()
                    .where(A.c.id == sa.bindparam("b_id"))
                    .where(A.c.published.is_(None))
                    .values(
                        published_earliest=sa.bindparam("b_earliest"),
                        published_latest=sa.bindparam("b_latest"),
                    ),
                    inferred,
                )

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        wanted = sorted(set(ids))
        found: dict[str, Actor] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = sa.select(schema.actors).where(schema.actors.c.id.in_(chunk))
                found.update({r.id: _actor(r) for r in connection.execute(query)})
        return found

    def save_actors(self, actors: Sequence[Actor]) -> None:
        """Insert or replace actors (already merged with what was stored)."""
        with self.engine.begin() as connection:
            _write_actors(connection, actors)

    def actor_summaries(self, limit: int = 50, offset: int = 0) -> list[ActorSummary]:
        """Actors, most mentioned first, with mention and article counts."""
        m = schema.mentions
        counts = (
            sa.select(
                m.c.actor_id,
                sa.func.count().label("mentions"),
                sa.func.count(sa.distinct(m.c.article_id)).label("articles"),
            )
            .group_by(m.c.actor_id)
            .subquery()
        )
        query = (
            sa.select(schema.actors, counts.c.mentions, counts.c.articles)
            .join(counts, counts.c.actor_id == schema.actors.c.id, isouter=True)
            .order_by(sa.func.coalesce(counts.c.mentions, 0).desc(), schema.actors.c.name)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [ActorSummary(_actor(r), int(r.mentions or 0), int(r.articles or 0)) for r in rows]

    def top_actors(self, article_ids: Sequence[str], n: int = 2) -> list[Actor]:
        """The ``n`` actors most mentioned in these articles (by articles, then mentions)."""
        m = schema.mentions
        counts: dict[str, tuple[set[str], int]] = {}
        ids = list(article_ids)
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _CHUNK):
                query = sa.select(m.c.actor_id, m.c.article_id).where(
                    m.c.article_id.in_(ids[start : start + _CHUNK])
                )
                for row in connection.execute(query):
                    seen, total = counts.get(row.actor_id, (set(), 0))
                    seen.add(row.article_id)
                    counts[row.actor_id] = (seen, total + 1)
        ranked = sorted(counts, key=lambda a: (-len(counts[a][0]), -counts[a][1], a))[:n]
        found = self.actors_by_id(ranked)
        return [found[a] for a in ranked if a in found]

    def iter_actors(self) -> Iterator[Actor]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(schema.actors).order_by(schema.actors.c.id)).all()
        for row in rows:
            yield _actor(row)

    def find_actor(self, name: str) -> Actor | None:
        """The actor with this id, name or alias (case-insensitive), most mentioned first."""
        wanted = name.casefold().strip()
        named = [
            actor
            for actor in self.iter_actors()
            if any(n.casefold() == wanted for n in (actor.id, actor.name, *actor.aliases))
        ]
        if len(named) < 2:
            return named[0] if named else None
        m = schema.mentions
        query = (
            sa.select(m.c.actor_id, sa.func.count().label("n"))
            .where(m.c.actor_id.in_([a.id for a in named]))
            .group_by(m.c.actor_id)
        )
        with self.engine.connect() as connection:
            counts = {r.actor_id: int(r.n) for r in connection.execute(query)}
        # most mentioned; ties go to the name order the actor listing uses
        return min(named, key=lambda a: (-counts.get(a.id, 0), a.name, a.id))

    def actor_mentions(self, actor_id: str, limit: int = 20) -> list[tuple[str, str, str]]:
        """(article id, mention text, sentence) for an actor's first mentions, in ingest order."""
        m, s = schema.mentions, schema.sentences
        query = (
            sa.select(m.c.article_id, m.c.text, s.c.text.label("sentence"))
            .join(s, sa.and_(s.c.article_id == m.c.article_id, s.c.idx == m.c.sentence_index))
            .join(A, A.c.id == m.c.article_id)
            .where(m.c.actor_id == actor_id)
            .order_by(A.c.seq, m.c.start)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [(r.article_id, r.text, r.sentence) for r in connection.execute(query)]

    def time_expressions_of(self, article_id: str) -> list[tuple[str, dt.date | None, Any, Any]]:
        """(text, date, earliest, latest) of an article's time expressions, in text order."""
        t = schema.time_expressions
        query = sa.select(t).where(t.c.article_id == article_id).order_by(t.c.start)
        with self.engine.connect() as connection:
            return [(r.text, r.date, r.earliest, r.latest) for r in connection.execute(query)]


def _write_actors(connection: sa.Connection, actors: Sequence[Actor]) -> None:
    if not actors:
        return
    ids = [a.id for a in actors]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        connection.execute(schema.actors.delete().where(schema.actors.c.id.in_(chunk)))
    connection.execute(
        schema.actors.insert(),
        [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "sector": a.sector,
                "roles": list(a.roles),
                "aliases": list(a.aliases),
            }
            for a in actors
        ],
    )
