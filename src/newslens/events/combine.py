"""How the lexicon and the learned classifier decide a sentence's events together.

The lexicon finds triggers and, with the syntax, who did what to whom; the classifier gives each
candidate sentence (one with a resolved actor and a verb) a probability for every type and for
"no event". The rule, applied per sentence, with the thresholds of :class:`Rule`:

1. A lexicon event whose type the model also gives the sentence (its most probable type, or a
   probability of at least ``add``) is kept, signal ``both``.
2. A lexicon event the model is sure is no event (P(NONE) >= ``veto`` and P(type) <= ``floor``)
   is dropped, unless a flag (negated, hypothetical, background) already marks it: the model is
   trained to say "no event" for those, the flags keep them visible as such.
3. A lexicon event of a type the model finds unlikely (P(type) <= ``floor``) while it is confident
   of another type (P >= ``retype``) takes the model's type, signal ``classifier`` -- unless
   another lexicon event of the sentence already has that type: the model gives one label per
   sentence, and that event accounts for it ("refused to criticise X, blaming Y": the REJECT
   stays beside the DISAPPROVE).
4. Any other lexicon event is kept, signal ``lexicon``.
5. When the model's most probable type is not NONE, has P >= ``add`` and no lexicon event of the
   sentence has it, the model codes it (signal ``classifier``): the coder anchors it on the
   sentence's event verb and finds source, target, flags and date by the same syntax as a
   lexicon trigger (``coder.py``). With ``cue`` on (the default) it must also find a word of
   that type in the sentence in any syntax (``coder_lexicon.cued_types``: "the aid pledged by
   Oslo" has AID's noun but no lexicon pattern; the lexicon's ``cue_words``, such as
   "howitzers" or "kickbacks", count there and nowhere else) or, for a type the lexicon has no
   words for (a user's own category), one of the model's learned cue words for it
   (``coder_lexicon.learned_cues``, ``classifier.learn_cues``). On event-dense sentences the
   cue costs recall and buys no precision (out of fold on the 5,044 training labels,
   ``benchmarks/event_rule.py --no-grid``: micro F1 0.688 with it, 0.765 without, precision
   0.859 and 0.863), but real news is mostly sentences that hold no event: in two fresh
   hand-reviewed news-2022 samples the additions without a cue word were right 5 of 20 times,
   those with one 13 of 34 (docs/evaluation.md). What a user reads is real news, so the cue
   stays on; ``Rule(cue=False)`` is the rule for event-dense text.

Last, an event of the sentence with no target beside one of the same type, source and flags
that has a target is the same act told twice ("Attacks by Russian forces destroyed eight
Ukrainian planes": the noun and the verb) and is dropped (:func:`without_repeats`).

Every event's ``confidence`` is the model's probability of its final type (None for a type the
model does not know). The thresholds come from the cross-validated grid on the training labels
(``benchmarks/event_rule.py``), never from the test set: the most precise rule within 0.01 micro
F1 of the best one (add 0.6 rather than 0.5: precision 0.82 rather than 0.79), because on real news
the model meets many more sentences that are no event than the labels hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace

from newslens.records import Event

NONE = "NONE"


@dataclass(frozen=True)
class Rule:
    """The thresholds of the combination rule (see the module docstring)."""

    add: float = 0.6
    veto: float = 0.8
    floor: float = 0.05
    retype: float = 0.85
    #: require a word of the type for an addition (rule 5; see the module docstring)
    cue: bool = True
    #: learned cue words count for the lexicon's types too (not the default: see rule 5)
    learned_cues_everywhere: bool = False


def best(probs: Mapping[str, float]) -> tuple[str, float]:
    """The most probable label and its probability (ties: the label first in name order)."""
    label = min(probs, key=lambda k: (-probs[k], k))
    return label, probs[label]


def judge(events: Sequence[Event], probs: Mapping[str, float] | None, rule: Rule) -> list[Event]:
    """The lexicon events of one sentence after the model's say (rules 1-4)."""
    if probs is None:
        return list(events)
    top, top_p = best(probs)
    explained = any(event.type == top for event in events)
    out = []
    for event in events:
        p = probs.get(event.type)
        if p is None:
            out.append(replace(event, signal="lexicon", confidence=None))
        elif event.type == top or p >= rule.add:
            out.append(replace(event, signal="both", confidence=p))
        elif _flagged(event):
            out.append(replace(event, signal="lexicon", confidence=p))
        elif probs.get(NONE, 0.0) >= rule.veto and p <= rule.floor:
            continue
        elif top != NONE and top_p >= rule.retype and p <= rule.floor and not explained:
            out.append(_retyped(event, top, top_p))
        else:
            out.append(replace(event, signal="lexicon", confidence=p))
    return out


def added_type(
    events: Sequence[Event],
    probs: Mapping[str, float] | None,
    rule: Rule,
    cued: Container[str] | None = None,
) -> tuple[str, float] | None:
    """The type the model codes beside the lexicon in this sentence (rule 5), if any; ``cued``:
    the types whose words the sentence holds (required when ``rule.cue`` is on)."""
    if not probs:
        return None
    top, top_p = best(probs)
    if top == NONE or top_p < rule.add or any(e.type == top for e in events):
        return None
    if rule.cue and (cued is None or top not in cued):
        return None
    return top, top_p


def _flagged(event: Event) -> bool:
    return event.negated or event.hypothetical or event.background


def _retyped(event: Event, kind: str, p: float) -> Event:
    digest = hashlib.sha256(f"{event.id}\x1f{kind}".encode()).hexdigest()[:14]
    return replace(event, id="e" + digest, type=kind, signal="classifier", confidence=p)


def without_repeats(events: Sequence[Event]) -> list[Event]:
    """``events`` of one sentence less those told again with a target (see the module docstring)."""
    aimed = {(e.type, e.source, _flags(e)) for e in events if e.target is not None}
    return [e for e in events if e.target is not None or (e.type, e.source, _flags(e)) not in aimed]


def _flags(event: Event) -> tuple[bool, bool, bool]:
    return event.negated, event.hypothetical, event.background
