"""The ray engine on a Ray this module starts: same store as a local run, row for row, and a
worker killed mid-build retried with nothing lost or stored twice (issue 14)."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_data import BATCH, as_other_shards, differences, store_rows
from ray_processes import stop

from newslens.engine import open_engine
from newslens.engine.ray_engine import RayEngine
from newslens.pipeline import build, ingest
from newslens.store import Store

ray = pytest.importorskip("ray", reason="the ray engine needs Ray (pip install ray)")

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def ray_local() -> Iterator[str]:
    """A Ray of two CPUs for this module, in its own temporary folder, gone afterwards."""
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    folder = tempfile.mkdtemp(prefix="nlray")  # short: Ray's socket paths must fit 107 bytes
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=folder, log_to_driver=False)
    try:
        yield folder
    finally:
        ray.shutdown()
        left = stop([folder])
        shutil.rmtree(folder, ignore_errors=True)
        assert not left, f"Ray processes left running: {sorted(left)}"


def _ray_build(
    shards: list[Path], folder: Path, on_progress: Callable[[RayEngine, str, int], None] | None
) -> Store:
    store = Store.open(str(folder / "db.sqlite"))
    engine = open_engine("ray", workers=2)
    assert isinstance(engine, RayEngine)
    try:
        ingest(store, shards, engine=engine)

        def tell(stage: str, done: int) -> None:
            if on_progress:
                on_progress(engine, stage, done)

        build(store, engine=engine, batch_size=BATCH, progress=tell)
    finally:
        engine.close()
    return store


def test_ray_build_equals_local_build_row_for_row(
    ray_local: str, shards: list[Path], local_rows: dict[str, Any], tmp_path: Path
) -> None:
    store = _ray_build(shards, tmp_path, None)
    rows = store_rows(store)
    assert not differences(local_rows, rows)
    assert ray.is_initialized()  # an engine that joined a running Ray leaves it running


def test_ray_worker_killed_mid_build_is_retried_with_nothing_lost(
    ray_local: str, shards: list[Path], local_rows: dict[str, Any], tmp_path: Path
) -> None:
    killed: list[int] = []

    def kill_one(engine: RayEngine, stage: str, done: int) -> None:
        # after the first committed batch of the language stage, batches are still in flight
        if stage == "language" and not killed:
            pid = engine.worker_pids()[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    store = _ray_build(shards, tmp_path, kill_one)
    assert killed
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)  # the worker really died
    assert not differences(local_rows, store_rows(store))


def test_ray_ingest_equals_local_ingest_with_bad_shards_quarantined(
    ray_local: str, shards: list[Path], tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(shards[0], tmp_path / "in" / shards[0].name)
    for shard in shards[1:]:  # the same rows as gzip JSON lines and as Parquet
        as_other_shards(shard, tmp_path / "in")
    (tmp_path / "in" / "broken.jsonl").write_text('{"title": "no body"\n')
    (tmp_path / "in" / "empty.txt").write_text("   \n")
    reports, dumps = [], []
    for name in ("local", "ray"):
        store = Store.open(str(tmp_path / f"{name}.sqlite"))
        engine = open_engine(name, workers=2 if name == "ray" else None)
        try:
            reports.append(ingest(store, [str(tmp_path / "in" / "*")], engine=engine).as_dict())
        finally:
            engine.close()
        dumps.append(store_rows(store))
    assert reports[0] == reports[1]
    assert reports[0]["quarantined"] >= 2
    assert {"csv", "jsonl", "parquet"} <= set(reports[0]["formats"])
    assert reports[0]["ingested"] >= 30
    assert not differences(dumps[0], dumps[1])
