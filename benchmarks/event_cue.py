"""The whole event coder on the test set under the cue rule and without it.

    .venv/bin/python benchmarks/event_cue.py [--gold tests/data/events_test.jsonl]
        [--event-model MODEL]

Codes every gold sentence once (lexicon + the bundled classifier + syntax, as ``newslens eval
events`` does) and scores three combination rules side by side, with type + source country and
type + source and target country: the default (the model adds an event only where a lexicon word
of its type occurs), learned cue words for every type, and no cue at all. This reports; it
chooses nothing: whether the cue stays is settled on hand-reviewed real news
(docs/evaluation.md), not on this set.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newslens.evaluate_events import (
    candidates,
    code_parsed,
    parse_sentences,
    read_gold_events,
    score_events,
)
from newslens.events.classifier import Predictor, load_model
from newslens.events.coder import load_lexicon
from newslens.events.combine import Rule

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/data/events_test.jsonl")
    parser.add_argument("--event-model", default=None, help="model file (default: bundled)")
    args = parser.parse_args()
    gold = read_gold_events(args.gold)
    parsed = parse_sentences([g.text for g in gold])
    model, lexicon = load_model(args.event_model), load_lexicon()
    wanted = candidates(parsed)
    predictions: dict[int, dict[int, dict[str, float]]] = {}
    for (n, index, _), probs in zip(
        wanted, Predictor(model).for_texts([w[2] for w in wanted]), strict=True
    ):
        predictions.setdefault(n, {})[index] = probs
    print(f"{len(gold)} sentences; rule | P | R | micro F1 | macro F1 | type+source | +target")
    for name, rule in (
        ("cue from lexicon words (default)", Rule()),
        ("cue from learned words for every type", Rule(cue=True, learned_cues_everywhere=True)),
        ("no cue", Rule(cue=False)),
    ):
        scores = score_events(
            gold, code_parsed(parsed, predictions, lexicon, rule, cues=model.cues)
        )
        micro = scores.micro
        print(
            f"{name} | {micro['precision']:.3f} | {micro['recall']:.3f} | {micro['f1']:.3f} | "
            f"{scores.macro_f1:.3f} | {scores.type_and_source_country:.1%} | "
            f"{scores.type_and_dyad_country:.1%}"
        )


if __name__ == "__main__":
    main()
