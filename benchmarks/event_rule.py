"""Choose the combination rule's thresholds by cross-validation on the training labels only.

    .venv/bin/python benchmarks/event_rule.py [--embedder minilm] [--folds 5] [--no-grid]

Every bundled training sentence is parsed and coded as a one-sentence article. The classifier's
probabilities for a sentence come from a model trained on the other folds (out-of-fold), so no
sentence is scored by a model that saw it. For each rule on a small grid it prints the micro and
macro type F1 of the whole coder (lexicon + classifier + syntax) over the training sentences,
beside the lexicon alone and the classifier alone. The test set is never read here: the chosen
thresholds are then reported on it by ``newslens eval events``. The training sentences are
event-dense, as the test set is; whether the classifier may add events without a word of the
type (``cue``) was settled on hand-reviewed real news instead (docs/evaluation.md).
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np
from sklearn.model_selection import StratifiedKFold

from newslens.evaluate_events import (
    GoldEvent,
    GoldSentence,
    candidates,
    code_parsed,
    parse_sentences,
    score_events,
)
from newslens.events.classifier import (
    DEFAULT_C,
    NONE,
    WORD_WEIGHT,
    bundled_labels,
    read_labels,
    train,
)
from newslens.events.coder import load_lexicon
from newslens.events.combine import Rule
from newslens.events.embedders import embedders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    parser.add_argument("--word-weight", type=float, default=WORD_WEIGHT, help="0: embedding only")
    parser.add_argument("--no-grid", action="store_true", help="only the default rule's rows")
    args = parser.parse_args()
    items = read_labels(bundled_labels())
    gold = [
        GoldSentence(str(n), i.text, () if i.label == NONE else (GoldEvent(i.label),))
        for n, i in enumerate(items)
    ]
    parsed = parse_sentences([i.text for i in items])
    wanted = candidates(parsed)
    embedder = embedders[args.embedder]()
    x_items = embedder.embed([i.text for i in items])
    x_cand = embedder.embed([w[2] for w in wanted])
    y = np.array([i.label for i in items])
    fold_of = np.zeros(len(items), dtype=int)
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=0)
    for k, (_, held) in enumerate(folds.split(x_items, y)):
        fold_of[held] = k
    predictions: dict[int, dict[int, dict[str, float]]] = {}
    fold_cues: dict[int, dict[str, tuple[str, ...]]] = {}
    for k in range(args.folds):
        fit = np.flatnonzero(fold_of != k)
        model = train(
            [items[i] for i in fit], x_items[fit], args.embedder, args.c, args.word_weight
        )
        fold_cues[k] = model.cues
        rows = [j for j, w in enumerate(wanted) if fold_of[w[0]] == k]
        if not rows:
            continue
        probs = model.probabilities(x_cand[rows], [wanted[j][2] for j in rows])
        for j, row in zip(rows, probs, strict=True):
            n, index, _ = wanted[j]
            predictions.setdefault(n, {})[index] = dict(
                zip(model.labels, map(float, row), strict=False)
            )
    lexicon = load_lexicon()

    def learned(n: int) -> dict[str, tuple[str, ...]]:
        return fold_cues[int(fold_of[n])]  # the cues of the model that did not see sentence n

    def show(name: str, scores: object) -> None:
        micro = scores.micro  # type: ignore[attr-defined]
        print(
            f"{name} | {micro['precision']:.3f} | {micro['recall']:.3f} | {micro['f1']:.3f} | "
            f"{scores.macro_f1:.3f}"  # type: ignore[attr-defined]
        )

    print(f"{len(items)} training sentences, {len(wanted)} candidate sentences, {args.embedder}")
    print("rule (add, veto, floor, retype, cue) | P | R | micro F1 | macro F1")
    show("lexicon alone", score_events(gold, code_parsed(parsed, None, lexicon)))
    never = Rule(add=1.01, veto=1.01, floor=0.0, retype=1.01)
    show(
        "model confidences only",
        score_events(gold, code_parsed(parsed, predictions, lexicon, never)),
    )
    everywhere = Rule(cue=True, learned_cues_everywhere=True)
    for name, cues, rule in (
        ("cue from lexicon words only", None, Rule(cue=True)),
        ("cue from lexicon + learned words for every type", learned, everywhere),
        ("no cue", None, Rule(cue=False)),
    ):
        scores = score_events(gold, code_parsed(parsed, predictions, lexicon, rule, cues=cues))
        show(f"default thresholds, {name}", scores)
    if args.no_grid:
        return
    results = []
    for add, veto, floor, retype, cue in itertools.product(
        (0.3, 0.4, 0.5, 0.6), (0.8, 0.9, 1.01), (0.05, 0.15), (0.7, 0.85, 1.01), (True, False)
    ):
        rule = Rule(add=add, veto=veto, floor=floor, retype=retype, cue=cue)
        scores = score_events(gold, code_parsed(parsed, predictions, lexicon, rule))
        results.append((scores.micro["f1"], scores.macro_f1, rule))
        show(f"{add}, {veto}, {floor}, {retype}, {cue}", scores)
    f1, macro, rule = max(results, key=lambda r: (r[0], r[1]))
    print(f"best by micro F1: {rule} (micro {f1:.3f}, macro {macro:.3f})")


if __name__ == "__main__":
    main()
