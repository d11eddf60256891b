"""Word senses and agents the event coder must not take at face value.

- A verb's non-event senses: "met the demand", "a visit sanctioned by the Kremlin", "fired his
  chief of staff", "would supply half of Germany's gas", "pressed ahead with" (``[senses]`` in
  the lexicon: verb -> object lemmas or particles), "bonds rallied" (``[subject_senses]``: verb
  -> subject lemmas, any of the subject's conjuncts); an event noun's other type by its
  preposition, "a call by Johnson for mercy" demands (``[noun_senses]``); "seized the capital"
  takes ground (ASSAULT, ``[cues] territorial``), "seized the tanker" coerces.
- Verbal attacks: a person who "attacked" a rival or a policy disapproves of it; ASSAULT needs a
  military word as the object or instrument, a place or country as the object ("Putin's attack
  on the nation of Ukraine"), or an agent that is not a person; and a verb of criticism used of
  force with a military subject assaults ("rockets slammed into Vinnytsia"); a weapon or an
  armed force that "hit" or "destroyed" something attacked it, target actor or not.
- Speech that borrows an act's words: "insisted that the offensive was necessary" asserts, it
  demands only with a bare or obligating clause ("insisted that Ukraine withdraw", "… must
  leave"; ``[cues] assertion_senses``); "shot back that …" retorts (a verb of force with a
  clause it reports is speech); "declined to comment", "declined to give details" reject nothing
  (``[cues] no_comment``).
- "I" and "we" inside a quote are its speaker (and the speaker's country for "we"); any other
  pronoun subject left unresolved leaves the event without its agent, so it is not coded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newslens.events.coder_frames import asked_clause
from newslens.events.coder_lexicon import Lexicon

__all__ = ["armed_subject", "first_person_source", "sense_type", "unresolved_subject"]

Token = Any
PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "this", "that"})
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
REFLEXIVES = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"}
)


def _patients(anchor: Token) -> list[Token]:
    """The things a verb acts on: objects, a passive subject, or the noun a participle modifies,
    with such a patient's conjuncts and apposition ("Vask, his aide") and the noun of its "of"
    ("half of Germany's gas"); and the verb's particles ("pressed ahead")."""
    out = [c for c in anchor.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if anchor.dep_ in ("acl", "amod") and anchor.tag_ == "VBN":
        out.append(anchor.head)
    if anchor.dep_ == "relcl" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in anchor.children
    ):
        out.append(anchor.head)  # "Crimea, which it seized in 2014"
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children):  # "was met with fire"
        out += [g for c in anchor.children if c.lower_ == "with" for g in c.children]
    out += [
        c
        for patient in out
        for c in (*patient.conjuncts, *(a for a in patient.children if a.dep_ == "appos"))
    ]
    out += [
        pobj
        for patient in out
        for of in patient.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for pobj in of.children
        if pobj.dep_ == "pobj"
    ]
    return out + [c for c in anchor.children if c.dep_ in ("prt", "advmod")]


def sense_type(
    anchor: Token, verb: str, kind: str, source: str | None, lexicon: Lexicon
) -> str | None:
    """The type ``anchor`` really codes: ``kind``, another type, or None for no event."""
    lemma = anchor.lemma_.lower()
    if anchor.pos_ in ("NOUN", "PROPN") and lemma in lexicon.noun_senses:
        by_prep = lexicon.noun_senses[lemma]
        preps = [c.lower_ for c in anchor.children if c.dep_ == "prep" and c.lower_ in by_prep]
        if preps:
            return by_prep[preps[0]]  # "a call by Johnson for mercy": a demand, not a phone call
    patients = _patients(anchor)
    wrong = lexicon.not_objects.get(lemma, frozenset())
    if wrong and any(p.lemma_.lower() in wrong for p in patients):
        return None
    if lemma in lexicon.cues.person_object_senses and any(
        p.ent_type_ == "PERSON" or p.lower_ in PERSON_PRONOUNS for p in patients
    ):
        return None  # "the president fired Bolton", "by the time he was fired": dismissed
    if any(p.lower_ in REFLEXIVES for p in patients if p.dep_ in ("dobj", "obj")):
        return None  # "I don't blame myself", "defended itself": no act on another
    if lemma in lexicon.cues.intransitive and any(c.dep_ == "dobj" for c in anchor.children):
        return None  # "wielding social media to rally Ukrainians": no protest
    wrong = lexicon.not_subjects.get(lemma, frozenset())
    subject = _subject(anchor) if wrong else None
    if subject is not None and any(
        t.lemma_.lower() in wrong for t in (subject, *subject.conjuncts)
    ):
        return None
    if _said_not_done(anchor, verb, kind, lexicon):
        return None
    territorial = kind == "COERCE" and lemma in lexicon.cues.territorial
    if territorial and any(_place(p, lexicon) for p in patients):
        return "ASSAULT"  # "seized the capital": ground taken, as "occupied" is
    if kind == "ASSAULT" and lemma in lexicon.cues.verbal and _person(source):
        words = {t.lemma_.lower() for t in anchor.subtree} | {t.lower_ for t in anchor.subtree}
        if not words & lexicon.cues.military and not _on_ground(anchor, lexicon):
            return "DISAPPROVE"
    if kind == "DISAPPROVE" and lemma in lexicon.cues.literal_force:
        subject = _subject(anchor)
        if subject is not None and subject.lemma_.lower() in lexicon.cues.military:
            return "ASSAULT"  # "the Russian rockets slammed into Vinnytsia"
    return kind


