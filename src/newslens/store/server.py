"""Store queries for the server: API tokens and ingest jobs.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine


class ServerMixin:
    """API tokens (stored hashed) and background ingest jobs."""

    engine: Engine
