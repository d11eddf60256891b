"""Choose the classifier's word weight and C on sentences written by other hands.

    .venv/bin/python benchmarks/event_hands.py [--old abcdfh] [--new ijm]
        [--weights 0,0.5,1,1.5,2] [--cs 16,64]

Cross-validation within one hand's sentences flatters word features, since the same words
recur across folds. So this trains the classifier on the older label files
(``data/events/train_<letter>.jsonl`` for each letter of ``--old``) and scores it on the files
written later by other hands (``--new``), for each word weight and C: sentence accuracy, events
typed right and no-event sentences kept as no event. The test set is never read here.
"""

from __future__ import annotations

import argparse
from importlib.resources import files
from pathlib import Path

from newslens.events.classifier import NONE, read_labels, train
from newslens.events.embedders import embedders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", default="abcdfh")
    parser.add_argument("--new", default="ijm")
    parser.add_argument("--weights", default="0,0.5,1,1.5,2")
    parser.add_argument("--cs", default="16,64")
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    root = Path(str(files("newslens") / "data" / "events"))
    old = read_labels([root / f"train_{c}.jsonl" for c in args.old])
    new = read_labels([root / f"train_{c}.jsonl" for c in args.new])
    embedder = embedders[args.embedder]()
    x_old = embedder.embed([i.text for i in old])
    x_new = embedder.embed([i.text for i in new])
    texts, gold = [i.text for i in new], [i.label for i in new]
    events = [k for k, label in enumerate(gold) if label != NONE]
    nones = len(gold) - len(events)
    print(f"trained on {len(old)} sentences ({args.old}), scored on {len(new)} ({args.new})")
    print("word weight | C | accuracy | events typed right | no-event kept")
    for weight in (float(w) for w in args.weights.split(",")):
        for c in (float(v) for v in args.cs.split(",")):
            model = train(old, x_old, args.embedder, c, weight)
            guess = [model.labels[k] for k in model.probabilities(x_new, texts).argmax(axis=1)]
            right = sum(g == y for g, y in zip(guess, gold, strict=True))
            typed = sum(guess[k] == gold[k] for k in events)
            kept = sum(g == y == NONE for g, y in zip(guess, gold, strict=True))
            print(
                f"{weight:g} | {c:g} | {right / len(gold):.3f} | {typed}/{len(events)} | "
                f"{kept}/{nones}"
            )


if __name__ == "__main__":
    main()
