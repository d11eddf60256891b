"""Store queries for the server: API tokens and ingest jobs.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short. Tokens are
stored as a salted hash only (the API module makes and checks them); jobs are rows a worker
claims atomically, so several server processes on one PostgreSQL never run a job twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.store import schema

T = schema.api_tokens
J = schema.ingest_jobs

#: the states of an ingest job; queued and running ones are unfinished
JOB_STATES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class ApiToken:
    """A stored API token: its public id and name, the salted hash, and when it was used."""

    id: str
    name: str
    salt: str
    hash: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class IngestJob:
    """A background ingest: its spooled inputs, options, state and the ingest report's counts."""

    id: str
    status: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    heartbeat_at: dt.datetime | None
    token_id: str | None
    spool_dir: str
    files: list[dict[str, Any]]
    options: dict[str, Any]
    counts: dict[str, Any]
    errors: list[str]
    attempts: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; every time newslens writes is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _token(row: Any) -> ApiToken:
    return ApiToken(
        row.id,
        row.name,
        row.salt,
        row.hash,
        _aware(row.created_at) or _now(),
        _aware(row.last_used_at),
        _aware(row.revoked_at),
    )


def _job(row: Any) -> IngestJob:
    return IngestJob(
        id=row.id,
        status=row.status,
        created_at=_aware(row.created_at) or _now(),
        started_at=_aware(row.started_at),
        finished_at=_aware(row.finished_at),
        heartbeat_at=_aware(row.heartbeat_at),
        token_id=row.token_id,
        spool_dir=row.spool_dir,
        files=list(row.files or []),
        options=dict(row.options or {}),
        counts=dict(row.counts or {}),
        errors=list(row.errors or []),
        attempts=int(row.attempts or 0),
    )


class ServerMixin:
    """API tokens (stored hashed) and background ingest jobs."""

    engine: Engine

    # -- tokens --------------------------------------------------------------------------------

    def add_token(self, token_id: str, name: str, salt: str, digest: str) -> ApiToken:
        """Store a token's id, name and salted hash (never the token itself)."""
        row = {"id": token_id, "name": name, "salt": salt, "hash": digest, "created_at": _now()}
        with self.engine.begin() as connection:
            connection.execute(T.insert().values(**row))
        found = self.get_token(token_id)
        assert found is not None
        return found

    def get_token(self, token_id: str) -> ApiToken | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(T).where(T.c.id == token_id)).first()
        return _token(row) if row else None

    def tokens(self) -> list[ApiToken]:
        """Every token, revoked ones included, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(T).order_by(T.c.created_at, T.c.id)).all()
        return [_token(r) for r in rows]

    def revoke_token(self, token_id: str) -> bool:
        """Revoke a token; False when no active token has this id."""
        query = T.update().where(T.c.id == token_id, T.c.revoked_at.is_(None))
        with self.engine.begin() as connection:
            return connection.execute(query.values(revoked_at=_now())).rowcount == 1

    def touch_token(self, token_id: str) -> None:
        """Record that a token was just used (shown by ``newslens token list``)."""
        with self.engine.begin() as connection:
            connection.execute(T.update().where(T.c.id == token_id).values(last_used_at=_now()))

    # -- jobs ----------------------------------------------------------------------------------

    def create_job(
        self,
        job_id: str,
        spool_dir: str,
        files: Sequence[dict[str, Any]],
        options: dict[str, Any],
        token_id: str | None = None,
    ) -> IngestJob:
        """A queued ingest job over files already spooled to ``spool_dir``."""
        row = {
            "id": job_id,
            "status": "queued",
            "created_at": _now(),
            "token_id": token_id,
            "spool_dir": spool_dir,
            "files": list(files),
            "options": options,
            "counts": {},
            "errors": [],
            "attempts": 0,
        }
        with self.engine.begin() as connection:
            connection.execute(J.insert().values(**row))
        job = self.get_job(job_id)
        assert job is not None
        return job

    def get_job(self, job_id: str) -> IngestJob | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(J).where(J.c.id == job_id)).first()
        return _job(row) if row else None

    def jobs(self, limit: int = 50, offset: int = 0) -> tuple[list[IngestJob], int]:
        """Jobs, newest first, and how many there are."""
        query = sa.select(J).order_by(J.c.created_at.desc(), J.c.id).limit(limit).offset(offset)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
            total = connection.scalar(sa.select(sa.func.count()).select_from(J)) or 0
        return [_job(r) for r in rows], int(total)

    def claim_job(self, stale_before: dt.datetime) -> IngestJob | None:
        """Take the oldest queued job, or a running one whose worker stopped beating before
        ``stale_before`` (its server died); None when there is none.

        The UPDATE only succeeds while the row is as it was read, so two workers never take
        the same job.
        """
        stale = sa.and_(J.c.status == "running", J.c.heartbeat_at < stale_before)
        query = (
            sa.select(J.c.id, J.c.status, J.c.heartbeat_at)
            .where(sa.or_(J.c.status == "queued", stale))
            .order_by(J.c.created_at, J.c.id)
            .limit(5)
        )
        now = _now()
        with self.engine.begin() as connection:
            candidates = connection.execute(query).all()
        for candidate in candidates:
            guard = [J.c.id == candidate.id, J.c.status == candidate.status]
            if candidate.heartbeat_at is None:
                guard.append(J.c.heartbeat_at.is_(None))
            else:
                guard.append(J.c.heartbeat_at == candidate.heartbeat_at)
            update = (
                J.update()
                .where(*guard)
                .values(
                    status="running",
                    started_at=now,
                    heartbeat_at=now,
                    attempts=J.c.attempts + 1,
                )
            )
            with self.engine.begin() as connection:
                taken = connection.execute(update).rowcount == 1
            if taken:  # read it back once committed
                return self.get_job(candidate.id)
        return None

    def heartbeat_job(self, job_id: str) -> None:
        """Say the job's worker is alive (a job without a beat is taken over by another)."""
        query = J.update().where(J.c.id == job_id, J.c.status == "running")
        with self.engine.begin() as connection:
            connection.execute(query.values(heartbeat_at=_now()))

    def update_job(self, job_id: str, **values: Any) -> None:
        """Set a job's status, counts or errors (``finished_at`` is set when it ends)."""
        status = values.get("status")
        if status is not None and status not in JOB_STATES:
            raise ValueError(f"unknown job status {status!r}")
        if status in ("done", "failed"):
            values.setdefault("finished_at", _now())
        if status == "queued":
            values.setdefault("heartbeat_at", None)
        with self.engine.begin() as connection:
            connection.execute(J.update().where(J.c.id == job_id).values(**values))
