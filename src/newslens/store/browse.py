"""Store queries for browsing: single events, paginated and filtered listings for the web UI.

A mixin of :class:`newslens.store.Store`, kept apart so each module stays short.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newslens.records import Event
from newslens.store import schema
from newslens.store.events import _event


class BrowseMixin:
    """Lookups the web pages need that the CLI does not."""

    engine: Engine

    def count_stories(self, thread_id: str | None = None) -> int:
        """How many stories there are (in one thread, when given): for pagination."""
        st = schema.stories
        query = sa.select(sa.func.count()).select_from(st)
        if thread_id:
            query = query.where(st.c.thread_id == thread_id)
        with self.engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    def count_actors(self) -> int:
        """How many actors there are: for pagination."""
        query = sa.select(sa.func.count()).select_from(schema.actors)
        with self.engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    def get_event(self, event_id: str) -> Event | None:
        """The merged event with this id, or None."""
        e = schema.events
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(e).where(e.c.id == event_id)).first()
        return _event(row) if row else None

    def counterparts(self, actor_id: str, limit: int = 10) -> list[tuple[str, int]]:
        """(actor id, events) of the actors this one most often acts on or is acted on by.

        Negated and hypothetical events are left out: they did not happen.
        """
        e = schema.events
        real = sa.and_(e.c.negated.is_(False), e.c.hypothetical.is_(False))
        as_source = sa.select(e.c.target.label("other")).where(
            real, e.c.source == actor_id, e.c.target.is_not(None), e.c.target != actor_id
        )
        as_target = sa.select(e.c.source.label("other")).where(
            real, e.c.target == actor_id, e.c.source.is_not(None), e.c.source != actor_id
        )
        both = sa.union_all(as_source, as_target).subquery()
        count = sa.func.count().label("n")
        query = (
            sa.select(both.c.other, count)
            .group_by(both.c.other)
            .order_by(count.desc(), both.c.other)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [(str(r.other), int(r.n)) for r in connection.execute(query)]
