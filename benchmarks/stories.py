"""Story clustering: our online clusterer against agglomerative clustering, then a scale run.

    .venv/bin/python benchmarks/stories.py                      # gold set + 10k and 100k scale-ups
    .venv/bin/python benchmarks/stories.py --quick              # gold set + 10k only
    .venv/bin/python benchmarks/stories.py --sizes 10000,100000

1. Quality on tests/data/stories_gold.jsonl: every article of ../shared/corpora/news-2022 is
   clustered (so distractors compete), B-cubed is scored over the labelled ones. The baseline is
   scikit-learn's AgglomerativeClustering (average linkage, cosine distance, a distance threshold)
   on TF-IDF vectors of the same text (title + the first 4,000 characters); its threshold is tuned
   on the same gold set, so both sides are tuned the same way.
2. Scale: synthetic scale-ups of the corpus (perturbed copies: 10% of words dropped, some words
   swapped for synonyms, dates shifted by 1,200 days a copy so each copy forms new stories),
   streamed through the clusterer, one subprocess per size; prints time and peak RSS.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newslens.clean import Cleaner
from newslens.ingest import read_paths
from newslens.records import Article, ArticleText, RawDocument
from newslens.stories import StoryClusterer, bcubed, cluster_counts, sort_key

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "news-2022"
GOLD = ROOT / "tests" / "data" / "stories_gold.jsonl"
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "attack": "assault",
    "killed": "slain",
    "big": "large",
    "country": "nation",
    "war": "conflict",
    "talks": "negotiations",
    "help": "assist",
    "government": "administration",
    "people": "persons",
    "city": "town",
    "show": "display",
}


def load_corpus() -> list[Article]:
    docs = [d for d in read_paths([CORPUS]) if isinstance(d, RawDocument)]
    cleaner = Cleaner()
    cleaner.setup()
    return list(cleaner(docs).outputs)


def to_texts(articles: list[Article]) -> list[ArticleText]:
    return sorted((ArticleText.of(a, i) for i, a in enumerate(articles)), key=sort_key)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quality() -> None:
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles = load_corpus()
    gold = {r["url"]: r["label"] for r in map(json.loads, GOLD.open(encoding="utf-8"))}
    texts = to_texts(articles)
    url_of = {a.id: a.url for a in articles}
    print(
        f"corpus: {len(texts)} articles; gold: {len(gold)} articles, "
        f"{len(set(gold.values()))} stories"
    )

    started = time.perf_counter()
    clusterer = StoryClusterer()
    clusterer.setup()
    ours = {url_of[s.article_id]: s.story_id for s in clusterer(texts).outputs}
    ours_time = time.perf_counter() - started

    started = time.perf_counter()
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    matrix = vectoriser.fit_transform([(t.title or "") + "\n" + t.body[:4000] for t in texts])
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    prep_time = time.perf_counter() - started
    best: tuple[float, float, dict[str, int], float] | None = None
    for threshold in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        started = time.perf_counter()
        labels = AgglomerativeClustering(
            n_clusters=None, distance_threshold=threshold, metric="precomputed", linkage="average"
        ).fit_predict(distances)
        elapsed = prep_time + time.perf_counter() - started
        predicted = {url_of[t.id]: int(label) for t, label in zip(texts, labels, strict=True)}
        f1 = bcubed(predicted, gold)[2]
        print(f"  agglomerative threshold {threshold:.2f}: F1 {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, threshold, predicted, elapsed)
    assert best is not None
    print()
    print(f"{'method':<34} {'P':>6} {'R':>6} {'F1':>6} {'clusters':>9} {'gold':>5} {'time s':>7}")
    for name, predicted, elapsed in (
        ("newslens StoryClusterer (online)", ours, ours_time),
        (f"agglomerative avg cos t={best[1]:.2f}", best[2], best[3]),
    ):
        p, r, f1 = bcubed(predicted, gold)
        n_pred, n_gold = cluster_counts(predicted, gold)
        print(f"{name:<34} {p:6.3f} {r:6.3f} {f1:6.3f} {n_pred:9d} {n_gold:5d} {elapsed:7.1f}")
    print(
        f"F1 ratio ours/baseline: {bcubed(ours, gold)[2] / best[0]:.3f}; "
        f"time ratio: {ours_time / best[3]:.2f}"
    )


def perturb(text: str, rng: random.Random) -> str:
    words = [SYNONYMS.get(w, w) if rng.random() < 0.5 else w for w in text.split()]
    return " ".join(w for w in words if rng.random() >= 0.1)


def scaled(base: list[ArticleText], size: int) -> Iterator[ArticleText]:
    """``size`` perturbed copies of the corpus, in date order, each copy 1,200 days later."""
    rng = random.Random(size)
    for i in range(size):
        copy, item = divmod(i, len(base))
        article = base[item]
        shift = dt.timedelta(days=1200 * copy)
        yield dataclasses.replace(
            article,
            id=f"{article.id}-{copy}",
            seq=i,
            body=perturb(article.body, rng),
            title=perturb(article.title, rng) if article.title else None,
            published=article.published + shift if article.published else None,
        )


def scale_run(size: int) -> None:
    base = [t for t in to_texts(load_corpus()) if t.published is not None]
    loaded = rss_mb()
    clusterer = StoryClusterer()
    clusterer.setup()
    started = time.perf_counter()
    stories: set[str] = set()
    count = 0
    for assignment in clusterer.assign(scaled(base, size)):
        stories.add(assignment.story_id)
        count += 1
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "size": count,
                "stories": len(stories),
                "seconds": round(elapsed, 1),
                "per_1k_s": round(1000 * elapsed / count, 2),
                "rss_after_load_mb": round(loaded),
                "peak_rss_mb": round(rss_mb()),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--quick", action="store_true", help="only the 10k scale-up")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_one:
        scale_run(args.scale_one)
        return
    quality()
    sizes = [10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    print()
    print(f"{'articles':>9} {'stories':>8} {'time s':>7} {'s/1k':>6} {'peak RSS MB':>12}")
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--scale-one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(
            f"{row['size']:>9} {row['stories']:>8} {row['seconds']:>7} {row['per_1k_s']:>6} "
            f"{row['peak_rss_mb']:>12}"
        )


if __name__ == "__main__":
    main()
