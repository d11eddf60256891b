"""Statements that news reports without a plain reporting verb.

- Judgment: "blasted the sanctions", "hailed the growing ties", "expressed his wish to …": the
  verb (``judge_verbs``) says what its subject said about its object, so the object (with its
  complements: "praised the deal as historic", "criticised Russia for the attack") is the
  statement, less its circumstances ("amid tensions": ``circumstance_preps``). Only a judgment
  made by a subject: not "did not condemn", "refused to criticise" (``unmade_governors``), nor
  one with no subject ("joined him in voicing criticism").
- Naming: "called the alliance a relic of the Cold War", "described the talks as useful",
  "labelled them terrorists": a naming verb (``naming_verbs``) with an object and what it is
  named; "called the meeting" (convened) names nothing and reports nothing.
- Claim nouns: "Chinese claims that Beijing is neutral", "reports that the envoy resigned",
  "the ministry's insistence that …": a noun of ``claim_nouns`` with a "that" clause. The speaker
  is the noun's possessor, nationality or "by" ("the ministry's", "Chinese", "a suggestion by
  the envoy that …"), or nobody ("reports that …" says no one in particular); the clause is
  not what the sentence's verb said ("responded to reports that …" does not make the
  responder say it).
- Inverted cue without a comma: "The envoy will visit Poland and Slovakia announced the
  ministry's spokesman Li Wei": the tagger reads the cue as a second verb of the clause with the
  speaker as its object; a cue with no subject of its own and no "and" before it, whose object
  is an actor, reports the clause before it."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from newslens.events.quotes_cues import QuoteCues

__all__ = ["claim_clause", "claim_owner", "inverted_report", "judged", "named"]

_THAT_HEADS = frozenset({"acl", "ccomp", "appos"})  # not relcl: "pledges … that they hope …"
_OWNER_DEPS = frozenset({"poss", "amod", "compound"})
_MEDIUM = frozenset({"in", "via", "through"})  # "said in a statement that …": the verb's words
_UNMADE_AUX = frozenset({"to", "should", "would", "could", "might", "may", "must", "can"})


def _judged_words(parts: list[Any], cues: QuoteCues) -> set[int]:
    words = {t.i for p in parts for t in p.subtree}
    for part in parts:
        for t in part.subtree:
            if t.dep_ == "advcl" or (t.dep_ == "prep" and t.lower_ in cues.circumstance_preps):
                words -= {w.i for w in t.subtree}
    return words


def _offsets(doc: Any, tokens: Collection[int]) -> tuple[int, int] | None:
    words = sorted(i for i in tokens if not doc[i].is_space)
    if not words:
        return None
    first, last = doc[words[0]], doc[words[-1]]
    while first.i < last.i and (first.dep_ == "mark" or first.lower_ in ("as", "that")):
        first = doc[first.i + 1]
    while last.i > first.i and ((last.is_punct and not last.is_quote) or last.dep_ == "cc"):
        last = doc[last.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    return (start, end) if end > start else None


def _made(tok: Any, cues: QuoteCues) -> bool:
    """Was the judgment made? Not "did not condemn", "refused to criticise", "a chance to
    condemn", "should denounce" (an infinitive or a modal is one not made, or not yet)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _UNMADE_AUX for c in tok.children):
        return False
    return not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in cues.unmade_governors)


def judged(doc: Any, tok: Any, cues: QuoteCues) -> tuple[int, int] | None:
    """Character offsets of what a verb of judgment judges (its object and complements)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues.judge_verbs or not _made(tok, cues):
        return None
    after = [c for c in tok.children if c.i > tok.i]
    objects = [c for c in after if c.dep_ in ("dobj", "xcomp")]
    if not objects or any(c.dep_ == "prt" for c in after):  # "blasted off"
        return None
    if objects[0].lower_.endswith(("self", "selves")):  # "it expressed itself in …"
        return None
    parts = objects + [c for c in after if c.dep_ in ("oprd", "ccomp") or c.lower_ == "as"]
    parts += [c for c in after if c.lower_ == "for" and not _dated(c)]  # not "for a decade"
    return _offsets(doc, _judged_words(parts, cues))


def named(doc: Any, tok: Any, cues: QuoteCues) -> tuple[int, int] | None:
    """Character offsets of "X Y" when ``tok`` names its object X as Y ("called X a relic")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues.naming_verbs or not _made(tok, cues):
        return None
    after = [c for c in tok.children if c.i > tok.i]
    objects = [c for c in after if c.dep_ == "dobj"]
    names = [c for c in after if c.dep_ == "oprd" or c.lower_ == "as"]
    names += [c for c in after if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "ADJ")]
    if not objects or not names:
        return None
    return _offsets(doc, _judged_words(objects + names, cues))


def claim_clause(noun: Any, claim_nouns: Collection[str], cue_lemmas: Collection[str]) -> Any:
    """The head of the "that" clause a claim noun states, or None. The tagger often hangs the
    clause on the noun's verb ("undermines claims … that X"); it is the noun's when that verb is
    not itself a reporting verb. A claim is the medium of a reporting verb in "said in a
    statement that X" (the verb's words), the thing answered in "responded to reports that X"
    (the reports' words)."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() not in claim_nouns:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    medium = noun.dep_ == "pobj" and noun.head.lower_ in _MEDIUM
    if medium and verb.lemma_.lower() in cue_lemmas:  # "said in a statement that …"
        return None
    for child in noun.children:
        if child.dep_ in _THAT_HEADS and _has_that(child):
            return child
    if noun.dep_ in ("dobj", "pobj"):
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > noun.i and _has_that(child):
                return child
    return None


def _dated(prep: Any) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _has_that(clause: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def claim_owner(noun: Any) -> Any | None:
    """The token naming who made a claim: its possessor, nationality or compound modifier."""
    owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS and c.i < noun.i]
    owners = [c for c in owners if c.pos_ in ("PROPN", "NOUN", "ADJ", "PRON")]
    owners = [c for c in owners if c.dep_ != "compound" or c.pos_ == "PROPN"]  # "policy argument"
    by = [g for c in noun.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    return (owners or by or [None])[0]  # "a suggestion by the secretary-general that …"


def inverted_report(tok: Any, cue_lemmas: Collection[str]) -> tuple[Any, Any] | None:
    """(speaker token, reported clause head) for a cue the tagger read as a second verb of the
    clause before it ("… Slovenia announced the ministry's spokesman Li Wei"), else None."""
    if tok.lemma_.lower() not in cue_lemmas or tok.dep_ != "conj" or tok.head.i >= tok.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp", "mark") for c in tok.children):
        return None
    before = tok.nbor(-1) if tok.i > 0 else None
    if before is None or before.lower_ in ("and", "or", "but", ",", ";") or before.dep_ == "cc":
        return None
    if any(c.dep_ == "cc" for c in tok.head.children):  # "visited X and announced Y"
        return None
    objects = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if not objects or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children):
        return None
    return objects[0], tok.head
