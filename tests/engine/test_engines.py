"""The engine seam without a cluster: choosing an engine, errors that say what to do, globs of
shards, parses that are the same bytes in every process, and a stopped build finished."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from newslens.cli import app
from newslens.demo import demo_corpus
from newslens.engine import ENGINES, LocalEngine, open_engine
from newslens.errors import ConfigError, EngineError, InputNotFoundError
from newslens.pipeline import build, ingest
from newslens.store import Store, schema


def test_open_engine_names_the_known_engines_for_an_unknown_one() -> None:
    with pytest.raises(ConfigError, match="local, ray"):
        open_engine("spark")
    assert ENGINES == ("local", "ray")
    assert isinstance(open_engine("local"), LocalEngine)


def test_a_ray_address_without_the_ray_engine_is_refused() -> None:
    with pytest.raises(ConfigError, match="--engine ray"):
        open_engine("local", address="127.0.0.1:6379")


def test_the_ray_engine_without_ray_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    with pytest.raises(EngineError, match=r"newslens\[distributed\]"):
        open_engine("ray")


def test_the_cli_refuses_an_unknown_engine_naming_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Harbour reopens\n\nThe port of Calder reopened on Monday.")
    db, given = str(tmp_path / "db.sqlite"), str(tmp_path / "a.txt")
    result = CliRunner().invoke(app, ["--db", db, "ingest", given, "--engine", "x"])
    assert result.exit_code != 0
    message = str(result.exception or result.output)
    assert "--engine x: no such engine" in message and "local, ray" in message


def test_a_glob_of_shards_reads_the_files_it_matches(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    (shards / "b").mkdir(parents=True)
    (shards / "a.txt").write_text("Harbour reopens\n\nThe port of Calder reopened on Monday.")
    (shards / "b" / "c.txt").write_text("Bridge closes\n\nThe Varga bridge closed on Tuesday.")
    (shards / "d.csv").write_text("title,body\nIgnored,Not matched by the pattern.\n")
    store = Store.open(str(tmp_path / "db.sqlite"))
    report = ingest(store, [str(shards / "**" / "*.txt")])
    assert report.ingested == 2
    names = sorted(a.source_path for a in store.iter_articles())
    assert names == sorted([str(shards / "a.txt"), str(shards / "b" / "c.txt")])


def test_a_glob_that_matches_nothing_names_the_pattern(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no file matches"):
        ingest(Store.open(str(tmp_path / "db.sqlite")), [str(tmp_path / "*.jsonl")])


PARSE = """
import hashlib
from newslens.models import load_model
from newslens.nlp.stage import doc_bytes
doc = load_model(None)("Velmar and Reyvik signed a grain deal in Port Seren, officials said.")
print(hashlib.sha256(doc_bytes(doc)).hexdigest())
"""


def test_a_parse_is_the_same_bytes_whatever_the_process_hash_seed() -> None:
    # spaCy lists a doc's strings from a set, in an order that follows PYTHONHASHSEED: a Ray
    # worker's parse differed from the driver's
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", PARSE], capture_output=True, text=True, env=env, check=True
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert all(len(d) == len(hashlib.sha256().hexdigest()) for d in digests)


def test_a_build_that_stopped_before_its_end_is_finished_by_the_next(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "db.sqlite"))
    ingest(store, [demo_corpus()])
    build(store)
    events, stories = len(list(store.iter_events())), len(list(store.iter_stories()))
    assert events and stories
    # a build killed after coding and placing, before its merge and its story descriptions
    store.start_build("local")
    with store.engine.begin() as connection:
        connection.execute(schema.events.delete())
        connection.execute(schema.event_articles.delete())
        connection.execute(schema.stories.delete())
        connection.execute(schema.threads.delete())
    assert store.last_build_unfinished()
    report = build(store)
    assert (report.analysed, report.events_coded, report.clustered) == (0, 0, 0)  # nothing redone
    assert len(list(store.iter_events())) == events
    assert len(list(store.iter_stories())) == stories
    assert not store.last_build_unfinished()
    with store.engine.connect() as connection:
        runs = connection.execute(sa.select(schema.build_runs.c.status)).scalars().all()
    assert runs == ["done", "running", "done"]
