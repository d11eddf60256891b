"""Checks the labelled story set (tests/data/stories_gold.jsonl) against the news-2022 corpus."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "data" / "stories_gold.jsonl"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news-2022"

pytestmark = pytest.mark.shared


def _gold() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def corpus_urls() -> dict[str, list[str]]:
    """URL -> outlets (CSV file stems) it appears in, over every row of the corpus."""
    if not CORPUS.is_dir():
        pytest.skip(
            f"{CORPUS} is absent: this test needs the shared news-2022 corpus beside the project"
        )
    csv.field_size_limit(2**31 - 1)
    urls: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                urls[row["URL"]].append(path.stem)
    return urls


def test_lines_are_well_formed() -> None:
    for entry in _gold():
        assert set(entry) == {"url", "label"}
        assert entry["url"].startswith("http")
        assert re.fullmatch(r"[a-z0-9-]+", entry["label"]), entry["label"]


def test_no_url_labelled_twice() -> None:
    counts = Counter(entry["url"] for entry in _gold())
    assert [url for url, n in counts.items() if n > 1] == []


def test_every_url_is_in_the_corpus_exactly_once(corpus_urls: dict[str, list[str]]) -> None:
    missing = [e["url"] for e in _gold() if e["url"] not in corpus_urls]
    repeated = [e["url"] for e in _gold() if len(corpus_urls.get(e["url"], [])) > 1]
    assert missing == []
    assert repeated == []


def test_at_least_20_stories_with_3_articles_from_2_outlets(
    corpus_urls: dict[str, list[str]],
) -> None:
    stories: dict[str, list[str]] = defaultdict(list)
    for entry in _gold():
        stories[entry["label"]].append(corpus_urls[entry["url"]][0])
    big = [s for s, outlets in stories.items() if len(outlets) >= 3 and len(set(outlets)) >= 2]
    assert len(big) >= 20, sorted(big)


def test_distractors_present() -> None:
    sizes = Counter(entry["label"] for entry in _gold())
    in_small = sum(n for n in sizes.values() if n < 3)
    assert in_small >= 10, f"only {in_small} articles in stories smaller than 3"
