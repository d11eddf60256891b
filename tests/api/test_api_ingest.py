"""Ingest over HTTP: uploads become background jobs that survive restarts without losing or
duplicating articles; refused uploads are 415 with the file named and the fix."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newslens.api import ServerSettings
from newslens.api.jobs import JobRunner
from newslens.store import Store

ARTICLES = [
    {
        "url": f"https://harbour-gazette.example/{n}",
        "title": title,
        "outlet": "Harbour Gazette",
        "published": f"2031-03-0{n}",
        "body": body,
    }
    for n, (title, body) in enumerate(
        [
            (
                "Velmar and Dorun resume harbour talks",
                "Negotiators from Velmar and Dorun met at the harbour of Port Seren on Monday. "
                "The talks were the first since the border incident in February.",
            ),
            (
                "Grain convoy crosses the Kallo border",
                "A convoy of forty trucks carried grain and medicine across the Kallo border. "
                "Officials in Velmar said the convoy would return next week.",
            ),
            (
                "Central bank of Dorun holds rates",
                "The central bank of Dorun kept its rates unchanged on Thursday. "
                "Its governor said inflation was falling.",
            ),
        ],
        start=1,
    )
]
JSONL = "".join(json.dumps(a) + "\n" for a in ARTICLES).encode()
TEXT = (
    b"Port Seren, 4 March 2031 - Fishermen in Port Seren protested on Tuesday against new quotas "
    b"set by the harbour authority. They blocked the quay for three hours.\n"
)


def auth(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


def wait(client: TestClient, token: str, job_id: str, timeout: float = 90.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}", headers=auth(token)).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish: {job}")


@pytest.fixture
def server(
    db_url: str, make_client: Callable[..., TestClient], token_for: Callable[[str], str]
) -> tuple[TestClient, str]:
    """A client whose app runs ingest jobs, and a token."""
    return make_client(db_url, run_jobs=True), token_for(db_url)


def test_api_ingest_multipart_job_runs_to_done(server: tuple[TestClient, str]) -> None:
    client, token = server
    files = [
        ("files", ("gazette.jsonl", JSONL, "application/octet-stream")),
        ("files", ("../../etc/protest.txt", TEXT, "text/plain")),
    ]
    response = client.post("/api/v1/ingest?build=false", files=files, headers=auth(token))
    assert response.status_code == 202, response.text
    created = response.json()
    assert created["status"] == "queued"
    assert response.headers["location"] == f"/api/v1/jobs/{created['id']}"
    assert [f["name"] for f in created["files"]] == ["gazette.jsonl", "protest.txt"]
    job = wait(client, token, created["id"])
    assert job["status"] == "done", job
    assert job["counts"]["ingested"] == 4 and job["attempts"] == 1
    listed = client.get("/api/v1/articles", params={"outlet": "Harbour Gazette"}).json()
    assert listed["total"] == 3
    assert {"gazette.jsonl#1", "protest.txt"} <= {
        a["source_path"] for a in client.get("/api/v1/articles").json()["items"]
    }
    jobs = client.get("/api/v1/jobs", headers=auth(token)).json()
    assert jobs["items"][0]["id"] == created["id"]
    assert client.get("/api/v1/jobs/nope", headers=auth(token)).status_code == 404


def test_api_ingest_jsonl_body_twice_stores_once(server: tuple[TestClient, str]) -> None:
    client, token = server
    headers = auth(token, **{"Content-Type": "application/x-ndjson"})
    first = client.post("/api/v1/ingest?build=false&name=feed", content=JSONL, headers=headers)
    assert first.status_code == 202
    assert first.json()["files"][0]["name"] == "feed.jsonl"
    assert wait(client, token, first.json()["id"])["counts"]["ingested"] == 3
    again = client.post("/api/v1/ingest?build=false&name=feed", content=JSONL, headers=headers)
    counts = wait(client, token, again.json()["id"])["counts"]
    assert (counts["ingested"], counts["unchanged"]) == (0, 3)
    assert client.get("/api/v1/articles").json()["total"] == 3


def test_api_ingest_with_build_makes_stories(server: tuple[TestClient, str]) -> None:
    client, token = server
    headers = auth(token, **{"Content-Type": "application/x-ndjson"})
    response = client.post("/api/v1/ingest?build=true&outlet=Wire", content=JSONL, headers=headers)
    job = wait(client, token, response.json()["id"], timeout=180)
    assert job["status"] == "done", job
    assert job["counts"]["build"]["stories"] > 0
    assert job["options"] == {"format": "auto", "outlet": "Wire", "build": True}
    assert client.get("/api/v1/stories").json()["total"] > 0
    assert client.get("/api/v1/articles", params={"outlet": "Wire"}).json()["total"] == 3


def test_api_ingest_urls_job(server: tuple[TestClient, str]) -> None:
    client, token = server
    urls = {"urls": ["http://127.0.0.1:9/closed-port"]}
    response = client.post("/api/v1/ingest?build=false", json=urls, headers=auth(token))
    assert response.status_code == 202, response.text
    job = wait(client, token, response.json()["id"])
    assert job["status"] == "done" and job["counts"]["quarantined"] == 1
    quarantine = client.get("/api/v1/quarantine").json()["items"]
    assert quarantine and quarantine[0]["reason"] in ("fetch_failed", "robots_disallowed")
    for bad in ({"urls": []}, {"urls": ["ftp://x"]}, {"links": ["http://x.example"]}, [1]):
        response = client.post("/api/v1/ingest", json=bad, headers=auth(token))
        assert response.status_code == 422, bad
    response = client.post(
        "/api/v1/ingest",
        content=b"{not json",
        headers=auth(token, **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("name", "data", "fix"),
    [
        ("setup.exe", b"MZ\x90\x00\x03", "files of type .exe"),
        ("article.txt", b"MZ\x90\x00\x03\x00\x00\x00", "Windows executable"),
        ("page.html", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        ("notes.txt", b"abc\x00\x00\x00def", "NUL bytes"),
        ("dump.jsonl.gz", b"not gzip at all", "not gzip-compressed"),
        ("dump.gz", b"\x1f\x8b\x08\x00garbage", "damaged"),
        ("report.docx", b"PK\x03\x04", "files of type .docx"),
        ("table.parquet", b"a,b\n1,2\n", "not a Parquet file"),
    ],
)
def test_api_ingest_refuses_what_it_cannot_read(
    server: tuple[TestClient, str], name: str, data: bytes, fix: str
) -> None:
    client, token = server
    files = [
        ("files", ("ok.txt", TEXT, "text/plain")),
        ("files", (name, data, "application/octet-stream")),
    ]
    response = client.post("/api/v1/ingest", files=files, headers=auth(token))
    assert response.status_code == 415, response.text
    error = response.json()["error"]
    assert error["code"] == "unsupported_file"
    assert error["message"].startswith(name.rsplit("/", 1)[-1]) and fix in error["message"]
    assert "send text" in error["message"]
    assert client.get("/api/v1/jobs", headers=auth(token)).json()["total"] == 0


def test_api_ingest_refuses_odd_requests(server: tuple[TestClient, str]) -> None:
    client, token = server
    response = client.post(
        "/api/v1/ingest", content=b"x", headers=auth(token, **{"Content-Type": "image/png"})
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    response = client.post("/api/v1/ingest", data={"a": "b"}, headers=auth(token), files={})
    assert response.status_code in (415, 422)
    empty_form = client.post(
        "/api/v1/ingest",
        files=[("note", (None, "just a field"))],  # type: ignore[list-item]
        headers=auth(token),
    )
    assert empty_form.status_code == 422
    response = client.post(
        "/api/v1/ingest?format=docx", files=[("f", ("a.txt", TEXT))], headers=auth(token)
    )
    assert response.status_code == 422 and "format" in response.json()["error"]["message"]


def test_api_ingest_empty_file_is_quarantined(server: tuple[TestClient, str]) -> None:
    client, token = server
    files = [("files", ("empty.txt", b"", "text/plain"))]
    response = client.post("/api/v1/ingest?build=false", files=files, headers=auth(token))
    assert response.status_code == 202
    job = wait(client, token, response.json()["id"])
    assert job["status"] == "done"
    assert job["counts"]["quarantined_by_reason"] == {"empty": 1}
    entries = client.get("/api/v1/quarantine").json()["items"]
    assert [(e["source_path"], e["reason"]) for e in entries] == [("empty.txt", "empty")]


def _spooled_job(store: Store, spool: Path, job_id: str) -> None:
    folder = spool / job_id
    folder.mkdir(parents=True)
    (folder / "gazette.jsonl").write_bytes(JSONL)
    (folder / "protest.txt").write_bytes(TEXT)
    files = [{"name": "gazette.jsonl", "size": len(JSONL)}, {"name": "protest.txt", "size": 1}]
    options = {"format": "auto", "outlet": None, "build": False}
    store.create_job(job_id, str(folder), files, options)


def test_api_jobs_resume_after_restart_without_duplicates(
    db_url: str,
    tmp_path: Path,
    make_client: Callable[..., TestClient],
    token_for: Callable[[str], str],
) -> None:
    spool = tmp_path / "spool"
    token = token_for(db_url)
    with Store.open(db_url) as store:
        _spooled_job(store, spool, "jqueued")  # accepted, then the server stopped
        _spooled_job(store, spool, "jcrashed")  # running when the server died
        old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        claimed = [store.claim_job(old), store.claim_job(old)]
        assert [j.id for j in claimed if j] == ["jqueued", "jcrashed"]
        store.update_job("jcrashed", heartbeat_at=old)
        store.update_job("jqueued", status="queued")
    client = make_client(db_url, run_jobs=True, job_stale_seconds=5)
    first, second = wait(client, token, "jqueued"), wait(client, token, "jcrashed")
    assert first["status"] == second["status"] == "done"
    assert sorted([first["counts"]["ingested"], second["counts"]["ingested"]]) == [0, 4]
    assert second["attempts"] == 2
    assert client.get("/api/v1/articles").json()["total"] == 4
    assert not (spool / "jqueued").exists()  # a finished job's files are removed


def test_api_running_job_with_a_live_worker_is_left_alone(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        _spooled_job(store, tmp_path, "jlive")
        now = dt.datetime.now(dt.UTC)
        claimed = store.claim_job(now - dt.timedelta(seconds=60))
        assert claimed is not None and claimed.status == "running"
        assert store.claim_job(now - dt.timedelta(seconds=60)) is None  # its heartbeat is fresh
        later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
        taken = store.claim_job(later)  # no beat since: a second worker takes it over
        assert taken is not None and taken.attempts == 2


def test_api_stopping_server_puts_the_job_back(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        _spooled_job(store, tmp_path, "jstop")
        runner = JobRunner(store, ServerSettings(job_stale_seconds=1))
        job = store.claim_job(dt.datetime.now(dt.UTC))
        assert job is not None
        runner.stop()  # asked to stop before the first item
        runner.run(job)
        stopped = store.get_job("jstop")
        assert stopped is not None and stopped.status == "queued"
        assert store.count_articles() == 0


def test_api_job_with_lost_spool_fails_clearly(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        _spooled_job(store, tmp_path, "jlost")
        shutil.rmtree(tmp_path / "jlost")
        job = store.claim_job(dt.datetime.now(dt.UTC))
        assert job is not None
        JobRunner(store, ServerSettings()).run(job)
        failed = store.get_job("jlost")
        assert failed is not None and failed.status == "failed"
        assert "upload them again" in failed.errors[0]
