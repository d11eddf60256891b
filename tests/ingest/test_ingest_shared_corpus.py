"""Every CSV of ../shared/corpora/news-2022: all rows accounted for, metadata mapped."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newslens.ingest import read_paths
from newslens.records import RawDocument, Rejected

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "news-2022"
CSVS = sorted(CORPUS.glob("*.csv")) if CORPUS.is_dir() else []


def data_rows(path: Path) -> list[dict[str, str]]:
    """The data rows as the csv module alone reads them (blank lines are not rows)."""
    csv.field_size_limit(64 * 1024 * 1024)
    with path.open(encoding="utf-8", newline="") as stream:
        return [row for row in csv.DictReader(stream) if any(row.values())]


@pytest.mark.shared
@pytest.mark.skipif(not CSVS, reason=f"{CORPUS} is absent: needs the shared data folder")
@pytest.mark.parametrize("path", CSVS, ids=[p.name for p in CSVS])
def test_shared_corpus_csv_rows_accounted_and_mapped(path: Path) -> None:
    rows = data_rows(path)
    items = list(read_paths([path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(docs) + len(rejected) == len(rows)
    assert [i.source_path for i in items] == [f"{path.name}#{n}" for n in range(1, len(rows) + 1)]
    assert len(docs) >= 0.99 * len(rows)
    for doc in docs:
        row = rows[int(doc.source_path.rsplit("#", 1)[1]) - 1]
        assert doc.url == row["URL"].strip() and doc.url.startswith("http")
        assert doc.published == row["Date"].strip()
        assert doc.title == (row["Title"].strip() or None)
        assert doc.content == row["Text"]
        assert doc.extra == ()  # the unnamed index column of bbc.csv and guardian.csv is dropped
    assert sum(1 for d in docs if d.title) >= 0.99 * len(docs)
