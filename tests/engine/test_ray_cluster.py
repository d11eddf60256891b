"""The real cluster path (issue 14): a `ray start --head` node on 127.0.0.1 and a second node
joined by address, both stopped after; the CLI and the library join it by address, and a driver
killed with SIGKILL mid-build leaves a consistent store that a rerun finishes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_data import BATCH, differences, store_rows
from ray_processes import stop

from newslens.engine import open_engine
from newslens.pipeline import build, ingest
from newslens.store import Store

pytest.importorskip("ray", reason="the ray engine needs Ray (pip install ray)")

pytestmark = pytest.mark.shared

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ray_start(*args: str, folder: str) -> None:
    command = [str(BIN / "ray"), "start", *args, f"--temp-dir={folder}", "--disable-usage-stats"]
    command += ["--num-cpus=1", "--object-store-memory=200000000"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr


def _env() -> dict[str, str]:
    return {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A head node and a worker node on this machine, joined by address; gone afterwards."""
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    folders = [tempfile.mkdtemp(prefix="nlhead"), tempfile.mkdtemp(prefix="nlnode")]
    address = f"127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    try:
        _ray_start(
            "--head",
            "--node-ip-address=127.0.0.1",
            f"--port={port}",
            "--include-dashboard=false",
            folder=folders[0],
        )
        _ray_start(f"--address={address}", folder=folders[1])
        yield address
    finally:
        import ray

        if ray.is_initialized():
            ray.shutdown()
        left = stop(folders)
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        assert not left, f"Ray processes left running: {sorted(left)}"


def _newslens(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "newslens"), "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=_env())


def test_ray_cluster_of_two_nodes_builds_what_local_builds(
    cluster: str, shards: list[Path], local_rows: dict[str, Any], tmp_path: Path
) -> None:
    import ray

    db = tmp_path / "db.sqlite"
    done = _newslens(db, "ingest", *map(str, shards), "--engine", "ray", "--ray-address", cluster)
    assert done.returncode == 0, done.stderr
    engine = open_engine("ray", address=cluster)
    try:
        assert len(ray.nodes()) == 2 and engine.workers == 2
        build(Store.open(str(db)), engine=engine, batch_size=BATCH)
        assert len(set(engine.nodes)) == 2  # one stage actor on each node
    finally:
        engine.close()
    assert not ray.is_initialized()  # the engine that connected also disconnects
    assert not differences(local_rows, store_rows(Store.open(str(db))))


DRIVER = """
import sys
from newslens.engine import open_engine
from newslens.pipeline import build
from newslens.store import Store

engine = open_engine("ray", address=sys.argv[2])
build(Store.open(sys.argv[1]), engine=engine, batch_size=int(sys.argv[3]))
"""


def test_ray_driver_killed_mid_build_leaves_a_store_a_rerun_finishes(
    cluster: str, shards: list[Path], local_rows: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite"
    store = Store.open(str(db))
    ingest(store, shards)
    total = store.count_articles()
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(db), cluster, str(BATCH)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    analysed = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and driver.poll() is None:
        analysed = _count(db, "analyses")
        if analysed >= 2 * BATCH:
            break
        time.sleep(0.1)
    driver.send_signal(signal.SIGKILL)
    driver.wait(timeout=30)
    assert 0 < analysed < total, "the driver was to be killed while analysing"
    # consistent: every analysed article has its parse and every mentioned actor is stored
    with sqlite3.connect(db) as raw:
        assert raw.execute(
            "SELECT COUNT(*) FROM analyses a LEFT JOIN parses p ON p.article_id = a.article_id "
            "WHERE p.article_id IS NULL AND a.sentences > 0"
        ).fetchone() == (0,)
        assert raw.execute(
            "SELECT COUNT(*) FROM mentions m LEFT JOIN actors x ON x.id = m.actor_id "
            "WHERE x.id IS NULL"
        ).fetchone() == (0,)
        before = raw.execute("SELECT article_id FROM analyses ORDER BY article_id").fetchall()
    engine = open_engine("ray", address=cluster)
    try:
        report = build(Store.open(str(db)), engine=engine, batch_size=BATCH)
    finally:
        engine.close()
    assert report.analysed + report.skipped == total - len(before)  # nothing redone
    assert not differences(local_rows, store_rows(Store.open(str(db))))


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as raw:
            return int(raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
