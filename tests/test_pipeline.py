"""Ingest end to end: read -> clean -> store; idempotent, resumable, nothing lost."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from newslens.pipeline import ingest
from newslens.store import Store

BODY = (
    "The harbour authority of Port Calder said on Monday that {n} ships had been cleared. "
    "Officials expect traffic to return to normal within a week, the statement added."
)


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(f"Harbour reopens, report {i}\n\n" + BODY.format(n=i))


def test_pipeline_ingest_is_idempotent(db_url: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 12)
    store = Store.open(db_url)
    first = ingest(store, [tmp_path / "in"])
    assert (first.read, first.ingested, first.unchanged) == (12, 12, 0)
    second = ingest(store, [tmp_path / "in"])
    assert (second.read, second.ingested, second.unchanged) == (12, 0, 12)
    assert store.count_articles() == 12


def test_pipeline_ingest_quarantines_bad_inputs_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    store = Store.open(str(tmp_path / "db.sqlite"))
    report = ingest(store, [folder])
    assert report.ingested == 2
    assert report.quarantined == {"empty": 1, "binary": 1}
    ingest(store, [folder])
    reasons = sorted((Path(e.source_path).name, e.reason) for e in store.quarantine())
    assert reasons == [("empty.txt", "empty"), ("image.txt", "binary")]
    for entry in store.quarantine():
        assert Path(entry.source_path).name in entry.detail


def test_pipeline_ingest_counts_exact_copies(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_corpus(folder, 1)
    (folder / "copy.txt").write_text((folder / "0000.txt").read_text())
    report = ingest(Store.open(str(tmp_path / "db.sqlite")), [folder])
    assert (report.ingested, report.duplicates) == (2, 1)


def test_pipeline_interrupted_ingest_resumes_without_duplicates(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 130)
    store = Store.open(str(tmp_path / "db.sqlite"))

    def interrupt(done: int, _current: str) -> None:  # told as each batch is read
        if done == 120:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(store, [tmp_path / "in"], batch_size=40, progress=interrupt)
    assert store.count_articles() == 80  # two committed batches survive
    resumed = ingest(store, [tmp_path / "in"], batch_size=40)
    assert (resumed.unchanged, resumed.ingested) == (80, 50)
    assert store.count_articles() == 130


@pytest.mark.shared
def test_pipeline_corpus_rows_are_all_accounted_for(
    tmp_path: Path, shared_path: Callable[..., Path]
) -> None:
    corpus = shared_path("corpora", "news-2022")
    store = Store.open(str(tmp_path / "db.sqlite"))
    report = ingest(store, sorted(corpus.glob("*.csv")))
    rows: dict[str, int] = {}
    untitled: set[str] = set()
    for path in sorted(corpus.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            csv.field_size_limit(1 << 30)
            records = list(csv.DictReader(handle))
        rows[path.name] = len(records)
        untitled |= {f"{path.name}#{n}" for n, r in enumerate(records, 1) if not r["Title"].strip()}
    stored: dict[str, int] = dict.fromkeys(rows, 0)
    for article in store.iter_articles():
        name = article.source_path.split("/")[-1]
        stored[name.split("#")[0]] += 1
        assert article.url and article.published, article.source_path
        assert article.title or name in untitled, article.source_path
    quarantined: dict[str, int] = dict.fromkeys(rows, 0)
    for entry in store.quarantine():
        quarantined[entry.source_path.split("#")[0].split("/")[-1]] += 1
    for name, count in rows.items():
        assert stored[name] + quarantined[name] == count, name
    assert report.read == sum(rows.values())
    assert store.count_articles() > 0.95 * sum(rows.values())
