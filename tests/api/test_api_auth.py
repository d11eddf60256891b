"""Tokens, read protection, rate limits and size limits; the token commands of the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newslens.api import ServerSettings
from newslens.api.tokens import create_token, verify_token
from newslens.cli import app as cli_app
from newslens.errors import ConfigError
from newslens.store import Store, schema

BODY = b'{"title": "Harbour talks resume", "body": "Negotiators met at the harbour on Monday."}\n'
JSONL = {"Content-Type": "application/x-ndjson"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **JSONL}


def post(client: TestClient, headers: dict[str, str], body: bytes = BODY) -> httpx.Response:
    return client.post("/api/v1/ingest?build=false", content=body, headers=headers)


def test_api_writes_need_a_valid_token(
    db_url: str, make_client: Callable[..., TestClient], token_for: Callable[[str], str]
) -> None:
    client = make_client(db_url)
    token = token_for(db_url)
    response = client.post("/api/v1/ingest", content=BODY, headers=JSONL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_required"
    assert response.headers["www-authenticate"] == "Bearer"
    token_id = token.split("_")[1]
    for bad in ("garbage", token[:-1] + ("A" if token[-1] != "A" else "B"), f"nl_{token_id}_x"):
        response = client.post("/api/v1/ingest", content=BODY, headers=bearer(bad))
        assert response.status_code == 401, bad
        assert response.json()["error"]["code"] == "invalid_token"
    response = client.post("/api/v1/ingest", content=BODY, headers={"Authorization": token})
    assert response.status_code == 401  # not a Bearer header
    response = client.post("/api/v1/ingest?build=false", content=BODY, headers=bearer(token))
    assert response.status_code == 202, response.text
    with Store.open(db_url) as store:
        assert store.revoke_token(token_id)
        assert not store.revoke_token(token_id)
        assert store.get_token(token_id).last_used_at is not None  # type: ignore[union-attr]
    response = client.post("/api/v1/ingest", content=BODY, headers=bearer(token))
    assert response.status_code == 401


def test_api_tokens_are_stored_hashed(db_url: str) -> None:
    with Store.open(db_url) as store:
        made = create_token(store, "analyst")
        secret = made.plain.split("_", 2)[2]
        with store.engine.connect() as connection:
            rows = [dict(r._mapping) for r in connection.execute(sa.select(schema.api_tokens))]
        assert secret not in json.dumps(rows, default=str)
        assert verify_token(store, made.plain) == made.token
        assert verify_token(store, made.plain + "x") is None
        other = create_token(store, "analyst")
        assert other.token.salt != made.token.salt and other.plain != made.plain


def test_api_read_token_setting(
    db_url: str, make_client: Callable[..., TestClient], token_for: Callable[[str], str]
) -> None:
    open_client = make_client(db_url)
    assert open_client.get("/api/v1/articles").status_code == 200
    closed = make_client(db_url, read_token_required=True)
    token = token_for(db_url)
    for path in ("/api/v1/articles", "/api/v1/events", "/api/v1/timeline", "/api/v1/health"):
        response = closed.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "token_required"
        assert closed.get(path, headers=bearer(token)).status_code == 200
    assert closed.get("/api/v1/openapi.json").status_code == 200
    assert closed.get("/api/v1/jobs").status_code == 401


def test_api_rate_limit_on_writes(
    db_url: str, make_client: Callable[..., TestClient], token_for: Callable[[str], str]
) -> None:
    client = make_client(db_url, rate_limit_per_minute=6, rate_limit_burst=2)
    token, other = token_for(db_url), token_for(db_url)
    codes = [post(client, bearer(token)).status_code for _ in range(3)]
    assert codes == [202, 202, 429]
    limited = post(client, bearer(token))
    assert limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 10
    assert post(client, bearer(other)).status_code == 202
    assert client.get("/api/v1/articles").status_code == 200  # reads are not limited


def test_api_request_size_limit(
    db_url: str, make_client: Callable[..., TestClient], token_for: Callable[[str], str]
) -> None:
    client = make_client(db_url, max_request_mb=0.01)  # about 10 KB
    token = token_for(db_url)
    big = BODY * 200
    response = post(client, bearer(token), big)
    assert response.status_code == 413
    assert "NEWSLENS_MAX_REQUEST_MB" in response.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:
        for _ in range(200):
            yield BODY

    streamed = client.post("/api/v1/ingest", content=chunks(), headers=bearer(token))
    assert streamed.status_code == 413
    assert streamed.json()["error"]["code"] == "request_too_large"
    files = {"files": ("big.jsonl", big, "application/octet-stream")}
    auth = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/ingest", files=files, headers=auth).status_code == 413
    assert post(client, bearer(token)).status_code == 202


def test_api_settings_from_environment(tmp_path: object) -> None:
    settings = ServerSettings.from_env(
        {
            "NEWSLENS_READ_TOKEN_REQUIRED": "1",
            "NEWSLENS_MAX_REQUEST_MB": "5",
            "NEWSLENS_RATE_LIMIT_BURST": "3",
            "NEWSLENS_SPOOL_DIR": "/tmp/spool",
        },
        rate_limit_burst=4,
    )
    assert settings.read_token_required and settings.max_request_mb == 5.0
    assert settings.rate_limit_burst == 4 and str(settings.spool_dir) == "/tmp/spool"
    assert ServerSettings.from_env({}) == ServerSettings()
    for bad in ({"NEWSLENS_READ_TOKEN_REQUIRED": "maybe"}, {"NEWSLENS_MAX_REQUEST_MB": "-1"}):
        with pytest.raises(ConfigError, match="NEWSLENS_"):
            ServerSettings.from_env(bad)


def test_cli_token_create_list_revoke(db_url: str) -> None:
    runner = CliRunner()
    made = runner.invoke(cli_app, ["--db", db_url, "token", "create", "--name", "ci"])
    assert made.exit_code == 0, made.output
    plain = made.stdout.strip().splitlines()[0]
    token_id = plain.split("_")[1]
    listed = runner.invoke(cli_app, ["--db", db_url, "token", "list", "--json"])
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["name"], r["revoked_at"]) for r in rows] == [(token_id, "ci", None)]
    assert plain.split("_", 2)[2] not in listed.stdout
    table = runner.invoke(cli_app, ["--db", db_url, "token", "list"])
    assert token_id in table.stdout
    revoked = runner.invoke(cli_app, ["--db", db_url, "token", "revoke", token_id])
    assert revoked.exit_code == 0
    again = runner.invoke(cli_app, ["--db", db_url, "token", "revoke", token_id])
    assert again.exit_code != 0
    rows = json.loads(runner.invoke(cli_app, ["--db", db_url, "token", "list", "--json"]).stdout)
    assert rows[0]["revoked_at"]
