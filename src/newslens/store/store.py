"""The store: the spine between stages. Articles, their raw documents, the quarantine, runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.config import database_url
from newslens.records import Article, Rejected
from newslens.store import schema
from newslens.store.browse import BrowseMixin
from newslens.store.database import create_engine, migrate
from newslens.store.events import EventsMixin
from newslens.store.language import LanguageMixin
from newslens.store.scope import ScopeMixin
from newslens.store.search import SearchHit, search_articles
from newslens.store.server import ServerMixin
from newslens.store.stories import StoriesMixin

#: how many bound parameters one IN (...) query may carry (SQLite's limit is 32766)
_CHUNK = 900


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, with the links later stages add (duplicate, story, thread)."""

    id: str
    url: str | None
    source_path: str
    outlet: str | None
    original_outlet: str | None
    title: str | None
    author: str | None
    language: str | None
    published: dt.date | None
    published_earliest: dt.date | None
    published_latest: dt.date | None
    truncated: bool
    body: str
    duplicate_of: str | None
    story_id: str | None
    thread_id: str | None
    input_format: str
    seq: int


@dataclass(frozen=True)
class QuarantineEntry:
    """An input that was refused, with its source and reason."""

    source_path: str
    reason: str
    detail: str
    size: int
    created_at: dt.datetime


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _quarantine_id(item: Rejected) -> str:
    key = f"{item.source_path}\n{item.reason}\n{item.detail}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _stored(row: sa.Row[Any]) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        url=row.url,
        source_path=row.source_path,
        outlet=row.outlet,
        original_outlet=row.original_outlet,
        title=row.title,
        author=row.author,
        language=row.language,
        published=_as_date(row.published),
        published_earliest=_as_date(row.published_earliest),
        published_latest=_as_date(row.published_latest),
        truncated=bool(row.truncated),
        body=row.body,
        duplicate_of=row.duplicate_of,
        story_id=row.story_id,
        thread_id=row.thread_id,
        input_format=row.input_format,
        seq=row.seq,
    )


