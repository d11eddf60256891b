"""Fixtures for the API tests: the demo corpus built once per backend, clients, tokens."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newslens.api import ServerSettings, create_app
from newslens.api.tokens import create_token
from newslens.demo import demo_corpus
from newslens.pipeline import build, ingest
from newslens.store import Store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

#: settings for tests: no job worker unless a test asks, no rate limit unless a test asks
QUIET = ServerSettings(run_jobs=False, rate_limit_per_minute=0, job_poll_seconds=0.1)


@pytest.fixture(scope="session", params=BACKENDS)
def built_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo corpus ingested and built, once per backend for the whole session."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("api-demo") / "demo.db")
    else:
        import sqlalchemy as sa

        server = request.getfixturevalue("postgres_server")
        schema = f"nlapi_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(server)
        with engine.begin() as connection:
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))

        def drop() -> None:
            with engine.begin() as connection:
                connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
            engine.dispose()

        request.addfinalizer(drop)
        url = f"{server}?options=-csearch_path%3D{schema}"
    with Store.open(url) as store:
        ingest(store, [demo_corpus()])
        build(store)
    return url


@pytest.fixture(scope="module")
def client(built_db: str) -> Iterator[TestClient]:
    """A client of an app over the built demo store (reads open, no job worker)."""
    with TestClient(create_app(built_db, QUIET)) as test_client:
        yield test_client


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """``make_client(db, **settings)``: a started client (lifespan run), closed after the test."""
    opened: list[TestClient] = []

    def make(db: str, **settings: object) -> TestClient:
        values = {"spool_dir": tmp_path / "spool", **settings}
        test_client = TestClient(create_app(db, replace(QUIET, **values)))  # type: ignore[arg-type]
        test_client.__enter__()
        opened.append(test_client)
        return test_client

    yield make
    for test_client in reversed(opened):
        test_client.__exit__(None, None, None)


@pytest.fixture
def token_for() -> Callable[[str], str]:
    """``token_for(db)``: a new token's plain form in that store."""

    def make(db: str) -> str:
        with Store.open(db) as store:
            return create_token(store, "test").plain

    return make
