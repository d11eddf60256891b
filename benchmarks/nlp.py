"""The language stage against raw spaCy parsing, on the same texts in the same run.

Run: .venv/bin/python benchmarks/nlp.py [--corpus DIR] [--limit N] [--batch-size B]

Reads ../shared/corpora/news-2022 at run time. Times spaCy's ``nlp.pipe`` alone (the peer: what
any pipeline built on spaCy pays), then our whole stage (the same parse, plus sentences, actor
resolution, time expressions, publication-interval inference and the serialised Doc for the
cache), alternating the order over two rounds so neither side profits from a warm cache. Target:
ours at most 1.25 x raw.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import time
from pathlib import Path

from newslens.nlp import LanguageStage, load_model
from newslens.records import ArticleText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load(corpus: Path, limit: int) -> list[ArticleText]:
    csv.field_size_limit(1 << 30)
    rows: list[ArticleText] = []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            for number, row in enumerate(csv.DictReader(handle), 1):
                day = (row.get("Date") or "")[:10]
                rows.append(
                    ArticleText(
                        id=f"{path.name}#{number}",
                        seq=len(rows) + 1,
                        body=row.get("Text") or "",
                        title=row.get("Title"),
                        published=dt.date.fromisoformat(day) if day else None,
                    )
                )
    step = max(len(rows) // limit, 1) if limit else 1
    return rows[::step][:limit] if limit else rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "news-2022")
    parser.add_argument("--limit", type=int, default=300, help="articles (0 = all)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    articles = load(args.corpus, args.limit)
    words = sum(len(a.body.split()) for a in articles)

    nlp = load_model()
    stage = LanguageStage(batch_size=args.batch_size)
    stage.setup()
    list(nlp.pipe([a.body for a in articles[:5]]))  # warm both up on a few texts

    raw_times: list[float] = []
    ours_times: list[float] = []
    for round_number in range(2):
        order = ("raw", "ours") if round_number == 0 else ("ours", "raw")
        for side in order:
            started = time.perf_counter()
            if side == "raw":
                for _ in nlp.pipe((a.body for a in articles), batch_size=args.batch_size):
                    pass
                raw_times.append(time.perf_counter() - started)
            else:
                result = stage(articles)
                ours_times.append(time.perf_counter() - started)
    raw, ours = min(raw_times), min(ours_times)
    mentions = sum(len(a.mentions) for a in result.outputs)
    times = sum(len(a.times) for a in result.outputs)
    print(f"news-2022 sample: {len(articles)} articles, {words:,} words; model {stage.model_name}")
    print(f"{'':28} {'seconds':>9} {'words/s':>9}")
    print(f"{'raw spaCy nlp.pipe':28} {raw:>9.2f} {words / raw:>9.0f}")
    print(f"{'newslens language stage':28} {ours:>9.2f} {words / ours:>9.0f}")
    print(f"ratio ours / raw: {ours / raw:.3f} (target <= 1.25); best of 2 rounds each")
    print(f"found: {mentions:,} actor mentions, {times:,} time expressions")


if __name__ == "__main__":
    main()
