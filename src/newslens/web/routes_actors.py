"""The actor pages: the actor list, one actor, and the relation between two actors (a dyad)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newslens.web import views
from newslens.web.render import html_page, listing, not_found, store_of

router = APIRouter(include_in_schema=False)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, page: str | None = None) -> HTMLResponse:
    """Actors, most mentioned first, paginated."""
    store = store_of(request)
    return listing(
        request,
        page,
        store.count_actors(),
        lambda limit, offset: store.actor_summaries(limit=limit, offset=offset),
        "actors.html",
        "actors",
    )


@router.get("/actors/{id_or_name}", response_class=HTMLResponse)
def actor(request: Request, id_or_name: str) -> HTMLResponse:
    """One actor: aliases, roles, events over time, top counterparts, quotes, mentions."""
    store = store_of(request)
    found = store.find_actor(id_or_name)
    if found is None:
        return not_found(request, "actor", id_or_name, "actors")
    return html_page(request, "actor.html", views.actor_view(store, found))


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str) -> HTMLResponse:
    """Two actors: relation score by month, the events between them, their timeline."""
    store = store_of(request)
    first, second = store.find_actor(a), store.find_actor(b)
    if first is None:
        return not_found(request, "actor", a, "actors")
    if second is None:
        return not_found(request, "actor", b, "actors")
    if first.id == second.id:
        return not_found(request, "pair of two different actors", f"{a} / {b}", "actors")
    return html_page(request, "dyad.html", views.dyad_view(store, first, second))
