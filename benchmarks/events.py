"""The event stage with the learned classifier against the lexicon-only coder, same texts, same run.

Run: .venv/bin/python benchmarks/events.py [--corpus DIR] [--limit N] [--batch-size B]

Reads ../shared/corpora/news-2022 at run time (every N-th article for ``--limit N``). The language
stage parses the articles once (timed too: it is most of a build); then the event stage codes
them twice per round, with the lexicon alone (the peer: the coder before the classifier) and
with the bundled event model (embedding every candidate sentence, the combination rule), in
alternating order over two rounds, best of each. It prints seconds, articles per second, the
ratio model / lexicon, how many events each coded and which signal coded them, and the growth
of language + events (the bulk of ``newslens build``) that the model costs. Target: a whole
build at most 40 % longer.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newslens.events import EventStage
from newslens.nlp import LanguageStage
from newslens.records import EventInput
from nlp import SHARED, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "news-2022")
    parser.add_argument("--limit", type=int, default=300, help="articles (0 = all)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    articles = load(args.corpus, args.limit)
    language = LanguageStage(batch_size=args.batch_size)
    language.setup()
    start = time.perf_counter()
    analyses = language(articles).outputs
    parse_s = time.perf_counter() - start
    inputs = [EventInput(a, b) for a, b in zip(articles, analyses, strict=True)]
    stages = {"lexicon": EventStage(event_model="none"), "model": EventStage()}
    for stage in stages.values():
        stage.setup()
        stage(inputs[:4])  # warm up (model loading is not what a batch costs)
    best: dict[str, float] = {}
    coded: dict[str, Counter[str]] = {}
    for round_ in range(2):
        order = list(stages) if round_ == 0 else list(reversed(stages))
        for name in order:
            start = time.perf_counter()
            outputs = []
            for i in range(0, len(inputs), args.batch_size):
                outputs += stages[name](inputs[i : i + args.batch_size]).outputs
            took = time.perf_counter() - start
            best[name] = min(best.get(name, took), took)
            coded[name] = Counter(e.signal for r in outputs for e in r.events)
    n = len(articles)
    print(f"{n} articles, {sum(len(a.body.split()) for a in articles):,} words")
    print("| | seconds | articles/s | events (by signal) |")
    print("| --- | ---: | ---: | --- |")
    print(f"| language stage (parse, actors, times) | {parse_s:.2f} | {n / parse_s:.1f} | |")
    for name in stages:
        signals = ", ".join(f"{k} {v}" for k, v in sorted(coded[name].items()))
        label = "event stage, lexicon only" if name == "lexicon" else "event stage, with model"
        print(f"| {label} | {best[name]:.2f} | {n / best[name]:.1f} | {signals} |")
    ratio = best["model"] / best["lexicon"]
    before = parse_s + best["lexicon"]
    growth = (best["model"] - best["lexicon"]) / before
    print(f"ratio event stage model / lexicon: {ratio:.2f}")
    print(f"language + events grows by {growth:.1%} (target for the whole build: <= 40 %)")


if __name__ == "__main__":
    main()
