"""Query parameters the listings share: pagination, date range, text filters, bounded."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query

from newslens.api.queries import Page

#: the largest page any listing returns
MAX_PAGE = 500
#: offsets past this are refused (they would overflow SQLite's integers long before)
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description=f"Items per page (0-{MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
DateFrom = Annotated[
    dt.date | None, Query(alias="from", description="From this day (YYYY-MM-DD), inclusive.")
]
DateTo = Annotated[
    dt.date | None, Query(alias="to", description="To this day (YYYY-MM-DD), inclusive.")
]
Text = Annotated[
    str | None,
    Query(
        max_length=500,
        description='Words to find: web-search syntax ("a phrase", OR, -word).',
    ),
]
Name = Annotated[str | None, Query(max_length=200)]
Actors = Annotated[
    list[str] | None,
    Query(
        alias="actor",
        max_length=10,
        description="An actor's name, alias or id (repeatable: all must be involved).",
    ),
]


def page_of(limit: int, offset: int) -> Page:
    return Page(limit=limit, offset=offset)


def envelope(items: list[Any], total: int, page: Page) -> dict[str, Any]:
    """The shape of every paginated answer."""
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def checked_actors(names: list[str] | None) -> list[str]:
    """The actor names given, each at most 200 characters (a longer one names no actor)."""
    return [n[:200] for n in names or []]