def _on_ground(anchor: Token, lexicon: Lexicon) -> bool:
    """Whether an attack's object is a place or a country ("attack on the nation of Ukraine")."""
    objects = [c for c in anchor.children if c.dep_ in ("dobj", "obj")]
    objects += [g for c in anchor.children if c.lower_ in ("on", "against") for g in c.children]
    return any(_place(o, lexicon) for o in objects)


def _place(token: Token, lexicon: Lexicon) -> bool:
    """A place name or a word for ground ("the capital", "regions", "the nation")."""
    words = {token.lemma_.lower(), token.lower_}
    return token.ent_type_ in ("GPE", "LOC", "FAC") or not words.isdisjoint(
        lexicon.cues.territory_nouns
    )


def _said_not_done(anchor: Token, verb: str, kind: str, lexicon: Lexicon) -> bool:
    """Speech dressed as an act (see the module docstring)."""
    clauses = [c for c in anchor.children if c.dep_ == "ccomp"]
    if anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in lexicon.cues.assertion_senses:
        anchor, clauses = anchor.head, [anchor]  # the model's anchor inside what was asserted
    if kind == "DEMAND" and anchor.lemma_.lower() in lexicon.cues.assertion_senses and clauses:
        return not asked_clause(clauses[0], strict=True)  # "insisted that Kyiv withdraw" demands
    if kind == "ASSAULT" and clauses and any(c.lower_ == "that" for c in clauses[0].children):
        return True  # "Putin shot back that the statement challenged …"
    if kind == "REJECT" and anchor.lemma_.lower() in lexicon.cues.refusal:
        acts = [c for c in anchor.children if c.dep_ == "xcomp"]
        said = [g for a in acts[:1] for g in (a, *a.children) if g.dep_ in ("xcomp", "dobj")]
        return any(g.lemma_.lower() in lexicon.cues.no_comment for g in said)  # "to give details"
    return False


def _person(actor: str | None) -> bool:
    return bool(actor and actor.startswith("person:"))


def armed_subject(anchor: Token, lexicon: Lexicon) -> bool:
    """Whether the verb's subject is a weapon or an armed force ("Russian missiles hit an
    energy facility", "drones destroyed a depot"): a verb that codes only with a target actor
    (``needs_target``) is then an attack on whatever it hit (``[cues] armed_agents``)."""
    subject = _subject(anchor)
    return subject is not None and any(
        t.lemma_.lower() in lexicon.cues.armed_agents or t.lower_ in lexicon.cues.armed_agents
        for t in (subject, *subject.conjuncts)
    )


def _subject(anchor: Token) -> Token | None:
    node = anchor
    for _ in range(6):
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return found if found.dep_ == "nsubj" else None
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def first_person_source(
    anchor: Token, speaker: str | None, countries: Mapping[str, str]
) -> str | None:
    """The agent of "we"/"I" in a claim: the speaker (or, for "we", a person's country)."""
    subject = _subject(anchor)
    if subject is None or speaker is None:
        return None
    if subject.lower_ == "i" and speaker.startswith("person:"):
        return speaker
    if subject.lower_ == "we":
        return countries.get(speaker) if speaker.startswith("person:") else speaker
    return None


def unresolved_subject(anchor: Token) -> bool:
    """Whether the verb's agent is a pronoun the resolver left alone."""
    subject = _subject(anchor)
    return subject is not None and subject.lower_ in PRONOUN_SUBJECTS
