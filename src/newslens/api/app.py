"""The FastAPI application: the REST API under ``/api/v1`` and, when present, the web UI.

::

    from newslens.api import create_app
    app = create_app("newslens.db")          # or a postgresql+psycopg:// URL
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI

from newslens import __version__
from newslens.api import routes_analysis, routes_ingest, routes_read
from newslens.api.auth import RateLimiter, require_read
from newslens.api.errors import GuardMiddleware, install_error_handlers
from newslens.api.jobs import JobRunner
from newslens.api.settings import ServerSettings
from newslens.store import Store

log = logging.getLogger(__name__)

PREFIX = "/api/v1"

DESCRIPTION = """\
Articles, stories, threads, events, quotes and actors of one newslens store, with timelines,
dyads, outlet comparisons and dossiers. Reads are open unless the server requires a token;
writes (`POST /ingest`) need `Authorization: Bearer <token>` (`newslens token create`).
Errors are JSON: `{"error": {"code": ..., "message": ...}}`.
"""


def _api_router() -> APIRouter:
    api = APIRouter(prefix=PREFIX)
    reads = [Depends(require_read)]
    api.include_router(routes_read.router, dependencies=reads)
    api.include_router(routes_analysis.router, dependencies=reads)
    api.include_router(routes_ingest.router)
    return api


def _mount_web(app: FastAPI) -> None:
    """Add the web UI's pages and static files when the web package provides them."""
    try:
        from newslens.web.routes import router as web_router  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return
    app.include_router(web_router)
    import newslens.web

    static = Path(newslens.web.__file__).parent / "static"
    if static.is_dir():
        from fastapi.staticfiles import StaticFiles

        app.mount("/static", StaticFiles(directory=static), name="static")


def create_app(db: str | None = None, settings: ServerSettings | None = None) -> FastAPI:
    """The app over the store at ``db`` (path or URL; default ``NEWSLENS_DB`` or
    ./newslens.db). Settings default to :meth:`ServerSettings.from_env`.

    While the app runs (its lifespan), a worker thread runs ingest jobs, first those a previous
    server left unfinished.
    """
    settings = settings or ServerSettings.from_env()
    store = Store.open(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner = JobRunner(store, settings) if settings.run_jobs else None
        app.state.jobs = runner
        if runner is not None:
            runner.start()
        try:
            yield
        finally:
            if runner is not None:
                runner.stop()
            app.state.jobs = None

    app = FastAPI(
        title="newslens",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.jobs = None
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_bytes=int(settings.max_request_mb * 1024 * 1024))
    app.include_router(_api_router())
    _mount_web(app)
    return app
