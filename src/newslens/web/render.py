"""Rendering for the web pages: the Jinja2 environment, the error page, pagination, markup.

Every template is autoescaped. Article text is untrusted input, so it reaches a page only as
escaped text; the few pieces of markup built here (search highlights, the SVG charts of
:mod:`newslens.report.charts`) escape everything they take from articles before they mark it safe.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from newslens.store import Store

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
#: rows per page of every listing
PER_PAGE = 20

#: scripts only from our own origin (the vendored htmx), never inline: a second wall behind
#: escaping. Inline style attributes are allowed for the chart legends.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

#: the highlight marks store.search puts around matched words
_HIGHLIGHT = re.compile(r"\[([^\[\]]{1,200})\]")


def _day(value: object) -> str:
    if value is None or value == "":
        return "undated"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _plural(count: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``; ``many`` for irregular plurals (story, stories)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _quote_path(value: object) -> str:
    """One path segment, percent-encoded (actor ids hold ``:``, names hold spaces)."""
    return quote(str(value), safe=":")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["seg"] = _quote_path
    env.filters["plural"] = _plural
    return env


templates = Jinja2Templates(env=_environment())


def html_page(
    request: Request, name: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """The template ``name`` rendered with ``context``, with the security headers."""
    root = str(request.scope.get("root_path", "")).rstrip("/")
    full = {"root": root, "nav": name.removesuffix(".html"), **context}
    response = templates.TemplateResponse(request, name, full, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    """The one error page: what went wrong and where to go next, never a traceback."""
    context = {"status": status, "title": title, "detail": detail}
    return html_page(request, "error.html", context, status=status)


def not_found(request: Request, what: str, key: str, listing: str) -> HTMLResponse:
    """404 for an unknown id, pointing at the listing where the known ones are."""
    return error_page(
        request,
        404,
        f"No {what} {key!r}",
        f"There is no {what} with this id or name in this store. Browse the {listing} to find one.",
    )


@dataclass(frozen=True)
class Pager:
    """One page of a listing: which rows to fetch and which links to draw."""

    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def numbers(self) -> list[int | None]:
        """Page numbers to link: the first, the last and those around this one (None: a gap)."""
        near = {1, self.pages, *range(self.page - 2, self.page + 3)}
        shown = sorted(n for n in near if 1 <= n <= self.pages)
        found: list[int | None] = []
        previous = 0
        for n in shown:
            if previous and n - previous > 1:
                found.append(None)
            found.append(n)
            previous = n
        return found

    def href(self, path: str, number: int, **params: str | None) -> str:
        query = {k: v for k, v in params.items() if v} | {"page": str(number)}
        return f"{path}?{urlencode(query)}"


def parse_page(value: str | None) -> int | None:
    """The page number a user asked for, or None when it is no positive whole number."""
    if value is None or value == "":
        return 1
    if not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number >= 1 else None


def bad_page(request: Request, value: str | None) -> HTMLResponse:
    return error_page(
        request, 400, "Bad page number", f"{value!r} is not a page number: use 1, 2, 3…"
    )


def past_the_end(request: Request, pager: Pager) -> HTMLResponse:
    return error_page(
        request,
        404,
        f"No page {pager.page}",
        f"This listing has {pager.pages} page{'s' if pager.pages != 1 else ''}.",
    )


def store_of(request: Request) -> Store:
    """The store :func:`newslens.api.app.create_app` put on the app."""
    store: Store = request.app.state.store
    return store


def listing(
    request: Request,
    page: str | None,
    total: int,
    rows: Callable[[int, int], list[Any]],
    template: str,
    key: str,
    context: dict[str, Any] | None = None,
) -> HTMLResponse:
    """A paginated listing: 400 for a bad page number, 404 past the last page, else the
    template with ``rows(limit, offset)`` under ``key``, the pager and ``context``."""
    number = parse_page(page)
    if number is None:
        return bad_page(request, page)
    pager = Pager(number, total)
    if number > pager.pages:
        return past_the_end(request, pager)
    found = rows(pager.per_page, pager.offset)
    return html_page(request, template, {**(context or {}), key: found, "pager": pager})


def highlight(snippet: str) -> Markup:
    """A search snippet with its matches in ``<mark>``: everything else escaped.

    The snippet is article text, so it is escaped first; only then do the store's ``[…]``
    match marks become ``<mark>`` tags, which are therefore the only tags that survive.
    """
    escaped = str(escape(snippet))
    return Markup(_HIGHLIGHT.sub(r"<mark>\1</mark>", escaped))


def chart(svg: str) -> Markup:
    """An SVG chart from :mod:`newslens.report.charts`, which escapes every label it writes."""
    return Markup(svg)
