"""Code PLOVER events from spaCy parses and resolved actor mentions.

``code_events`` reads one parsed article body and returns its events. Decisions:

- Triggers: multiword phrasings of the lexicon first (the event verb is the first verb of the
  match; verbs inside a match code nothing else), then verb lemmas, then event nouns owned by an
  actor ("Russia's invasion", background) or framing a clause ("In a phone call with Putin, Xi
  said": the clause's subject is the source).
- Source: the agent (subject, a passive's "by" phrase, or the subject inherited through xcomp and
  coordination); target: the passive subject, else the nearest actor among the objects and
  target prepositions. Coordinated subjects give one event per conjunct; for symmetric types
  (CONSULT, AGREE, COOPERATE) without another target, "X and Y met" gives one event X -> Y.
  An event with neither a source nor a target actor is dropped.
- "refused to condemn" is REJECT, "threatened to impose sanctions" THREATEN and "urged X to
  condemn" DEMAND (X the target): the governing verb codes the event, the inner verb nothing.
- Flags: negated (a negation on the verb or its governors, "failed to"), hypothetical (a modal
  such as could/would/will, "plans to", an if/unless clause), background (since/after/following
  clauses, the past perfect, "last month"-like phrases, nouns owned by an actor, or an expression
  date more than ``background_days`` before publication). Pledges ("vowed to deepen cooperation",
  "is willing to act as a mediator") are the act of pledging: neither hypothetical nor future.
  Offers to mediate are COOPERATE.
- Date: the time expression of the event's clause closest to the verb (then of the governing
  clauses, for reported speech), basis "expression"; else the publication date for a present or
  past act that is neither background, hypothetical nor negated (basis "published"); else none.
- claimed_by: the subject of the nearest reporting verb whose complement holds the event, else
  the object of "according to".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslens.events.coder_lexicon import Lexicon, load_lexicon, match_phrases
from newslens.events.coder_syntax import (
    actors_of,
    clause_head,
    clause_tokens,
    governors,
    location_of,
    speaker_of,
    subjects_of,
    targets_of,
)
from newslens.records import Actor, Event, Evidence, Mention, TimeExpression

__all__ = ["Lexicon", "code_events", "event_id", "load_lexicon"]

Token = Any
ABSORBING = frozenset({"REJECT", "THREATEN", "DEMAND"})
PAST_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})


@dataclass(frozen=True)
class _Trigger:
    anchor: Token
    type: str
    verb: str
    noun: bool = False


def event_id(
    article_id: str, sentence_index: int, kind: str, source: str | None, target: str | None
) -> str:
    """A stable event id from the article, sentence, type and actors."""
    key = "\x1f".join([article_id, str(sentence_index), kind, source or "", target or ""])
    return "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:14]


def _actor_index(doc: Any, mentions: Sequence[Mention]) -> dict[int, str]:
    index: dict[int, str] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, mention.actor_id)
    return index


def _triggers(sent: Any, lexicon: Lexicon) -> list[_Trigger]:
    tokens = list(sent)
    out: list[_Trigger] = []
    covered: set[int] = set()
    for match in match_phrases(lexicon, tokens):
        hit = [tokens[i] for i in match.tokens]
        verbs = [t for t in hit if t.pos_ in ("VERB", "AUX")]
        anchor = verbs[0] if verbs else hit[-1]
        out.append(_Trigger(anchor, match.type, match.phrase, noun=not verbs))
        covered.update(range(tokens[match.tokens[0]].i, tokens[match.tokens[-1]].i + 1))
    for tok in tokens:
        if tok.i in covered:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lexicon.verbs:
            out.append(_Trigger(tok, lexicon.verbs[lemma], lemma))
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in lexicon.nouns:
            out.append(_Trigger(tok, lexicon.nouns[lemma], lemma, noun=True))
    return sorted(out, key=lambda t: t.anchor.i)


def _absorbed(trigger: _Trigger, anchors: Mapping[int, str]) -> bool:
    """Whether a governing verb codes this event instead (refused to / threatened to / urged to)."""
    node = trigger.anchor
    while node.dep_ in ("xcomp", "pcomp", "pobj", "prep", "conj", "acl") and node.head.i != node.i:
        if node.dep_ == "conj":
            return False
        node = node.head
        if anchors.get(node.i) in ABSORBING:
            return True
    return False


def _retype(trigger: _Trigger, lexicon: Lexicon) -> str:
    for node in list(governors(trigger.anchor))[1:]:
        lemma = node.lemma_.lower()
        if lemma in lexicon.cues.refusal:
            return "REJECT"
        if lemma in lexicon.cues.threat:
            return "THREATEN"
    return trigger.type


def _flags(trigger: _Trigger, lexicon: Lexicon) -> tuple[bool, bool, bool]:
    """(negated, hypothetical, background) from the verb, its governors and its clause."""
    cues = lexicon.cues
    negated = hypothetical = background = False
    chain = list(governors(_frame(trigger)))
    for node in chain:
        lemma = node.lemma_.lower()
        if node.i != trigger.anchor.i and lemma in cues.negating_governors:
            negated = True
        if node.i != trigger.anchor.i and lemma in cues.hypothetical_governors:
            hypothetical = True
        if node.dep_ == "prep" and lemma in cues.background_marks:
            background = True
        kids = list(node.children)
        if any(c.dep_ == "neg" and c.lower_ in cues.negation for c in kids):
            negated = True
        if any(c.dep_ == "aux" and c.lower_ in cues.modal for c in kids):
            hypothetical = True
        if node.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in kids):
            background = True
    head = chain[-1]
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if head.dep_ == "advcl" and marks & cues.conditional:
        hypothetical = True
    if head.dep_ in ("advcl", "pcomp", "pobj") and marks & cues.background_marks:
        background = True
    if head.dep_ == "pcomp" and head.head.lower_ in cues.background_marks:
        background = True
    if trigger.noun and not _framing(trigger.anchor):
        background = True  # "Russia's invasion": a nominalised, earlier act
    return negated, hypothetical, background


def _framing(noun: Token) -> bool:
    """Whether an event noun frames its clause: "In a phone call with Putin, Xi said"."""
    return bool(
        noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("in", "during")
    )


def _frame(trigger: _Trigger) -> Token:
    """Where a noun's clause starts: "the invasion began" -> began; else the anchor itself."""
    anchor = trigger.anchor
    if trigger.noun and anchor.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return anchor.head
    return anchor


