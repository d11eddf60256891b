"""Duplicate detection: our MinHash/LSH stage beside exact all-pairs shingle Jaccard.

Run: .venv/bin/python benchmarks/dedupe.py [--corpus DIR] [--sample N]

On the news-2022 corpus (read at run time from ../shared), prints for our stage the copies found
and the time, and for the peer (exact 5-word-shingle Jaccard over every pair of a sample, the
method MinHash estimates) the pairs at Jaccard >= 0.8, so the recall of our candidate search is
measured on the same texts in the same run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import time
from pathlib import Path

from newslens.dedupe import Deduper, normalized_words
from newslens.records import ArticleText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load(corpus: Path) -> list[ArticleText]:
    csv.field_size_limit(1 << 30)
    articles: list[ArticleText] = []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            for row_number, row in enumerate(csv.DictReader(handle), 1):
                day = (row.get("Date") or "")[:10]
                articles.append(
                    ArticleText(
                        id=f"{path.name}#{row_number}",
                        seq=len(articles) + 1,
                        body=row.get("Text") or "",
                        title=row.get("Title"),
                        outlet=path.stem,
                        published=dt.date.fromisoformat(day) if day else None,
                    )
                )
    return articles


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = normalized_words(text)
    return {tuple(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "news-2022")
    parser.add_argument("--sample", type=int, default=1200, help="articles for the exact peer")
    args = parser.parse_args()
    articles = load(args.corpus)

    started = time.perf_counter()
    stage = Deduper()
    stage.setup()
    results = stage(articles).outputs
    ours_time = time.perf_counter() - started
    links = {r.article_id: r.duplicate_of for r in results}
    copies = [r for r in results if r.duplicate_of]

    sample = articles[:: max(len(articles) // args.sample, 1)][: args.sample]
    started = time.perf_counter()
    sets = {a.id: shingles(a.body) for a in sample if len(a.body.split()) >= 20}
    exact = []
    for (a, sa), (b, sb) in itertools.combinations(sets.items(), 2):
        if len(sa & sb) / len(sa | sb) >= 0.8:
            exact.append((a, b))
    peer_time = time.perf_counter() - started
    pairs = len(sets) * (len(sets) - 1) // 2
    found = sum(1 for a, b in exact if (links[a] or a) == (links[b] or b))

    print(f"news-2022: {len(articles)} articles")
    print(f"{'method':44} {'copies/pairs':>12} {'time s':>8} {'articles/s':>11}")
    print(
        f"{'newslens Deduper (MinHash/LSH, all)':44} {len(copies):>12} {ours_time:>8.2f}"
        f" {len(articles) / ours_time:>11.0f}"
    )
    print(
        f"{'exact all-pairs Jaccard (sample of ' + str(len(sets)) + ')':44} {len(exact):>12}"
        f" {peer_time:>8.2f} {len(sets) / peer_time:>11.0f}"
    )
    print(
        f"pairs compared by the peer: {pairs:,}; pairs at Jaccard >= 0.8 that our stage links: "
        f"{found} of {len(exact)}"
    )
    for r in copies:
        print(f"  {r.article_id} -> {r.duplicate_of} (similarity {r.similarity:.3f})")


if __name__ == "__main__":
    main()
