"""Compare sentence embedders for the event classifier: accuracy on the held-out test set, speed.

    .venv/bin/python benchmarks/event_models.py [--test tests/data/events_test.jsonl]
        [--embedders minilm,spacy] [--folds 5] [--word-weights 0,1.0]

For each embedder, with and without the word features, it trains the classifier on the
bundled labels (``data/events/train_*.jsonl``) and prints, side by side: 5-fold cross-validated
accuracy and macro F1 on the training labels (what thresholds and C may be chosen on),
sentence-level accuracy and macro F1 on the test set (written separately, never trained or tuned
on), and the embedding speed in sentences per second on the test sentences (best of two runs).
The classifier alone is measured here; the whole coder (lexicon + classifier + syntax) is
measured by ``newslens eval events``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from newslens.evaluate_events import read_gold_events
from newslens.events.classifier import (
    DEFAULT_C,
    NONE,
    WORD_WEIGHT,
    Labelled,
    bundled_labels,
    read_labels,
    train,
)
from newslens.events.embedders import embedders

ROOT = Path(__file__).resolve().parents[1]


def _test_items(path: Path) -> list[Labelled]:
    return [
        Labelled(g.text, g.events[0].type if g.events else NONE) for g in read_gold_events(path)
    ]


def _predict(model: object, vectors: np.ndarray, texts: list[str]) -> list[str]:
    probs = model.probabilities(vectors, texts)  # type: ignore[attr-defined]
    return [model.labels[i] for i in probs.argmax(axis=1)]  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test", type=Path, default=ROOT / "tests/data/events_test.jsonl")
    parser.add_argument("--embedders", default="minilm,spacy")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    parser.add_argument("--word-weights", default=f"0,{WORD_WEIGHT}", help="word feature weights")
    args = parser.parse_args()
    items = read_labels(bundled_labels())
    test = _test_items(args.test)
    y = np.array([i.label for i in items])
    print(f"training sentences: {len(items)}; test sentences: {len(test)}")
    header = "embedder, word weight | CV acc | CV macro F1 | test acc | test macro F1 | sentences/s"
    print(header)
    print("-" * len(header))
    for name in args.embedders.split(","):
        embedder = embedders[name]()
        x = embedder.embed([i.text for i in items])
        texts = [t.text for t in test]
        rates = []
        for _ in range(2):
            start = time.perf_counter()
            xt = embedder.embed(texts)
            rates.append(len(texts) / (time.perf_counter() - start))
        folds = StratifiedKFold(args.folds, shuffle=True, random_state=0)
        gold = [t.label for t in test]
        for weight in (float(w) for w in args.word_weights.split(",")):
            guess = np.empty(len(items), dtype=object)
            for fit, held in folds.split(x, y):
                part = train([items[i] for i in fit], x[fit], name, args.c, weight)
                guess[held] = _predict(part, x[held], [items[i].text for i in held])
            predicted = _predict(train(items, x, name, args.c, weight), xt, texts)
            print(
                f"{name}, words {weight:g} | {accuracy_score(y, guess):.3f} | "
                f"{f1_score(y, guess, average='macro'):.3f} | "
                f"{accuracy_score(gold, predicted):.3f} | "
                f"{f1_score(gold, predicted, average='macro'):.3f} | {max(rates):.0f}"
            )


if __name__ == "__main__":
    main()
