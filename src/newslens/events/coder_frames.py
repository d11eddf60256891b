"""The verbs around an event noun: who does the act a noun names, and who undergoes it.

- A support verb's object is the act itself ("launched an inquiry into X", "imposed a ban on
  X", "held talks with X"): the verb's subject is the noun's source, and the act is as current
  as the verb (not a nominalised earlier act); the lexicon's ``support_verbs``.
- A receiving verb's subject undergoes the act ("Moscow faced sanctions from Japan", "Kyiv
  received tanks from Denmark", "Argentina won the backing of the US", "came under fire from
  X"): the subject is the target, the "from"/"by" phrase (or the noun's "of" phrase) the source;
  the lexicon's ``receiving_verbs``. This holds for a verb the classifier anchored on too
  ("Ukraine received 30 tanks from Germany" coded AID).
- Coordinated acts of one subject share a target when one of them names none: "Britain summoned
  the Russian ambassador and demanded an apology" (the demand is of Russia), "Japan condemned and
  sanctioned Moscow" (both of Moscow). An act with its own subject ("Russia struck and Ukraine
  answered") or its own actor object keeps its own.
- An event noun's "from" phrase is its source, not its target ("the assistance from
  Washington", "an attack from Iran", "sanctions from Japan").
- A demand with no addressee is made of the subject of what it asks: "Russia demanded that
  Ukraine withdraw its troops" (of Ukraine), "called for Kestria to release them".
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from newslens.events.coder_coref import ActorAt
from newslens.events.coder_lexicon import Cues
from newslens.events.coder_syntax import actors_of, subjects_of, targets_of

Token = Any

GIVER_PREPS = ("from", "by")
CLAIMS = frozenset({"responsibility", "credit"})
AMOUNTS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})  # "tens of billions of dollars in aid"
# nouns of an amount of acts ("a package of sanctions"); "a target of Russian attacks" is not one
QUANTITIES = frozenset(
    {"package", "round", "wave", "series", "barrage", "string", "spate", "set", "batch", "raft",
     "slew", "flurry", "volley", "salvo", "number", "host", "list", "tranche", "programme",
     "program", "campaign", "dollar", "euro", "pound", "billion", "million", "ton", "tonne",
     "worth", "sum", "amount", "ten", "hundred", "thousand"}
)  # fmt: skip


def event_noun(anchor: Token, phrase: str = "") -> Token:
    """The noun of a noun trigger: a phrase's head noun when the anchor is its last word
    ("talks with" -> talks, "ban * imports" -> ban), a quantity's noun ("imposed a package of
    sanctions" -> package)."""
    words = {w for w in phrase.split() if w != "*"}
    node = anchor
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            break
        if node.pos_ == "ADP":
            node = head
        elif head.pos_ == "ADP" and head.head.lemma_.lower() in words and head.head.i != head.i:
            node = head.head
        elif head.lemma_.lower() in words and head.pos_ in ("NOUN", "PROPN"):
            node = head
        else:
            break
    for _ in range(6):  # "imposed a package of sanctions", "$5 billion in aid"
        head = node.head
        container = head.head
        if node.dep_ != "pobj" or head.lower_ not in ("of", "in") or head.i == container.i:
            break
        if container.lemma_.lower() not in QUANTITIES and container.ent_type_ not in AMOUNTS:
            break
        node = container
    return node


def governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or "under" phrase) the noun is ("opened talks", "came under fire")."""
    if noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head  # ("sanctions were imposed on X by Y")
    head = noun.head
    verbal = head.head.pos_ in ("VERB", "AUX")
    if noun.dep_ == "pobj" and head.lower_ in ("under", "on", "upon") and verbal:
        return head.head  # "came under fire", "agreed on sanctions"
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CLAIMS:
        return governing_verb(head.head)  # "claimed responsibility for the attack"
    return None


def support_verb(noun: Token, cues: Cues) -> Token | None:
    """The support verb of an event noun (see :func:`event_noun`), if it has one."""
    verb = governing_verb(noun)
    if verb is not None and verb.lemma_.lower() in cues.support_verbs:
        return verb
    return None


def received_roles(
    anchor: Token, noun: Token | None, cues: Cues, actor_at: ActorAt, loose: bool = False
) -> tuple[list[str], list[str]] | None:
    """(sources, targets) of an act its clause's subject received ("Moscow faced sanctions from
    Japan", "won the backing of the US"), or None when the act is not received or no actor is
    named. ``loose``: the classifier found the event on this verb, so a "with the support of X"
    phrase is that event ("Latvia declared independence with the support of Germany": Germany
    -> Latvia); for a lexicon verb the phrase is another act ("launched the offensive with the
    backing of the US" is still Ukraine's offensive)."""
    held = _held(anchor, cues) if loose and noun is None else None
    held = _held(noun, cues) if noun is not None else held
    receiver = receiving_verb(anchor, noun, cues) if held is None else _verb_of(held)
    if receiver is None:
        return None
    takers, _ = subjects_of(receiver, actor_at)
    given = givers(anchor, noun if held is None else held, receiver, actor_at)
    if not given and not takers:
        return None
    return given, [t for t in takers if t not in given]


def _held(node: Token, cues: Cues) -> Token | None:
    """The noun of a "with the support of X" phrase: the event noun itself, or a noun of
    ``[cues] with_nouns`` under the "with" of a verb (or of its object)."""
    if node.pos_ in ("NOUN", "PROPN"):
        nouns = [node]
    else:
        heads = [node, *(c for c in node.children if c.dep_ in ("dobj", "obj"))]
        withs = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"]
        nouns = [p for c in withs for p in c.children if p.lemma_.lower() in cues.with_nouns]
    for held in nouns:
        if held.dep_ != "pobj" or held.head.lower_ != "with" or held.head.head.i == held.head.i:
            continue
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in held.children)
        if of and _verb_of(held).pos_ in ("VERB", "AUX"):
            return held
    return None


def _verb_of(held: Token) -> Token:
    """The verb a "with" phrase hangs on, or on whose object ("declared independence with")."""
    head = held.head.head
    return head if head.pos_ in ("VERB", "AUX") else head.head


def receiving_verb(anchor: Token, noun: Token | None, cues: Cues) -> Token | None:
    """The receiving verb of an event: the anchor itself, or the verb governing its ``noun``
    (or the gerund the tagger took for a verb: "came under heavy shelling")."""
    if noun is None and anchor.lemma_.lower() in cues.receiving_verbs:
        return anchor
    verb = governing_verb(anchor if noun is None else noun)
    if verb is not None and verb.lemma_.lower() in cues.receiving_verbs:
        return verb
    return None


def givers(anchor: Token, noun: Token | None, verb: Token, actor_at: ActorAt) -> list[str]:
    """The actors of the "from"/"by" phrases of the noun or verb, else of the noun's "of", else
    the noun's named owner ("faced Japanese sanctions", "came under Russian fire")."""
    nouns = [anchor] if anchor.pos_ in ("NOUN", "PROPN") else []
    nouns += [noun] if noun is not None else []
    if not nouns:  # a verb the classifier anchored on: what it received ("received aid from X")
        ons = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"]  # "relied on"
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        nouns += [g for c in ons for g in c.children if g.dep_ == "pobj"]
    found: list[str] = []
    under = [p for c in verb.children if c.lower_ == "under" for p in c.children]
    for preps in (GIVER_PREPS, ("of",)):
        heads = nouns if preps == ("of",) else [*nouns, verb, *under]  # "came under fire from"
        for head in {t.i: t for t in heads}.values():
            for prep in head.children:
                if prep.dep_ not in ("prep", "agent") or prep.lower_ not in preps:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found += [a for a in actors_of(pobj, actor_at) if a not in found]
        if found:
            return found
    for head in {t.i: t for t in [*nouns, *under]}.values():  # "came under Russian fire"
        for owner in head.children:
            if owner.dep_ in ("amod", "compound", "poss") and owner.pos_ != "PRON":
                found += [a for a in actors_of(owner, actor_at) if a not in found]
    return found


def support_targets(verb: Token, actor_at: ActorAt, cues: Cues, sources: list[str]) -> list[str]:
    """Targets in the support verb's own prepositions ("sanctions were imposed on X by Y")."""
    found: list[str] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in cues.target_preps or prep.lower_ == "by":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for tok in (pobj, *pobj.conjuncts):
                found += [a for a in actors_of(tok, actor_at) if a not in found + sources]
    return found


def reciprocal(anchor: Token) -> bool:
    """Whether the act's object is "each other" or "one another" ("Russia and Ukraine accused
    each other of shelling the plant": each accuses the other)."""
    for child in anchor.children:
        nodes = [child, *(p for p in child.children if p.dep_ == "pobj")]
        for node in nodes:
            if node.lower_ in ("other", "another") and any(
                c.lower_ in ("each", "one") for c in node.children
            ):
                return True
    return False


