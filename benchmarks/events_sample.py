"""Hand-review sample: a reproducible random sample of coded events from a built store.

Run: .venv/bin/python benchmarks/events_sample.py --db /tmp/full.db --n 100 --seed 7
         [--signal classifier] [--mark-cue]

Takes random.Random(seed).sample over the coded events ordered by id and prints, for each, its
type, source and target names, flags, the signal that coded it (lexicon, classifier, both) and
the model's confidence, date and date basis, the article's published date and the
evidence sentence, for a reader to judge (docs/evaluation.md, "Events and quotes").
``--mark-cue`` also says, for each event the classifier alone coded, whether its sentence holds
a word of its type (the cue of combine.py's rule 5), so that one store built without the cue
(whose classifier-only events are a superset of the default rule's) is reviewed once for both
rules: the default keeps exactly the classifier-only events marked "cue: yes".
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
    parser.add_argument(
        "--mark-cue", action="store_true",
        help="say whether a classifier-only event's sentence holds its type's cue",
    )  # fmt: skip
    args = parser.parse_args()
    cued = _cue_reader() if args.mark_cue else None
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
        cue = ""
        if cued is not None and signal == "classifier":
            cue = "  cue: yes" if kind in cued(sentence) else "  cue: no"
        print(f"  signal: {signal}{sure}{cue}")
        span = f" [{lo}..{hi}]" if lo and (lo, hi) != (date, date) else ""
        print(f"  date: {date or '-'}{span} ({basis})  published: {published or '-'}")
        print(f"  {' '.join(sentence.split())}\n")


def _cue_reader():  # type: ignore[no-untyped-def]
    """sentence -> the types whose words it holds (coder_lexicon.cued_types)."""
    from newslens.events.coder_lexicon import cued_types, load_lexicon
    from newslens.nlp import load_model

    nlp, lexicon = load_model(), load_lexicon()
    return lambda sentence: cued_types(lexicon, list(nlp(sentence)))


if __name__ == "__main__":
    main()
