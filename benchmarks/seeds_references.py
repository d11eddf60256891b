"""Actor references and quote speakers on the five seeds, scored against the hand gold.

    python benchmarks/seeds_references.py [--json] [--wrong]

Each seed is cleaned, parsed and resolved as ``newslens build`` does (clean -> spaCy -> actor
resolver -> the coder's pronoun and group resolution -> quotes); the gold is
tests/data/seeds_mentions.jsonl (every reference a careful reader resolves, with place uses and
expletives as negatives) and tests/data/seeds_quotes.jsonl (every attributed statement). A gold
mention in text the cleaner removed (a banner, a caption it drops) is counted apart, not scored.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newslens.evaluate_references import (
    kinds_table,
    load_gold,
    quotes_in_body,
    read_articles,
    score_mentions,
    score_quotes,
    summary,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--wrong", action="store_true", help="list every wrong item")
    args = parser.parse_args()
    raw = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}
    read = read_articles(raw)
    texts = {k: a.body for k, a in read.items()}
    views = {k: (a.doc, a.actor_at) for k, a in read.items()}
    quotes = {k: a.quotes for k, a in read.items()}
    gold = load_gold(GOLD / "seeds_mentions.jsonl")
    present = [r for r in gold if r["context"] in texts[r["seed"]]]
    mentions = score_mentions(present, texts, views)
    quote_gold = load_gold(GOLD / "seeds_quotes.jsonl")
    quote_present = quotes_in_body(quote_gold, texts)
    speakers = score_quotes(quote_present, quotes)
    if args.json:
        out = {"mentions": summary(mentions), "not_in_body": len(gold) - len(present),
               "quotes": summary(speakers),
               "quotes_not_in_body": len(quote_gold) - len(quote_present)}  # fmt: skip
        print(json.dumps(out, indent=2))
        return
    print(f"actor references right: {mentions.right}/{mentions.total} ({mentions.share:.1%}); "
          f"{len(gold) - len(present)} gold lines lie in text the cleaner removed")  # fmt: skip
    for kind, right, total in kinds_table(mentions):
        print(f"  {kind:<16} {right:>3}/{total:<3}")
    removed = len(quote_gold) - len(quote_present)
    print(f"quote speakers right: {speakers.right}/{speakers.total} ({speakers.share:.1%}); "
          f"{removed} gold quotes lie in text the cleaner removed")  # fmt: skip
    for kind, right, total in kinds_table(speakers):
        print(f"  {kind:<16} {right:>3}/{total:<3}")
    if args.wrong:
        for item in mentions.wrong:
            print("M", item["seed"], repr(item["context"]), item["mention"], item.get("actor"),
                  "->", item["found"])  # fmt: skip
        for item in speakers.wrong:
            print("Q", item["seed"], repr(item["words"]), item.get("speaker"), "->", item["found"])


if __name__ == "__main__":
    main()
