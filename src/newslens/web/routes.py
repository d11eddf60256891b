"""The web UI's pages: server-rendered HTML, with htmx for live search.

``router`` is included by :func:`newslens.api.app.create_app`, which sets ``app.state.store`` and
serves :data:`STATIC_DIR` at ``/static``. Route functions are plain ``def``: FastAPI runs them in
its thread pool, since the store is synchronous.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newslens.report import Request as Scope
from newslens.web import views
from newslens.web.render import (
    STATIC_DIR,
    Pager,
    bad_page,
    highlight,
    html_page,
    listing,
    not_found,
    parse_page,
    past_the_end,
    store_of,
)
from newslens.web.routes_actors import router as actors_router

__all__ = ["STATIC_DIR", "router"]

router = APIRouter(include_in_schema=False)
router.include_router(actors_router)

#: the longest search query a page accepts, in characters
MAX_QUERY = 500
#: the most search results a query pages through
MAX_RESULTS = 1000


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", page: str | None = None) -> HTMLResponse:
    """Full-text search; an htmx request (live search) gets the results block alone."""
    number = parse_page(page)
    if number is None:
        return bad_page(request, page)
    query = q.strip()[:MAX_QUERY]
    store = store_of(request)
    hits = []
    pager = Pager(number, 0)
    if query:
        found = store.search(query, limit=min(number * pager.per_page + 1, MAX_RESULTS + 1))
        pager = Pager(number, min(len(found), MAX_RESULTS))
        if number > 1 and number > pager.pages:
            return past_the_end(request, pager)
        hits = [
            {"hit": hit, "snippet": highlight(hit.snippet)}
            for hit in found[pager.offset : pager.offset + pager.per_page]
        ]
    context = {
        "q": query,
        "hits": hits,
        "pager": pager,
        "more": len(hits) == pager.per_page and pager.has_next,
        "articles": store.count_articles(),
    }
    if request.headers.get("HX-Request") == "true":
        return html_page(request, "_results.html", context)
    return html_page(request, "search.html", context)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: str | None = None) -> HTMLResponse:
    """Stories, biggest and latest first, paginated."""
    store = store_of(request)
    return listing(
        request,
        page,
        store.count_stories(),
        lambda limit, offset: store.stories(limit=limit, offset=offset),
        "stories.html",
        "stories",
        {"threads": {t.id: t for t in store.threads()}},
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    """One story: cited summary, articles by outlet, coverage, wording, quotes, timeline."""
    store = store_of(request)
    found = store.get_story(story_id)
    if found is None:
        return not_found(request, "story", story_id, "stories")
    thread = store.get_thread(found.thread_id) if found.thread_id else None
    view = views.dossier_view(store, Scope(story_id=found.id))
    return html_page(request, "story.html", {"story": found, "thread": thread, **view})


@router.get("/threads", response_class=HTMLResponse)
def threads(request: Request) -> HTMLResponse:
    """Every thread, in date order."""
    return html_page(request, "threads.html", {"threads": store_of(request).threads()})


@router.get("/threads/{thread_id}", response_class=HTMLResponse)
def thread(request: Request, thread_id: str) -> HTMLResponse:
    """One thread: its stories in order, timeline, relations and cited summary."""
    store = store_of(request)
    found = store.get_thread(thread_id)
    if found is None:
        return not_found(request, "thread", thread_id, "threads")
    members = [s for s in (store.get_story(i) for i in found.story_ids) if s is not None]
    members.sort(key=lambda s: (s.start is None, s.start or dt.date.min, s.id))
    view = views.dossier_view(store, Scope(thread_id=found.id))
    return html_page(request, "thread.html", {"thread": found, "stories": members, **view})


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, page: str | None = None) -> HTMLResponse:
    """Every article in ingest order, paginated."""
    store = store_of(request)
    return listing(
        request,
        page,
        store.count_articles(),
        lambda limit, offset: store.articles(limit=limit, offset=offset),
        "articles.html",
        "articles",
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """One article: its metadata, its body as escaped text, its story, thread and copies."""
    store = store_of(request)
    found = store.get_article(article_id)
    if found is None:
        return not_found(request, "article", article_id, "articles")
    context = {
        "article": found,
        "paragraphs": [p.strip() for p in found.body.split("\n\n") if p.strip()],
        "story": store.get_story(found.story_id) if found.story_id else None,
        "thread": store.get_thread(found.thread_id) if found.thread_id else None,
        "original": store.get_article(found.duplicate_of) if found.duplicate_of else None,
        "copies": store.copies_of([found.id]),
        "quotes": store.quotes_in([found.id]),
    }
    return html_page(request, "article.html", context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    """One merged event: type, actors, dates, flags and every evidence sentence."""
    store = store_of(request)
    found = store.get_event(event_id)
    if found is None:
        return not_found(request, "event", event_id, "actors' events")
    return html_page(request, "event.html", views.event_view(store, found))
