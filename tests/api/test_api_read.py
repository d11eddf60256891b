"""Read endpoints over the built demo store, on SQLite and PostgreSQL: listings, pagination
edges, filters, single records and 404s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newslens.export import ACTOR_FIELDS, ARTICLE_FIELDS, EVENT_FIELDS, QUOTE_FIELDS, STORY_FIELDS

LISTINGS = ["articles", "stories", "threads", "events", "quotes", "actors", "quarantine"]


def get(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(f"/api/v1/{path}", params=params)
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.parametrize("kind", LISTINGS)
def test_api_listing_pages_through_everything(client: TestClient, kind: str) -> None:
    first = get(client, kind, limit=500)
    total = first["total"]
    assert total == len(first["items"]) > 0
    assert (first["limit"], first["offset"]) == (500, 0)
    seen = []
    for offset in range(0, total, 2):
        page = get(client, kind, limit=2, offset=offset)
        assert page["total"] == total
        seen.extend(page["items"])
    assert seen == first["items"]


@pytest.mark.parametrize("kind", LISTINGS)
def test_api_listing_pagination_edges(client: TestClient, kind: str) -> None:
    total = get(client, kind)["total"]
    empty = get(client, kind, limit=0)
    assert empty["items"] == [] and empty["total"] == total
    past = get(client, kind, offset=total + 10)
    assert past["items"] == [] and past["total"] == total
    for bad in ({"limit": 501}, {"limit": -1}, {"offset": -1}, {"limit": "ten"}):
        error = get(client, kind, 422, **bad)["error"]
        assert error["code"] == "invalid_request"
        assert next(iter(bad)) in error["message"]
    get(client, kind, 422, offset=10**30)


def test_api_records_have_the_export_fields(client: TestClient) -> None:
    article = get(client, "articles", limit=1)["items"][0]
    assert list(article) == [f for f in ARTICLE_FIELDS if f != "body"]
    full = get(client, f"articles/{article['id']}")
    assert list(full) == ARTICLE_FIELDS and full["body"]
    assert list(get(client, "stories", limit=1)["items"][0]) == STORY_FIELDS
    assert list(get(client, "events", limit=1)["items"][0]) == EVENT_FIELDS
    assert list(get(client, "quotes", limit=1)["items"][0]) == QUOTE_FIELDS
    actor = get(client, "actors", limit=1)["items"][0]
    assert list(actor)[: len(ACTOR_FIELDS)] == ACTOR_FIELDS
    assert actor["mentions"] >= actor["articles"] > 0


@pytest.mark.parametrize(
    ("kind", "key", "listing"),
    [
        ("articles", "id", "articles"),
        ("stories", "id", "stories"),
        ("threads", "id", "threads"),
        ("events", "id", "events"),
        ("actors", "id", "actors"),
    ],
)
def test_api_single_record_and_404(client: TestClient, kind: str, key: str, listing: str) -> None:
    first = get(client, listing, limit=1)["items"][0]
    record = get(client, f"{kind}/{first[key]}")
    assert record["id"] == first["id"]
    error = get(client, f"{kind}/no-such-id", 404)["error"]
    assert error["code"] == "not_found"
    assert f"/api/v1/{listing}" in error["message"]


def test_api_story_and_thread_details(client: TestClient) -> None:
    story = get(client, "stories", limit=1)["items"][0]
    detail = get(client, f"stories/{story['id']}")
    assert {a["id"] for a in detail["articles"]} == set(story["article_ids"])
    assert all("body" not in a for a in detail["articles"] + detail["copies"])
    thread = get(client, "threads", limit=1)["items"][0]
    detail = get(client, f"threads/{thread['id']}")
    assert [s["id"] for s in detail["stories"]] == thread["story_ids"]


def test_api_article_raw(client: TestClient) -> None:
    article = get(client, "articles", limit=1)["items"][0]
    raw = get(client, f"articles/{article['id']}", raw="true")
    assert raw["raw"] and isinstance(raw["removed_lines"], list)


def test_api_actor_by_name_or_alias(client: TestClient) -> None:
    by_name = get(client, "actors/Kestria")
    assert by_name["id"] == "state:XKS"
    assert get(client, "actors/state:XKS")["name"] == "Kestria"
    assert get(client, "actors/Kestrian")["id"] == "state:XKS"
    assert by_name["first_mentions"]


def test_api_articles_filters(client: TestClient) -> None:
    everything = get(client, "articles", limit=500)["items"]
    march = get(client, "articles", limit=500, **{"from": "2025-03-01", "to": "2025-03-31"})
    assert 0 < march["total"] < len(everything)
    for article in march["items"]:
        first = article["published"] or article["published_earliest"]
        last = article["published"] or article["published_latest"]
        assert last >= "2025-03-01" and first <= "2025-03-31"
    outlet = everything[0]["outlet"]
    same = get(client, "articles", limit=500, outlet=outlet.upper())["items"]
    assert same and all(a["outlet"] == outlet for a in same)
    assert {a["id"] for a in same} == {a["id"] for a in everything if a["outlet"] == outlet}
    kestria = get(client, "articles", actor="Kestria")["total"]
    both = get(client, "articles", actor=["Kestria", "Norvadia"])["total"]
    assert 0 < both <= kestria < len(everything)
    assert get(client, "articles", actor="Nobody Such")["total"] == 0
    summit = get(client, "articles", q="summit", limit=500)
    assert 0 < summit["total"] < len(everything)
    hits = get(client, "search", q="summit", limit=20)["items"]
    assert {h["id"] for h in hits} <= {a["id"] for a in summit["items"]}
    story = get(client, "stories", limit=1)["items"][0]
    members = get(client, "articles", story=story["id"], limit=500)["items"]
    assert set(story["article_ids"]) <= {a["id"] for a in members}


def test_api_events_filters(client: TestClient) -> None:
    total = get(client, "events")["total"]
    kestria = get(client, "events", actor="Kestria", limit=500)["items"]
    assert 0 < len(kestria) < total
    assert all("Kestria" in (e["source"], e["target"]) for e in kestria)
    kinds = {e["type"] for e in kestria}
    kind = sorted(kinds)[0]
    typed = get(client, "events", type=kind.lower(), limit=500)["items"]
    assert typed and all(e["type"] == kind for e in typed)
    dated = get(client, "events", limit=500, **{"from": "2025-03-01", "to": "2025-03-31"})
    assert all(
        "2025-03-01" <= (e["date"] or e["date_earliest"]) <= "2025-03-31" for e in dated["items"]
    )
    realised = get(client, "events", realised="true", limit=500)["items"]
    assert all(not (e["negated"] or e["hypothetical"]) for e in realised)
    error = get(client, "events", 422, type="PARTY")["error"]
    assert "AGREE" in error["message"]


def test_api_quotes_actors_stories_threads_filters(client: TestClient) -> None:
    quotes = get(client, "quotes", limit=500)["items"]
    spoken = next(q for q in quotes if q["speaker"])
    by_speaker = get(client, "quotes", actor=spoken["speaker"], limit=500)["items"]
    assert by_speaker and all(q["speaker"] == spoken["speaker"] for q in by_speaker)
    word = spoken["text"].split()[0]
    assert any(q["id"] == spoken["id"] for q in get(client, "quotes", q=word, limit=500)["items"])
    assert get(client, "quotes", article=spoken["article_id"])["total"] >= 1
    states = get(client, "actors", kind="state", limit=500)["items"]
    assert states and all(a["kind"] == "state" for a in states)
    assert get(client, "actors", q="kestr")["items"][0]["name"] == "Kestria"
    assert get(client, "actors", country="xks")["total"] >= 1
    thread = get(client, "threads", limit=1)["items"][0]
    in_thread = get(client, "stories", thread=thread["id"], limit=500)["items"]
    assert {s["id"] for s in in_thread} == set(thread["story_ids"])
    assert get(client, "stories", actor="Kestria")["total"] > 0
    assert get(client, "stories", q="summit")["total"] > 0
    word = thread["label"].split()[0]
    assert get(client, "threads", q=word.upper())["total"] >= 1


def test_api_search_pages_with_next(client: TestClient) -> None:
    first = get(client, "search", q="Kestria", limit=2)
    assert len(first["items"]) == 2 and first["next"] == 2
    assert set(first["items"][0]) == {"id", "title", "outlet", "published", "snippet", "score"}
    second = get(client, "search", q="Kestria", limit=2, offset=2)
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}
    assert get(client, "search", q="zzzxqv")["items"] == []
    get(client, "search", 422)


def test_api_health_openapi_and_unknown_path(client: TestClient) -> None:
    assert get(client, "health")["status"] == "ok"
    schema = get(client, "openapi.json")
    for path in ("/api/v1/articles", "/api/v1/events", "/api/v1/ingest", "/api/v1/timeline"):
        assert path in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
    assert get(client, "no/such/path", 404)["error"]["code"] == "not_found"
    response = client.post("/api/v1/articles")
    assert response.status_code == 405 and response.json()["error"]["code"]
