"""Store queries for the duplicate and story stages: signatures, assignments, stories, threads.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.records import (
    ArticleText,
    DedupeResult,
    KnownSignature,
    Story,
    StoryAssignment,
    Thread,
)
from newslens.store import schema

_CHUNK = 900
A = schema.articles


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _text(row: Any) -> ArticleText:
    return ArticleText(
        id=row.id,
        seq=row.seq,
        body=row.body,
        title=row.title,
        outlet=row.outlet,
        original_outlet=row.original_outlet,
        published=_date(row.published),
        published_earliest=_date(row.published_earliest),
        published_latest=_date(row.published_latest),
        language=row.language,
    )


_TEXT_COLUMNS = (
    A.c.id,
    A.c.seq,
    A.c.body,
    A.c.title,
    A.c.outlet,
    A.c.original_outlet,
    A.c.published,
    A.c.published_earliest,
    A.c.published_latest,
    A.c.language,
)


def _story(row: Any) -> Story:
    return Story(
        id=row.id,
        label=row.label,
        keywords=tuple(row.keywords),
        entities=tuple(row.entities),
        start=_date(row.start),
        end=_date(row.end),
        article_ids=tuple(row.article_ids),
        outlets=tuple(row.outlets),
        thread_id=row.thread_id,
    )


def _thread(row: Any) -> Thread:
    return Thread(row.id, row.label, tuple(row.story_ids), _date(row.start), _date(row.end))


class StoriesMixin:
    """Queries over signatures, story assignments, stories and threads."""

    engine: Engine

    # -- duplicates ----------------------------------------------------------------------------

    def unsigned_articles(self, batch_size: int = 500) -> Iterator[list[ArticleText]]:
        """Articles the dedupe stage has not seen yet, in ingest order, in batches."""
        last = 0
        query = sa.select(*_TEXT_COLUMNS).where(
            ~sa.exists().where(schema.signatures.c.article_id == A.c.id)
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

    def known_signatures(self) -> Iterator[KnownSignature]:
        """Every stored signature, with what orders copies, in ingest order."""
        s = schema.signatures
        query = (
            sa.select(
                A.c.id,
                A.c.seq,
                sa.func.coalesce(A.c.published, A.c.published_earliest).label("day"),
                A.c.duplicate_of,
                A.c.outlet,
                A.c.original_outlet,
                s.c.signature,
            )
            .join(s, s.c.article_id == A.c.id)
            .order_by(A.c.seq)
        )
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield KnownSignature(
                    row.id,
                    row.seq,
                    _date(row.day),
                    bytes(row.signature),
                    row.duplicate_of,
                    row.outlet,
                    row.original_outlet,
                )

    def save_dedupe(self, results: Sequence[DedupeResult]) -> set[str]:
        """Store signatures and duplicate links (results for known articles update their link).

        Returns the stories that lost a member because it turned out to be a copy.
        """
        if not results:
            return set()
        touched: set[str] = set()
        s = schema.signatures
        with self.engine.begin() as connection:
            ids = [r.article_id for r in results]
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                connection.execute(s.delete().where(s.c.article_id.in_(chunk)))
            connection.execute(
                s.insert(),
                [
                    {
                        "article_id": r.article_id,
                        "signature": r.signature,
                        "similarity": r.similarity,
                    }
                    for r in results
                ],
            )
            connection.execute(
                A.update()
                .where(A.c.id == sa.bindparam("b_id"))
                .values(duplicate_of=sa.bindparam("b_duplicate_of")),
                [{"b_id": r.article_id, "b_duplicate_of": r.duplicate_of} for r in results],
            )
            # A copy is never a member of a story: its original is.
            copies = [r.article_id for r in results if r.duplicate_of]
            sa_ = schema.story_assignments
            for start in range(0, len(copies), _CHUNK):
                chunk = copies[start : start + _CHUNK]
                where = sa_.c.article_id.in_(chunk)
                touched.update(connection.scalars(sa.select(sa_.c.story_id).where(where)))
                connection.execute(sa_.delete().where(where))
        return touched

    # -- stories -------------------------------------------------------------------------------

    def unclustered_articles(self) -> list[ArticleText]:
        """Originals (not copies) that no story holds yet, in ingest order."""
        sa_ = schema.story_assignments
        query = (
            sa.select(*_TEXT_COLUMNS)
            .where(A.c.duplicate_of.is_(None))
            .where(~sa.exists().where(sa_.c.article_id == A.c.id))
            .order_by(A.c.seq)
        )
        with self.engine.connect() as connection:
            return [_text(r) for r in connection.execute(query)]

    def open_story_members(self, since: dt.date | None) -> list[tuple[ArticleText, str]]:
        """Members of stories that end on or after ``since`` (or have no date), for priming."""
        sa_ = schema.story_assignments
        st = schema.stories
        query = (
            sa.select(*_TEXT_COLUMNS, sa_.c.story_id)
            .join(sa_, sa_.c.article_id == A.c.id)
            .join(st, st.c.id == sa_.c.story_id)
            .order_by(A.c.seq)
        )
        if since is not None:
            query = query.where(sa.or_(st.c.end.is_(None), st.c.end >= since))
        with self.engine.connect() as connection:
            return [(_text(r), r.story_id) for r in connection.execute(query)]

    def save_assignments(self, assignments: Sequence[StoryAssignment]) -> None:
        if not assignments:
            return
        with self.engine.begin() as connection:
            connection.execute(
                schema.story_assignments.insert(),
                [
                    {"article_id": a.article_id, "story_id": a.story_id, "score": a.score}
                    for a in assignments
                ],
            )

    def story_ids(self) -> set[str]:
        """Every story id, described or only assigned to articles so far."""
        sa_, st = schema.story_assignments, schema.stories
        with self.engine.connect() as connection:
            assigned = connection.scalars(sa.select(sa_.c.story_id).distinct()).all()
            described = connection.scalars(sa.select(st.c.id)).all()
        return {*assigned, *described}

    def story_members(self, story_ids: Iterable[str]) -> dict[str, list[ArticleText]]:
        """The member articles of each story (originals only)."""
        wanted = sorted(set(story_ids))
        members: dict[str, list[ArticleText]] = defaultdict(list)
        sa_ = schema.story_assignments
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                query = (
                    sa.select(*_TEXT_COLUMNS, sa_.c.story_id)
                    .join(sa_, sa_.c.article_id == A.c.id)
                    .where(sa_.c.story_id.in_(wanted[start : start + _CHUNK]))
                    .order_by(A.c.seq)
                )
                for row in connection.execute(query):
                    members[row.story_id].append(_text(row))
        return dict(members)

    def assigned_story_ids(self) -> set[str]:
        with self.engine.connect() as connection:
            column = schema.story_assignments.c.story_id
            return set(connection.scalars(sa.select(column).distinct()))

    def save_stories(self, stories: Sequence[Story], gone: Iterable[str] = ()) -> None:
        """Replace the given stories (and delete the ``gone`` ones, which lost every member)."""
        st = schema.stories
        ids = [s.id for s in stories] + list(gone)
        with self.engine.begin() as connection:
            for start in range(0, len(ids), _CHUNK):
                connection.execute(st.delete().where(st.c.id.in_(ids[start : start + _CHUNK])))
            if stories:
                connection.execute(
                    st.insert(),
                    [
                        {
                            "id": s.id,
                            "label": s.label,
                            "keywords": list(s.keywords),
                            "entities": list(s.entities),
                            "start": s.start,
                            "end": s.end,
                            "article_ids": list(s.article_ids),
                            "article_count": len(s.article_ids),
                            "outlets": list(s.outlets),
                            "thread_id": s.thread_id,
                        }
                        for s in stories
                    ],
                )

    def save_threads(self, threads: Sequence[Thread]) -> None:
        """Replace every thread, and point each story and article at its thread."""
        st, th = schema.stories, schema.threads
        with self.engine.begin() as connection:
            connection.execute(th.delete())
            connection.execute(st.update().values(thread_id=None))
            if threads:
                connection.execute(
                    th.insert(),
                    [
                        {
                            "id": t.id,
                            "label": t.label,
                            "story_ids": list(t.story_ids),
                            "start": t.start,
                            "end": t.end,
                        }
                        for t in threads
                    ],
                )
            for t in threads:
                for start in range(0, len(t.story_ids), _CHUNK):
                    chunk = list(t.story_ids[start : start + _CHUNK])
                    connection.execute(st.update().where(st.c.id.in_(chunk)).values(thread_id=t.id))

    def refresh_article_links(self) -> None:
        """Point every article at its story and thread (a copy at its original's)."""
        sa_, st = schema.story_assignments, schema.stories
        original = sa.func.coalesce(A.c.duplicate_of, A.c.id)
        story = sa.select(sa_.c.story_id).where(sa_.c.article_id == original).scalar_subquery()
        with self.engine.begin() as connection:
            connection.execute(A.update().values(story_id=story))
            thread = sa.select(st.c.thread_id).where(st.c.id == A.c.story_id).scalar_subquery()
            connection.execute(A.update().values(thread_id=thread))

    def clear_stories(self) -> None:
        """Forget every story, thread and assignment (``newslens build --recluster``)."""
        with self.engine.begin() as connection:
            for table in (schema.story_assignments, schema.stories, schema.threads):
                connection.execute(table.delete())
            connection.execute(A.update().values(story_id=None, thread_id=None))

    # -- reading -------------------------------------------------------------------------------

    def stories(
        self, limit: int = 50, offset: int = 0, thread_id: str | None = None
    ) -> list[Story]:
        """Stories, biggest and latest first."""
        st = schema.stories
        query = sa.select(st).order_by(st.c.article_count.desc(), st.c.end.desc(), st.c.id)
        if thread_id:
            query = query.where(st.c.thread_id == thread_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.limit(limit).offset(offset)).all()
        return [_story(r) for r in rows]

    def iter_stories(self) -> Iterator[Story]:
        st = schema.stories
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(st).order_by(st.c.start, st.c.id)).all()
        for row in rows:
            yield _story(row)

    def get_story(self, story_id: str) -> Story | None:
        st = schema.stories
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(st).where(st.c.id == story_id)).first()
        return _story(row) if row else None

    def stories_by_id(self, story_ids: Iterable[str]) -> list[Story]:
        """The stories with these ids (unknown ids are skipped), in id order."""
        st = schema.stories
        ids = sorted(set(story_ids))
        found: list[Story] = []
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _CHUNK):
                query = sa.select(st).where(st.c.id.in_(ids[start : start + _CHUNK]))
                found.extend(_story(r) for r in connection.execute(query))
        return sorted(found, key=lambda s: s.id)

    def threads(self) -> list[Thread]:
        th = schema.threads
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(th).order_by(th.c.start, th.c.id)).all()
        return [_thread(r) for r in rows]

    def get_thread(self, thread_id: str) -> Thread | None:
        th = schema.threads
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(th).where(th.c.id == thread_id)).first()
        return _thread(row) if row else None

    def copies_of(self, article_ids: Sequence[str]) -> list[Any]:
        """The stored copies (duplicates) of the given articles, in ingest order."""
        from newslens.store.store import _stored

        ids = list(article_ids)
        rows: list[Any] = []
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _CHUNK):
                query = (
                    sa.select(A)
                    .where(A.c.duplicate_of.in_(ids[start : start + _CHUNK]))
                    .order_by(A.c.seq)
                )
                rows.extend(connection.execute(query).all())
        return [_stored(r) for r in rows]

    def story_of_articles(self, keys: Sequence[str], by: str = "url") -> dict[str, str | None]:
        """``url`` or ``source_path`` -> the story id of the article it names (for evaluation)."""
        column = A.c.url if by == "url" else A.c.source_path
        found: dict[str, str | None] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(keys), _CHUNK):
                chunk = list(keys[start : start + _CHUNK])
                rows = connection.execute(
                    sa.select(column.label("key"), A.c.story_id).where(column.in_(chunk))
                )
                for row in rows:
                    found[row.key] = row.story_id
        return found
