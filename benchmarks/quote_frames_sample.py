"""Hand-review sample of the statements the quote reader takes without a reporting verb.

Run: .venv/bin/python benchmarks/quote_frames_sample.py --n 60 --seed 2

Draws random.Random(seed).sample of N articles from ../shared/corpora/news-2022 (every CSV, rows
in file order), cleans, parses and resolves them as the build does, and prints every quote that a
judgment ("blasted the sanctions"), a naming ("called the plan a disaster") or a claim noun
("reports that …") made, with its speaker and sentence, for a reader to judge
(docs/evaluation.md, "Seeds"). The last line counts them by frame.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

from newslens.evaluate_references import read_articles
from newslens.events.quotes import load_quote_cues

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news-2022"


def _rows() -> list[str]:
    csv.field_size_limit(1 << 30)
    texts = []
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            texts += [f"{r['Title']}\n\n{r['Text']}" for r in csv.DictReader(handle)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="articles to sample")
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    cues = load_quote_cues()
    sample = random.Random(args.seed).sample(_rows(), args.n)
    read = read_articles({f"{i:03d}": text for i, text in enumerate(sample)})
    counts: Counter[str] = Counter()
    for key, article in read.items():
        sents = list(article.doc.sents)
        for quote in article.quotes:
            if quote.direct or not quote.cue:
                continue
            sentence = sents[quote.sentence_index].text
            lemma, pos = _lemma(article.doc, sentence, quote.cue)
            right_after = f"{quote.cue} {quote.text}" in " ".join(sentence.split())
            if lemma in cues.claim_nouns and pos in ("NOUN", "PROPN"):
                frame = "claim"
            elif lemma in cues.naming_verbs and right_after:
                frame = "naming"
            elif lemma in cues.judge_verbs:
                frame = "judgment"
            else:
                continue
            counts[frame] += 1
            print(f"{key} {frame:<9} [{quote.speaker or '-'} | {quote.speaker_text}] "
                  f"{quote.cue}: {quote.text[:140]}")  # fmt: skip
            print(f"      <{' '.join(sentence.split())[:300]}>")
    print("frames:", dict(sorted(counts.items())), "in", args.n, "articles")


def _lemma(doc: object, sentence: str, cue: str) -> tuple[str, str]:
    for tok in doc:  # type: ignore[attr-defined]
        if tok.text == cue and tok.sent.text == sentence:
            return str(tok.lemma_).lower(), str(tok.pos_)
    return cue.lower(), ""


if __name__ == "__main__":
    main()
