"""Flags and dates of a coded event: negated, hypothetical, background, and which time expression
dates it (see ``coder.py``'s docstring for the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newslens.events.coder_frames import event_noun, governing_verb
from newslens.events.coder_lexicon import Cues, Lexicon
from newslens.events.coder_syntax import clause_head, clause_tokens, governors
from newslens.records import TimeExpression

__all__ = ["Trigger", "dated", "flags_of", "frame", "framing", "pick_time"]

Token = Any
# "suspected attack", "alleged strike": the noun's act is not asserted
DOUBT_MODIFIERS = frozenset(
    {"suspected", "alleged", "possible", "potential", "planned", "proposed"}
)


STANCES = frozenset({"REJECT"})


@dataclass(frozen=True)
class Trigger:
    """Where an event is coded: its anchor token, type, the lexicon entry and whether a noun."""

    anchor: Token
    type: str
    verb: str
    noun: bool = False


def framing(noun: Token) -> bool:
    """Whether an event noun frames its clause: "In a phone call with Putin, Xi said"."""
    return bool(
        noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("in", "during")
    )


def frame(trigger: Trigger) -> Token:
    """Where a noun's clause starts: "the invasion began" -> began; else the anchor itself."""
    anchor = event_noun(trigger.anchor, trigger.verb) if trigger.noun else trigger.anchor
    if trigger.noun and anchor.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return anchor.head
    return anchor


def _negating(node: Token, negation: frozenset[str]) -> bool:
    for child in node.children:
        if child.dep_ == "neg" and child.lower_ in negation:
            return True
        if child.dep_ == "det" and child.lower_ == "no":  # "has no intention of meeting"
            return True
        if child.dep_ == "preconj" and child.lower_ == "neither":  # "neither met nor called"
            return True
        if child.lower_ == "longer" and any(c.lower_ == "no" for c in child.children):
            return True  # "is no longer supplying gas"
    return bool(node.dep_ == "conj" and any(c.lower_ == "nor" for c in node.head.children))


def flags_of(trigger: Trigger, lexicon: Lexicon) -> tuple[bool, bool, bool]:
    """(negated, hypothetical, background) from the verb, its governors and its clause."""
    cues = lexicon.cues
    negated = hypothetical = background = pluperfect = False
    chain = _shared_governors(list(governors(frame(trigger))))
    # "said after his talks with Putin": the talks are the day's news, not background
    talks = trigger.noun and trigger.type in lexicon.symmetric
    for node in chain:
        lemma = node.lemma_.lower()
        if node.i != trigger.anchor.i and lemma in cues.negating_governors:
            negated = True
        causal = lemma == "due" and (node.pos_ == "ADP" or node.dep_ == "prep")
        planning = lemma in cues.hypothetical_governors and not causal
        if node.i != trigger.anchor.i and planning and not _acts_upon(node, trigger):
            hypothetical = True  # ("due to visit" is planned; "due to shelling" is because of)
        if node.dep_ == "prep" and lemma in cues.background_marks and not talks:
            background = True
        kids = list(node.children)
        if _negating(node, cues.negation):
            negated = True
        if any(c.dep_ == "aux" and c.lower_ in cues.modal for c in kids):
            hypothetical = True
        if any(c.dep_ == "advmod" and c.lower_ == "allegedly" for c in kids):
            hypothetical = True  # ("reportedly" only attributes the act)
        if node.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in kids):
            pluperfect = True
    head = chain[-1]
    if pluperfect and not _reported(head, cues.reporting):
        background = True  # ("Kyiv said Russian drones had struck": the tense of reported speech)
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if head.dep_ == "advcl" and marks & cues.conditional:
        hypothetical = True
    if head.dep_ in ("advcl", "pcomp", "pobj") and marks & cues.background_marks:
        background = background or _clause_background(head, marks, lexicon)
    if head.dep_ == "pcomp" and head.head.lower_ in cues.background_marks:
        background = background or _clause_background(head, {head.head.lower_}, lexicon)
    topic = event_noun(trigger.anchor, trigger.verb) if trigger.noun else trigger.anchor
    if topic.dep_ in ("pobj", "pcomp") and topic.head.lower_ in cues.topic_preps:
        background = True  # "concerns about shelling near the plant": a topic, not an act
    if trigger.noun:
        if any(c.lower_ in DOUBT_MODIFIERS for c in trigger.anchor.children if c.dep_ == "amod"):
            hypothetical = True
        # "Russia's invasion": a nominalised, earlier act; but "his talks with Putin" and "its
        # refusal to condemn" are the news of the day or a standing stance
        # ("launched an inquiry", "faced sanctions": the act of the verb, as current as it)
        noun = event_noun(trigger.anchor, trigger.verb)
        verb = governing_verb(noun)
        lights = cues.support_verbs | cues.receiving_verbs
        supported = verb is not None and verb.lemma_.lower() in lights
        if not framing(trigger.anchor) and trigger.type not in lexicon.symmetric | STANCES:
            background = background or not (supported or _acting_subject(noun, cues))
    return negated, hypothetical, background


