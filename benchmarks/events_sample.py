"""Hand-review sample: a reproducible random sample of coded events from a built store.

Run: .venv/bin/python benchmarks/events_sample.py --db /tmp/full.db --n 100 --seed 7
         [--signal classifier]

Takes random.Random(seed).sample over the coded events ordered by id and prints, for each, its
type, source and target names, flags, the signal that coded it (lexicon, classifier, both) and
the model's confidence, date and date basis, the article's published date and the
evidence sentence, for a reader to judge (docs/evaluation.md, "Events and quotes").
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3

QUERY = """
SELECT e.id, e.type, s.name, t.name, e.negated, e.hypothetical, e.background, c.name,
       e.date, e.date_earliest, e.date_latest, e.date_basis, a.published, e.evidence,
       e.signal, e.confidence
FROM coded_events e
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target
LEFT JOIN actors c ON c.id = e.claimed_by
LEFT JOIN articles a ON a.id = e.article_id
WHERE e.id = ?
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite store with coded events")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--signal", help="only events coded by this signal (classifier, both...)")
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    where, params = ("WHERE signal = ?", (args.signal,)) if args.signal else ("", ())
    ids = [r[0] for r in db.execute(f"SELECT id FROM coded_events {where} ORDER BY id", params)]
    for number, event_id in enumerate(random.Random(args.seed).sample(ids, args.n), 1):
        row = db.execute(QUERY, (event_id,)).fetchone()
        _, kind, source, target, neg, hyp, bg, claimed, date, lo, hi, basis, published = row[:13]
        evidence, signal, confidence = row[13:]
        flags = [n for n, on in (("negated", neg), ("hypothetical", hyp), ("background", bg)) if on]
        sentence = json.loads(evidence)[0]["sentence"] if evidence else ""
        print(f"#{number} {event_id} {kind}: {source or '-'} -> {target or '-'}")
        claim = f"  claimed by {claimed}" if claimed else ""
        print(f"  flags: {','.join(flags) or '-'}{claim}")
        sure = f" {confidence:.2f}" if confidence is not None else ""
        print(f"  signal: {signal}{sure}")
        span = f" [{lo}..{hi}]" if lo and (lo, hi) != (date, date) else ""
        print(f"  date: {date or '-'}{span} ({basis})  published: {published or '-'}")
        print(f"  {' '.join(sentence.split())}\n")


if __name__ == "__main__":
    main()
