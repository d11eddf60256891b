"""Store queries for browsing: single events, paginated and filtered listings for the web UI.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine


class BrowseMixin:
    """Lookups the web pages need that the CLI does not."""

    engine: Engine