class Store(StoriesMixin, LanguageMixin, EventsMixin, ScopeMixin, ServerMixin, BrowseMixin):
    """One newslens database. ``Store.open(db)`` connects and migrates to the current schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open (creating if needed) the store at a path or URL, migrated to the latest schema."""
        engine = create_engine(database_url(db))
        migrate(engine)
        return cls(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (a rerun skips them: idempotent ingest)."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(wanted):
                query = sa.select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))
                found.update(connection.scalars(query))
        return found

    def existing_body_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The subset of body hashes some stored article already has (exact copies)."""
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(wanted):
                column = schema.articles.c.body_hash
                found.update(connection.scalars(sa.select(column).where(column.in_(chunk))))
        return found

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert the articles not yet stored, with their raw documents, in one transaction."""
        if not articles:
            return 0
        fresh: dict[str, Article] = {}
        existing = self.existing_ids(a.id for a in articles)
        for article in articles:
            if article.id not in existing and article.id not in fresh:
                fresh[article.id] = article
        if not fresh:
            return 0
        now = _now()
        rows = [
            {
                "id": a.id,
                "url": a.url,
                "source_path": a.source_path,
                "input_format": a.input_format,
                "outlet": a.outlet,
                "original_outlet": a.original_outlet,
                "title": a.title,
                "author": a.author,
                "language": a.language,
                "published": a.published,
                "published_earliest": a.published_earliest,
                "published_latest": a.published_latest,
                "truncated": a.truncated,
                "body": a.body,
                "body_hash": a.body_hash,
                "ingested_at": now,
            }
            for a in fresh.values()
        ]
        raws = [
            {"article_id": a.id, "content": a.raw, "removed_lines": json.dumps(a.removed_lines)}
            for a in fresh.values()
        ]
        with self.engine.begin() as connection:
            connection.execute(schema.articles.insert(), rows)
            connection.execute(schema.raw_documents.insert(), raws)
        return len(rows)

    def add_rejected(self, items: Sequence[Rejected]) -> int:
        """Quarantine refused inputs; the same refusal twice is kept once (idempotent)."""
        by_id = {_quarantine_id(item): item for item in items}
        if not by_id:
            return 0
        with self.engine.begin() as connection:
            known: set[str] = set()
            for chunk in _chunks(sorted(by_id)):
                column = schema.quarantine.c.id
                known.update(connection.scalars(sa.select(column).where(column.in_(chunk))))
            rows = [
                {
                    "id": key,
                    "source_path": item.source_path,
                    "reason": str(item.reason),
                    "detail": item.detail,
                    "sample": item.sample,
                    "created_at": _now(),
                }
                for key, item in by_id.items()
                if key not in known
            ]
            if rows:
                connection.execute(schema.quarantine.insert(), rows)
        return len(rows)

    def start_run(self, inputs: Sequence[str]) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(
                schema.ingest_runs.insert().values(
                    started_at=_now(), inputs="\n".join(inputs), counts={}, status="running"
                )
            )
            key = result.inserted_primary_key
            return int(key[0]) if key else 0

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                schema.ingest_runs.update()
                .where(schema.ingest_runs.c.id == run_id)
                .values(finished_at=_now(), counts=counts, status=status)
            )

    def start_build(self, engine: str) -> int:
        """Record a build as running (``finish_build`` marks it done)."""
        with self.engine.begin() as connection:
            result = connection.execute(
                schema.build_runs.insert().values(
                    started_at=_now(), engine=engine, counts={}, status="running"
                )
            )
            key = result.inserted_primary_key
            return int(key[0]) if key else 0

    def finish_build(self, run_id: int, counts: dict[str, Any]) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                schema.build_runs.update()
                .where(schema.build_runs.c.id == run_id)
                .values(finished_at=_now(), counts=counts, status="done")
            )

    def last_build_unfinished(self) -> bool:
        """Whether the latest build started and never finished (killed, or it failed)."""
        runs = schema.build_runs
        with self.engine.connect() as connection:
            status = connection.scalar(sa.select(runs.c.status).order_by(runs.c.id.desc()))
        return status is not None and status != "done"

    def pending(self, stage: str) -> int | None:
        """How many articles a build stage has still to do (``duplicates``, ``language``,
        ``events``); None for the stages over the whole corpus. For progress bars' ETA."""
        a = schema.articles
        originals = sa.select(sa.func.count()).select_from(a).where(a.c.duplicate_of.is_(None))
        queries = {
            "duplicates": sa.select(sa.func.count())
            .select_from(a)
            .where(~sa.exists().where(schema.signatures.c.article_id == a.c.id)),
            "language": originals.where(~sa.exists().where(schema.analyses.c.article_id == a.c.id)),
            "events": originals.where(
                sa.exists().where(schema.parses.c.article_id == a.c.id),
                ~sa.exists().where(schema.event_runs.c.article_id == a.c.id),
            ),
        }
        if stage not in queries:
            return None
        with self.engine.connect() as connection:
            return int(connection.scalar(queries[stage]) or 0)

    def result_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every result table as sorted rows, clock columns and run records left out: what two
        builds of the same input agree on, whatever engine ran them (tests, benchmarks)."""
        runs = {"ingest_runs", "build_runs", "api_tokens", "ingest_jobs"}
        dump: dict[str, list[tuple[Any, ...]]] = {}
        with self.engine.connect() as connection:
            for table in schema.metadata.sorted_tables:
                if table.name in runs:
                    continue
                columns = [c for c in table.columns if not isinstance(c.type, sa.DateTime)]
                rows = connection.execute(sa.select(*columns)).all()
                dump[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return dump

    # -- reading -------------------------------------------------------------------------------

    def count_articles(self) -> int:
        with self.engine.connect() as connection:
            count = sa.select(sa.func.count()).select_from(schema.articles)
            return int(connection.scalar(count) or 0)

    def iter_articles(self, batch_size: int = 500) -> Iterator[StoredArticle]:
        """Every article in ingest order, fetched in batches (bounded memory)."""
        last = 0
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    sa.select(schema.articles)
                    .where(schema.articles.c.seq > last)
                    .order_by(schema.articles.c.seq)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            last = rows[-1].seq

    def articles(self, limit: int = 20, offset: int = 0) -> list[StoredArticle]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(schema.articles)
                .order_by(schema.articles.c.seq)
                .limit(limit)
                .offset(offset)
            ).all()
        return [_stored(row) for row in rows]

    def get_article(self, article_id: str) -> StoredArticle | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(schema.articles).where(schema.articles.c.id == article_id)
            ).first()
        return _stored(row) if row else None

    def articles_by_id(self, ids: Iterable[str]) -> list[StoredArticle]:
        """The stored articles with these ids, in ingest order (unknown ids are skipped)."""
        wanted = sorted(set(ids))
        found: list[StoredArticle] = []
        with self.engine.connect() as connection:
            for chunk in _chunks(wanted):
                query = sa.select(schema.articles).where(schema.articles.c.id.in_(chunk))
                found.extend(_stored(r) for r in connection.execute(query))
        return sorted(found, key=lambda a: a.seq)

    def raw_document(self, article_id: str) -> tuple[str, list[str]] | None:
        """The text as ingested and the lines cleaning removed from it."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(schema.raw_documents).where(
                    schema.raw_documents.c.article_id == article_id
                )
            ).first()
        return (row.content, json.loads(row.removed_lines)) if row else None

    def quarantine(self) -> list[QuarantineEntry]:
        """Every refused input, oldest first."""
        q = schema.quarantine
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(
                    q.c.source_path,
                    q.c.reason,
                    q.c.detail,
                    sa.func.length(q.c.sample).label("size"),
                    q.c.created_at,
                ).order_by(q.c.created_at, q.c.source_path)
            ).all()
        return [
            QuarantineEntry(r.source_path, r.reason, r.detail, int(r.size or 0), r.created_at)
            for r in rows
        ]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over title and body (FTS5 on SQLite, tsvector on PostgreSQL)."""
        with self.engine.connect() as connection:
            return search_articles(connection, query, limit)
