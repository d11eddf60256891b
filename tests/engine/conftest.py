"""Fixtures of the engine tests: a few real news-2022 shards and their local build's rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from engine_data import BATCH, store_rows, write_news_subset

from newslens.engine import LocalEngine
from newslens.pipeline import build, ingest
from newslens.store import Store


@pytest.fixture(scope="session")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "news-2022"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent: these tests read news-2022 from the shared folder")
    return write_news_subset(corpus, tmp_path_factory.mktemp("shards"))


@pytest.fixture(scope="session")
def local_rows(shards: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The rows a local build of the shards leaves, in batches of ``BATCH`` articles, as the Ray
    builds compared with it."""
    store = Store.open(str(tmp_path_factory.mktemp("local") / "db.sqlite"))
    ingest(store, shards, engine=LocalEngine())
    build(store, batch_size=BATCH)
    rows = store_rows(store)
    assert len(rows["articles"]) >= 30 and rows["coded_events"] and rows["stories"]
    return rows
