"""Store queries that gather one scope's material for timelines, comparisons and reports.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.records import Quote, Sentence
from newslens.store import schema

_CHUNK = 900


def _chunks(ids: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


class ScopeMixin:
    """Which articles a scope covers, and their sentences and quotes."""

    engine: Engine

    def articles_mentioning(self, actor_ids: Collection[str]) -> set[str]:
        """Ids of the articles that mention any of these actors."""
        m = schema.mentions
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(actor_ids):
                query = sa.select(m.c.article_id).where(m.c.actor_id.in_(chunk)).distinct()
                found.update(connection.execute(query).scalars())
        return found

    def article_ids_where(self, story_ids: Collection[str] = ()) -> set[str]:
        """Ids of the articles of these stories (copies included)."""
        a = schema.articles
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(story_ids):
                query = sa.select(a.c.id).where(a.c.story_id.in_(chunk))
                found.update(connection.execute(query).scalars())
        return found

    def sentences_of(
        self, article_ids: Collection[str], first: int | None = None
    ) -> dict[str, tuple[Sentence, ...]]:
        """Each article's sentences, in order (articles the language stage skipped have none);
        with ``first``, only each article's first ``first`` sentences (its lead)."""
        s = schema.sentences
        found: dict[str, list[Sentence]] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(article_ids):
                query = sa.select(s).where(s.c.article_id.in_(chunk)).order_by(s.c.idx)
                if first is not None:
                    query = query.where(s.c.idx < first)
                for r in connection.execute(query):
                    sentence = Sentence(r.article_id, r.idx, r.start, r.end, r.text)
                    found.setdefault(r.article_id, []).append(sentence)
        return {k: tuple(v) for k, v in found.items()}

    def quotes_in(self, article_ids: Collection[str]) -> list[Quote]:
        """The quotes of these articles, by article and sentence."""
        q = schema.quotes
        found: list[Quote] = []
        with self.engine.connect() as connection:
            for chunk in _chunks(article_ids):
                query = sa.select(q).where(q.c.article_id.in_(chunk))
                found.extend(
                    Quote(
                        r.id,
                        r.article_id,
                        r.sentence_index,
                        r.speaker,
                        r.speaker_text,
                        r.text,
                        bool(r.direct),
                        r.cue,
                    )
                    for r in connection.execute(query)
                )
        return sorted(found, key=lambda x: (x.article_id, x.sentence_index, x.id))

    def actors_of_country(self, country: str, sectors: Sequence[str]) -> list[str]:
        """Ids of the actors of one country in these sectors (a state's officials and bodies)."""
        t = schema.actors
        query = sa.select(t.c.id).where(t.c.country == country, t.c.sector.in_(list(sectors)))
        with self.engine.connect() as connection:
            return sorted(connection.execute(query).scalars())
