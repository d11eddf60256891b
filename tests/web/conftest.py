"""Fixtures for the web UI: the demo corpus plus one hostile article, built once per session.

The hostile article (``HOSTILE``) has ``<script>`` and ``<img onerror>`` in its title, body and a
quote, so every page that shows article text can be checked for escaping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from newslens.demo import demo_corpus
from newslens.pipeline import build, ingest
from newslens.store import Store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = f"""Lantern festival draws crowds to Port Seren {SCRIPT} | The Lantern Gazette

PORT SEREN, June 2, 2025 (Lantern Gazette) -- Thousands of visitors crowded the harbour of Port \
Seren on Monday for the opening night of the annual lantern festival, where one float carried a \
banner reading {SCRIPT} in tall paper letters.

Organisers said the banner was a joke about the festival website, which had crashed under the \
weight of ticket sales. A second float showed a painted sign with the words {IMG} and a cartoon cat.

"The lanterns are a gift to every family in the harbour, {SCRIPT} or not," President Elena \
Moravec said as she lit the first lantern.

The festival runs until Sunday, with boat parades each evening and a fireworks display over the \
bay on the final night.
"""


def hostile_folder(root: Path) -> Path:
    folder = root / "hostile"
    folder.mkdir()
    (folder / "lantern.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


def make_app(store: Store, db: str) -> FastAPI:
    """The API's app factory when it exists, else the smallest app that serves the pages."""
    try:
        from newslens.api.app import create_app
    except ImportError:
        from newslens.web.routes import STATIC_DIR, router

        app = FastAPI()
        app.state.store = store
        app.include_router(router)
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
        return app
    return create_app(db=db)


def build_demo(db: str, root: Path) -> Store:
    store = Store.open(db)
    ingest(store, [demo_corpus(), hostile_folder(root)])
    build(store)
    return store


@pytest.fixture(scope="session")
def demo_builder() -> Callable[[str, Path], Store]:
    """``demo_builder(db, folder)``: a store with the demo corpus and the hostile article."""
    return build_demo


@pytest.fixture(scope="session")
def app_factory() -> Callable[[Store, str], FastAPI]:
    """``app_factory(store, db)``: the app that serves the pages of this store."""
    return make_app


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of the demo corpus plus the hostile article, built once per session."""
    root = tmp_path_factory.mktemp("webdemo")
    db = str(root / "demo.db")
    build_demo(db, root).close()
    return db


@pytest.fixture(scope="session")
def demo_store(demo_db: str) -> Iterator[Store]:
    store = Store.open(demo_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(demo_store: Store, demo_db: str) -> Iterator[TestClient]:
    with TestClient(make_app(demo_store, demo_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_id(demo_store: Store) -> str:
    hits = [a for a in demo_store.iter_articles() if a.title and SCRIPT in a.title]
    assert len(hits) == 1, "the hostile article is ingested once"
    return hits[0].id
