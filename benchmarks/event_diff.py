"""Code a fixed random sample of news sentences and show what a change to the coder changed.

    .venv/bin/python benchmarks/event_diff.py --out /tmp/after.jsonl [--against /tmp/before.jsonl]
        [--corpus ../shared/corpora/news-2022] [--n 4000] [--seed 29]

Splits the corpus's CSV bodies into sentences of 8 to 60 words, takes ``--n`` of them by
``random.Random(seed)``, codes each as a one-sentence article as ``newslens eval events`` does
(lexicon, bundled classifier, default rule; flagged events left out) and writes one JSON line
per sentence with its (type, source country, target country) events. With ``--against`` (the
same command run on the code before the change, e.g. with ``PYTHONPATH`` pointing at a worktree
of the old commit) it prints every sentence whose events differ, for a reader to judge the
change on real text that no rule was written from.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE_END = re.compile(r'(?<=[.!?"])\s+(?=[A-Z"])')


def sample_sentences(corpus: Path, n: int, seed: int) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    sentences = []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for text in SENTENCE_END.split(row.get("Text") or ""):
                    if 8 <= len(text.split()) <= 60:
                        sentences.append(text.strip())
    random.Random(seed).shuffle(sentences)
    return sentences[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--against", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpora/news-2022")
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args()
    from newslens.evaluate_events import code_sentences

    sentences = sample_sentences(args.corpus, args.n, args.seed)
    with args.out.open("w", encoding="utf-8") as out:
        for text, coded in zip(sentences, code_sentences(sentences), strict=True):
            events = sorted([list(e) for e in coded.events], key=str)
            out.write(json.dumps({"text": text, "events": events}) + "\n")
    if args.against is None:
        return
    before = [json.loads(line) for line in args.against.read_text(encoding="utf-8").splitlines()]
    after = [json.loads(line) for line in args.out.read_text(encoding="utf-8").splitlines()]
    added = removed = 0
    for old, new in zip(before, after, strict=True):
        plus = [e for e in new["events"] if e not in old["events"]]
        minus = [e for e in old["events"] if e not in new["events"]]
        if plus or minus:
            added, removed = added + len(plus), removed + len(minus)
            print(f"+ {plus} - {minus} | {new['text'][:240]}")
    total = sum(len(x["events"]) for x in after)
    print(f"{len(after)} sentences, {total} events; {added} added, {removed} removed")


if __name__ == "__main__":
    main()