def _pick_time(
    trigger: _Trigger, times: Sequence[TimeExpression], allow_up: bool, skip: set[int]
) -> TimeExpression | None:
    if not times:
        return None
    doc = trigger.anchor.doc
    head = clause_head(_frame(trigger))
    for _ in range(6):
        idx = clause_tokens(head, trigger.anchor) - skip
        if trigger.noun:
            idx |= {t.i for t in trigger.anchor.subtree}
        chars = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in idx]
        near = [t for t in times if any(s < t.end and t.start < e for s, e in chars)]
        if near:
            at = trigger.anchor.idx
            return min(near, key=lambda t: min(abs(t.start - at), abs(t.end - at)))
        if (
            not allow_up
            or head.dep_ not in ("ccomp", "conj", "parataxis", "xcomp")
            or head.head.i == head.i
        ):
            return None
        head = clause_head(head.head)
    return None


def _dated(
    event: dict[str, Any], time: TimeExpression | None, published: dt.date | None, days: int
) -> None:
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


def _pairs(
    kind: str, sources: list[str], targets: list[str], lexicon: Lexicon
) -> Iterable[tuple[str | None, str | None]]:
    if kind in lexicon.symmetric and len(sources) > 1:
        for i, source in enumerate(sources):
            for target in sources[i + 1 :]:
                yield source, target
        return
    none: list[str | None] = [None]
    for agent in [*sources] or none:
        for patient in [*targets] or none:
            if agent is not None or patient is not None:
                yield agent, patient


