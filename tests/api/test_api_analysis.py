"""Timelines, dyads, comparisons and dossiers over HTTP: the same as the CLI's JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newslens.analysis.timeline import build_timeline
from newslens.report.gather import Request, gather
from newslens.store import Store

TIMELINE_FIELDS = ["date", "date_earliest", "date_latest", "type", "source", "target", "summary"]


def get(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(f"/api/v1/{path}", params=params)
    assert response.status_code == status, response.text
    return response.json()


def test_api_timeline_equals_the_library(client: TestClient) -> None:
    answer = get(client, "timeline", actor="Kestria", limit=10)
    assert answer["title"] == "Kestria" and answer["limit"] == 10
    entries = answer["items"]
    assert 0 < len(entries) <= 10
    assert list(entries[0])[: len(TIMELINE_FIELDS)] == TIMELINE_FIELDS
    assert all(e["citations"] for e in entries)
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    expected = build_timeline(gather(store, Request(actors=("Kestria",))), limit=10)
    assert entries == [e.to_dict() for e in expected]


def test_api_timeline_scopes_and_errors(client: TestClient) -> None:
    story = get(client, "stories", limit=1)["items"][0]
    assert get(client, "timeline", story=story["id"])["items"]
    assert get(client, "timeline", q="summit", **{"from": "2025-04-01"})["items"]
    assert get(client, "timeline", actor="Kestria", limit=0)["items"] == []
    assert get(client, "timeline", 404, actor="Nobody Such")["error"]["code"] == "not_found"
    assert get(client, "timeline", 404, story="s-none")["error"]["code"] == "not_found"
    assert get(client, "timeline", 404, thread="t-none")["error"]["code"] == "not_found"
    error = get(client, "timeline", 422, **{"from": "2025-05-01", "to": "2025-01-01"})["error"]
    assert "empty" in error["message"]
    get(client, "timeline", 422, limit=501)
    get(client, "timeline", 422, **{"from": "yesterday"})


def test_api_dyad_series(client: TestClient) -> None:
    answer = get(client, "dyads/Kestria/Norvadia", period="month")
    assert (answer["a_name"], answer["b_name"]) == ("Kestria", "Norvadia")
    assert answer["series"] and all(p["events"] > 0 for p in answer["series"])
    assert [p["start"] for p in answer["series"]] == sorted(p["start"] for p in answer["series"])
    yearly = get(client, "dyads/Norvadia/Kestria", period="year")["series"]
    assert sum(p["events"] for p in yearly) == sum(p["events"] for p in answer["series"])
    get(client, "dyads/Kestria/Norvadia", 422, period="decade")
    get(client, "dyads/Kestria/Nobody", 404)


def test_api_compare_story_and_thread(client: TestClient) -> None:
    thread = get(client, "threads", limit=1)["items"][0]
    answer = get(client, f"compare/{thread['id']}")
    assert answer["id"] == thread["id"] and answer["title"]
    story = get(client, "stories", limit=1)["items"][0]
    assert get(client, f"compare/{story['id']}")["id"] == story["id"]
    get(client, "compare/nothing", 404)


@pytest.mark.parametrize(
    ("fmt", "media", "marker"),
    [("json", "application/json", '"timeline"'), ("md", "text/markdown", "# "),
     ("html", "text/html", "<html")],
)  # fmt: skip
def test_api_report_formats(client: TestClient, fmt: str, media: str, marker: str) -> None:
    thread = get(client, "threads", limit=1)["items"][0]
    response = client.get("/api/v1/report", params={"thread": thread["id"], "format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert marker in response.text


def test_api_report_refuses_unknown_format(client: TestClient) -> None:
    get(client, "report", 422, format="pdf")