def _acts_upon(verb: Token, trigger: Trigger) -> bool:
    """Whether an event noun is the active subject of the verb and the verb governs no clause:
    "Ukraine's attack on the refinery set off a fire" did it ("set" plans only "set to")."""
    noun = event_noun(trigger.anchor, trigger.verb) if trigger.noun else None
    return bool(
        noun is not None
        and noun.dep_ == "nsubj"
        and noun.head.i == verb.i
        and not any(c.dep_ == "xcomp" for c in verb.children)
    )


def _shared_governors(chain: list[Token]) -> list[Token]:
    """The chain with what a verb shares with the verb it is coordinated with: "Xi will visit
    Moscow and hold talks", "plans to send troops and impose sanctions": a conjunct without a
    subject or auxiliary of its own, in the base form a modal takes, has its head's modal and
    governors ("will not attack Taiwan but imposed sanctions" shares nothing)."""
    last = chain[-1]
    seen = {t.i for t in chain}
    while last.dep_ == "conj" and last.head.i not in seen and last.tag_ == "VB":
        own = [c for c in last.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")]
        if own:
            break
        more = [t for t in governors(last.head) if t.i not in seen]
        chain = [*chain, *more]
        seen.update(t.i for t in more)
        last = chain[-1]
    return chain


def _acting_subject(noun: Token, cues: Cues) -> bool:
    """An event noun that is the subject of what it did ("Israel's strikes on Lebanon killed
    twelve", "China's detention of two Canadians prompted Ottawa to ..."): the day's news,
    unless it names a standing state of things ("Russia's invasion has caused a food crisis")."""
    head = noun.head
    return bool(
        noun.dep_ == "nsubj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() != "be"
        and noun.lemma_.lower() not in cues.standing_nouns
    )


def _clause_background(head: Token, marks: set[str], lexicon: Lexicon) -> bool:
    """Whether a subordinate clause of time restates an earlier act: always for
    ``background_clause_marks`` ("since Russia invaded"), and for the other background marks
    ("after", "before") unless the main clause is itself an act ("Ukrainian troops pulled back
    after Russia began shelling the town": two acts; "Tensions rose after X attacked Y": the
    attack is the context of a state of things)."""
    if marks & lexicon.cues.background_clause_marks:
        return True
    main = head.head
    while main.dep_ in ("prep", "pcomp", "pobj") and main.head.i != main.i:
        main = main.head
    lemma = main.lemma_.lower()
    return lemma not in lexicon.verbs and all(words[0] != lemma for words, _ in lexicon.phrases)


def _reported(head: Token, reporting: frozenset[str]) -> bool:
    """Whether a clause is the complement of a reporting verb ("said (that) ...")."""
    node = head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in reporting


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse (through their lowest common ancestor)."""
    up_b = {t.i: n for n, t in enumerate([b, *b.ancestors])}
    for n, t in enumerate([a, *a.ancestors]):
        if t.i in up_b:
            return n + up_b[t.i]
    return 99


def _rank(time: TimeExpression, anchor: Token) -> tuple[int, int]:
    span = anchor.doc.char_span(time.start, time.end, alignment_mode="expand")
    edges = _distance(span.root, anchor) if span is not None else 99
    return edges, min(abs(time.start - anchor.idx), abs(time.end - anchor.idx))


def pick_time(
    trigger: Trigger, times: Sequence[TimeExpression], skip: set[int]
) -> tuple[TimeExpression | None, bool]:
    """The time expression of the event's clause that depends most closely on its verb (fewest
    dependency edges, then nearest), else one of a governing clause (reported speech: the second
    value is then True, the time being the statement's)."""
    if not times:
        return None, False
    doc = trigger.anchor.doc
    head = clause_head(frame(trigger))
    for level in range(6):
        idx = clause_tokens(head, trigger.anchor) - skip
        if trigger.noun:
            idx |= {t.i for t in trigger.anchor.subtree}
        chars = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in idx]
        near = [t for t in times if any(s < t.end and t.start < e for s, e in chars)]
        if near:
            return min(near, key=lambda t: _rank(t, trigger.anchor)), level > 0
        if head.dep_ not in ("ccomp", "conj", "parataxis", "xcomp") or head.head.i == head.i:
            return None, False
        head = clause_head(head.head)
    return None, False


def dated(
    event: dict[str, Any],
    time: TimeExpression | None,
    published: dt.date | None,
    days: int,
) -> None:
    """Set the date fields of ``event`` (and background, for a date well before publication);
    the publication date only for a present act (neither background, hypothetical nor negated)."""
    if time is not None:
        if time.date is None and time.earliest is None and time.latest is None:
            return
        event.update(date=time.date, date_earliest=time.earliest or time.date)
        event.update(date_latest=time.latest or time.date, date_basis="expression")
        last = time.latest or time.date
        if published is not None and last is not None and (published - last).days > days:
            event["background"] = True
        return
    if published is not None and not (
        event["background"] or event["hypothetical"] or event["negated"]
    ):
        event.update(date=published, date_earliest=published, date_latest=published)
        event["date_basis"] = "published"