def code_events(
    article_id: str,
    doc: Any,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
    published: dt.date | None,
    outlet: str | None,
    lexicon: Lexicon,
    actors: Sequence[Actor] = (),
) -> list[Event]:
    """The PLOVER events of one parsed article body (see the module docstring for the rules).

    ``mentions`` and ``times`` are those of the same body (character offsets into ``doc.text``);
    ``actors``, when given, lets "his country" stand for the speaker's country."""
    actor_at = _actor_index(doc, mentions)
    countries = {a.id: f"state:{a.country}" for a in actors if a.country}
    countries.update({a.id: a.id for a in actors if a.id.startswith("state:")})
    events: dict[str, Event] = {}
    for index, sent in enumerate(doc.sents):
        triggers = _triggers(sent, lexicon)
        anchors = {t.anchor.i: t.type for t in triggers}
        sent_times = [t for t in times if t.sentence_index == index]
        for trigger in triggers:
            if _absorbed(trigger, anchors):
                continue
            for event in _code(
                article_id,
                index,
                sent,
                trigger,
                actor_at,
                countries,
                sent_times,
                published,
                outlet,
                lexicon,
            ):
                events.setdefault(event.id, event)
    return list(events.values())


def _code(
    article_id: str,
    index: int,
    sent: Any,
    trigger: _Trigger,
    actor_at: Mapping[int, str],
    countries: Mapping[str, str],
    times: Sequence[TimeExpression],
    published: dt.date | None,
    outlet: str | None,
    lexicon: Lexicon,
) -> list[Event]:
    anchor = trigger.anchor
    kind = _retype(trigger, lexicon)
    speaker = speaker_of(anchor, actor_at, lexicon.cues)
    country = countries.get(speaker) if speaker else None
    if trigger.noun:
        sources = _noun_sources(trigger, actor_at, country)
    else:
        sources, _ = subjects_of(anchor, actor_at, country)
    targets = targets_of(
        anchor, actor_at, lexicon.cues, sources, kind in lexicon.in_target, deep=kind != "DEMAND"
    )
    negated, hypothetical, background = _flags(trigger, lexicon)
    text = sent.text
    if any(p in text.lower() for p in lexicon.cues.background_phrases):
        background = True
    skip = {
        t.i
        for tok in sent
        if tok.i != anchor.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.nouns
        for t in tok.subtree
    }
    time = _pick_time(trigger, times, allow_up=True, skip=skip - {anchor.i})
    base: dict[str, Any] = {
        "negated": negated,
        "hypothetical": hypothetical,
        "background": background,
        "date_basis": "none",
    }
    _dated(base, time, published, lexicon.cues.background_days)
    location = location_of(_frame(trigger), lexicon.cues)
    evidence = (Evidence(article_id, index, text, outlet),)
    out = []
    for source, target in _pairs(kind, sources, targets, lexicon):
        out.append(
            Event(
                id=event_id(article_id, index, kind, source, target),
                type=kind,
                source=source,
                target=target,
                evidence=evidence,
                claimed_by=speaker,
                location=location,
                verb=trigger.verb,
                **base,
            )
        )
    return out


def _noun_sources(trigger: _Trigger, actor_at: Mapping[int, str], country: str | None) -> list[str]:
    """The owner of an event noun ("Russia's invasion"), else the subject of the clause it
    frames."""
    anchor = trigger.anchor
    owners = [
        a
        for c in anchor.children
        if c.dep_ in ("poss", "amod", "compound")
        for a in actors_of(c, actor_at, country)
    ]
    if owners:
        return owners
    if _framing(anchor):
        found, _ = subjects_of(anchor.head.head, actor_at, country)
        return found
    return []