def shared_targets(anchor: Token, actor_at: ActorAt, cues: Cues, sources: list[str]) -> list[str]:
    """The targets of the act coordinated with ``anchor`` when ``anchor`` names none (see the
    module docstring): the earlier verb's ("summoned X and demanded …"), else, for a verb with
    no object at all, the later verb's ("condemned and sanctioned X")."""
    if anchor.pos_ != "VERB":
        return []
    if anchor.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children):
        return []  # its own subject: its own act
    verbs = []
    if anchor.dep_ == "conj" and anchor.head.pos_ == "VERB" and anchor.head.i < anchor.i:
        verbs.append(anchor.head)
    if not any(c.dep_ in ("dobj", "prep") for c in anchor.children):
        verbs += [c for c in anchor.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for verb in verbs:
        found = targets_of(verb, actor_at, cues, sources, False, deep=False)
        if found:
            return found
    return []


def asked_clause(clause: Token, strict: bool = False) -> bool:
    """Whether a clause is what a demand asks for, not what its speaker asserts: bare
    ("demanded that Ukraine withdraw"; the tagger reads a plural's as present, "demanded that
    Finland and Sweden extradite", which ``strict`` refuses, as for "insisted that they are
    open") or obliging ("… must leave"); not "insisted that Ukraine would only use it", not
    "called on Y" misparsed as a clause of another verb."""
    auxes = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("must", "should") for a in auxes):
        return True
    bare = ("VB",) if strict else ("VB", "VBP")
    return clause.tag_ in bare and not [a for a in auxes if a != "to"]


def asked_party(anchor: Token, actor_at: ActorAt, sources: list[str]) -> list[str]:
    """Whom a demand with no addressee is made of: the subject of the clause it asks for."""
    clauses = [c for c in anchor.children if c.dep_ == "xcomp"]
    clauses += [c for c in anchor.children if c.dep_ == "ccomp" and asked_clause(c)]
    clauses += [
        g for c in anchor.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"
    ]
    for clause in clauses:
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = [a for a in actors_of(subject, actor_at) if a not in sources]
            if found:
                return found
    return []


def implied_actors(
    anchor: Token, noun: Token | None, kind: str, actor_at: ActorAt, cues: Cues,
    sources: list[str], targets: list[str],
) -> tuple[list[str], list[str]]:  # fmt: skip
    """Sources and targets the syntax of ``anchor`` alone leaves out or misplaces (the module
    docstring): a noun's "from" giver, a coordinated act's target, a demand's asked party, the
    owner of the troops one withdraws or deploys ("by withdrawing Russian troops": Russia's)."""
    if noun is not None and not sources:
        froms = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"]
        given = [a for f in froms for g in f.children if g.dep_ == "pobj"
                 for a in actors_of(g, actor_at)]  # fmt: skip
        if given:
            sources, targets = given, [t for t in targets if t not in given]
    if not targets and noun is None:  # "summoned X and demanded an apology"
        targets = shared_targets(anchor, actor_at, cues, sources)
    if not targets and kind == "DEMAND":  # "demanded that Ukraine withdraw"
        targets = asked_party(anchor, actor_at, sources)
    if not sources and kind.lower() in cues.own_force_types and noun is None:
        objects = [c for c in anchor.children if c.dep_ in ("dobj", "obj")]
        own = [a for o in objects for a in actors_of(o, actor_at)]  # "withdrawing Russian troops"
        if own:
            sources, targets = own, [t for t in targets if t not in own]
    return sources, targets


def mediators(sent: Any, actor_at: ActorAt, words: Collection[str]) -> set[str]:
    """The actors a sentence names as brokers of an agreement rather than its parties: the
    "by" phrase of a word of mediation (``[cues] mediation``: "a deal brokered by Turkey",
    "with mediation by the UN") and the name hyphened to it ("a UN-brokered deal")."""
    found: set[str] = set()
    for tok in sent:
        if tok.lemma_.lower() not in words and tok.lower_ not in words:
            continue
        for by in tok.children:
            if by.dep_ in ("agent", "prep") and by.lower_ == "by":
                found.update(a for t in by.subtree for a in actor_at.get(t.i, ()))
        if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":  # "UN-brokered"
            found.update(actor_at.get(tok.i - 2, ()))
    return found
