"""Background ingest jobs: a worker thread in the server process runs them one at a time.

A job is a row (``ingest_jobs``) plus its spooled files. The worker claims a queued job
atomically, beats a heartbeat while it runs, and ingests the files (then builds, if asked).
Ingest is idempotent (article ids derive from file name or URL and text), so running a job
again after a crash stores nothing twice: that is how jobs survive restarts. A clean shutdown
puts the running job back in the queue; after a crash its heartbeat goes stale and the next
worker to look takes it over.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
import uuid
from pathlib import Path
from typing import Any

from newslens.api.settings import ServerSettings
from newslens.errors import NewslensError
from newslens.records import ReadOptions
from newslens.store import Store
from newslens.store.server import IngestJob

log = logging.getLogger(__name__)


class _Stopping(Exception):
    """Raised from a progress callback to leave a job when the server stops."""


def new_job_id() -> str:
    return "j" + uuid.uuid4().hex[:15]


def spool_root(store: Store, settings: ServerSettings) -> Path:
    """Where uploads wait: the setting, else a folder beside the SQLite file, else ./."""
    if settings.spool_dir is not None:
        return settings.spool_dir
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.parent / f"{db.stem}-spool"
    return Path.cwd() / "newslens-spool"


def job_record(job: IngestJob) -> dict[str, Any]:
    """A job as the API shows it."""

    def iso(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": job.id,
        "status": job.status,
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at),
        "finished_at": iso(job.finished_at),
        "files": job.files,
        "options": job.options,
        "counts": job.counts,
        "errors": job.errors,
        "attempts": job.attempts,
    }


class JobRunner:
    """Runs queued ingest jobs in one background thread (jobs never run side by side, so two
    builds never race over the same store)."""

    def __init__(self, store: Store, settings: ServerSettings) -> None:
        self.store = store
        self.settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker; it first takes over the jobs a previous server left unfinished."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="newslens-jobs", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Look for queued jobs now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the current item; the interrupted job goes back in the queue."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                stale = dt.datetime.now(dt.UTC) - dt.timedelta(
                    seconds=self.settings.job_stale_seconds
                )
                job = self.store.claim_job(stale)
            except Exception:  # the database may be briefly away; try again at the next poll
                log.exception("looking for ingest jobs failed")
                job = None
            if job is None:
                self._wake.wait(self.settings.job_poll_seconds)
                self._wake.clear()
                continue
            self.run(job)

    def _check(self, *_args: object) -> None:
        if self._stop.is_set():
            raise _Stopping

    def run(self, job: IngestJob) -> None:
        """Run one claimed job to done or failed (or back to queued when the server stops)."""
        beating = threading.Event()
        interval = max(0.2, min(5.0, self.settings.job_stale_seconds / 4))

        def beat() -> None:
            while not beating.wait(interval):
                try:
                    self.store.heartbeat_job(job.id)
                except Exception:  # a missed beat only risks a takeover, which is safe
                    log.warning("heartbeat of job %s failed", job.id)

        heart = threading.Thread(target=beat, name=f"newslens-job-{job.id}", daemon=True)
        heart.start()
        try:
            counts = self._ingest(job)
            self.store.update_job(job.id, status="done", counts=counts, errors=[])
            shutil.rmtree(job.spool_dir, ignore_errors=True)
            log.info("ingest job %s done: %s", job.id, counts)
        except _Stopping:
            self.store.update_job(job.id, status="queued")
            log.info("ingest job %s put back in the queue: the server is stopping", job.id)
        except NewslensError as exc:
            self.store.update_job(job.id, status="failed", errors=[str(exc)])
        except Exception as exc:
            log.exception("ingest job %s failed", job.id)
            message = f"internal error: {type(exc).__name__}: {exc}; the server log has more"
            self.store.update_job(job.id, status="failed", errors=[message])
        finally:
            beating.set()
            heart.join()

    def _ingest(self, job: IngestJob) -> dict[str, Any]:
        from newslens.pipeline import build, ingest

        folder = Path(job.spool_dir)
        paths = [folder / str(f["name"]) for f in job.files]
        missing = [p.name for p in paths if not p.exists()]
        if missing:
            raise NewslensError(
                f"job {job.id}: spooled file(s) {', '.join(missing)} are gone from {folder}; "
                "upload them again"
            )
        options = ReadOptions(outlet=job.options.get("outlet"))
        fmt = str(job.options.get("format") or "auto")
        report = ingest(self.store, paths, fmt, options, progress=self._check)
        counts: dict[str, Any] = report.as_dict()
        if job.options.get("build"):
            self.store.update_job(job.id, counts={**counts, "building": True})
            counts["build"] = build(self.store, progress=self._check).as_dict()
        return counts
