"""Who did the act an event noun names: its owner, its "by" phrase, or the subject of the verb
that carries it.

"Russia's invasion", "his meeting with Putin" (the owner, or the owner of a phrase's last noun:
"the launch of Russia's military operation"); "the attack by Kestria" and "the annexation of
Crimea by Russia" (a "by" phrase, also one the tagger hung on the noun of the event's "of");
"launched an inquiry" (the subject of a support verb); "In a phone call with Putin, Xi said"
(the subject of the clause the noun frames).
"""

from __future__ import annotations

from typing import Any

from newslens.events.coder_coref import ActorAt
from newslens.events.coder_flags import Trigger, framing
from newslens.events.coder_frames import event_noun, support_verb
from newslens.events.coder_lexicon import Cues
from newslens.events.coder_syntax import actors_of, subjects_of

__all__ = ["by_phrase", "noun_sources"]

Token = Any


def noun_sources(trigger: Trigger, actor_at: ActorAt, country: str | None, cues: Cues) -> list[str]:
    """The owner of an event noun ("Russia's invasion", "his meeting with Putin"), else the
    subject of its support verb ("launched an inquiry") or of the clause it frames."""
    anchor = event_noun(trigger.anchor, trigger.verb)
    nouns = [anchor]
    last = trigger.anchor
    if last.i != anchor.i and last.head.lower_ == "of":  # "the launch of Russia's operation";
        nouns.append(last)  # not "a ban on Russian imports", whose owner is the target
    owners = [
        a
        for noun in nouns
        for c in noun.children
        if c.dep_ in ("poss", "amod", "compound")
        for a in actors_of(c, actor_at, country)
    ]
    if owners:
        return owners
    agents = by_phrase(anchor, actor_at, country)  # "the attack by Kestria"
    if agents:
        return agents
    verb = support_verb(anchor, cues)
    if verb is not None:
        found, _ = subjects_of(verb, actor_at, country)
        return found
    if framing(anchor):
        found, _ = subjects_of(anchor.head.head, actor_at, country)
        return found
    return []


def by_phrase(anchor: Token, actor_at: ActorAt, country: str | None) -> list[str]:
    """The actors of the "by" phrase of an event noun or a subjectless gerund, of one the
    tagger hung on the noun of its "of" ("the annexation of Ukrainian territory by Russia"), or
    of the noun's participle ("sanctions imposed by Western nations")."""
    heads = [anchor] + [
        p
        for of in anchor.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for p in of.children
        if p.dep_ == "pobj"
    ]
    heads += [c for c in anchor.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "imposed by"
    return [
        a
        for head in heads
        for c in head.children
        if c.dep_ in ("prep", "agent") and c.lower_ == "by"
        for p in c.children
        if p.dep_ == "pobj"
        for a in actors_of(p, actor_at, country)
    ]
