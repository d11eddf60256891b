"""Dependency-parse helpers of the event coder: agents, targets, governing verbs, speakers, places.

All functions read spaCy tokens (typed ``Any``: spaCy ships no stubs) and an index from token
position to the actor mentioned there; none changes anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslens.events.coder_coref import ActorAt
from newslens.events.coder_lexicon import Cues

__all__ = [
    "CLAUSE_DEPS",
    "actors_of",
    "clause_head",
    "clause_tokens",
    "governed",
    "governors",
    "location_of",
    "speaker_of",
    "subjects_of",
    "targets_of",
]

Token = Any

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "csubj", "csubjpass"})
GOVERNED_DEPS = frozenset({"xcomp", "prep", "pcomp", "pobj", "acomp", "oprd"})
NP_PARTS = frozenset({"poss", "amod", "compound", "nmod", "appos"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd", "pobj", "xcomp", "conj", "appos"})
# "thousands of Georgians", "members of Congress": the noun's "of" names the actor
QUANTITY_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "million", "score", "ten", "crowd", "handful", "number",
     "member", "delegation", "representative", "contingent", "majority", "bulk", "remnant"}
)  # fmt: skip
# offices whose "of" phrase names the body and an apposition after it the holder: "the head of
# Russia's security council, Nikolai Patrushev," (the tagger hangs the name on "council")
OFFICE_NOUNS = frozenset(
    {"head", "chief", "leader", "director", "chairman", "chairwoman", "chair", "president",
     "secretary", "commander", "governor", "mayor", "speaker", "spokesman", "spokeswoman",
     "spokesperson", "minister", "ambassador", "envoy", "founder", "boss"}
)  # fmt: skip
# nouns for others as seen from their possessor: "Serbia's neighbours", "Russia's allies"
# and their kin: "Lavrov's daughter", "the son of a Conservative MP", "a Giuliani associate"
RELATIONAL_NOUNS = frozenset(
    {"neighbour", "neighbor", "ally", "enemy", "rival", "partner", "critic", "opponent",
     "adversary", "foe", "counterpart", "detractor", "associate", "backer", "supporter",
     "daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "child",
     "children", "family", "relative", "widow", "nephew", "niece", "cousin", "girlfriend",
     "boyfriend", "fiancee", "fiance", "parent", "grandson", "granddaughter"}
)  # fmt: skip
PROXY_PARTICIPLES = frozenset(
    {"back", "fund", "support", "ally", "link", "sponsor", "arm", "train", "inspire", "align",
     "supply", "make", "provide", "build", "donate", "give", "manufacture", "produce"}
)  # fmt: skip
OWN_NOUNS = frozenset({"country", "government", "nation", "state", "administration"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# nouns whose complement is an act of the clause's subject: "has no intention of meeting",
# "announced plans to visit", "made the decision to invade"
CONTROL_NOUNS = frozenset(
    {"intention", "intent", "plan", "decision", "bid", "effort", "attempt", "readiness",
     "willingness", "commitment", "pledge", "promise", "refusal", "threat", "desire", "ambition",
     "determination", "move", "offer", "proposal", "wish", "hope", "plot", "scheme"}
)  # fmt: skip


def governed(node: Token) -> bool:
    """Whether ``node`` completes the token above it inside one clause: an xcomp, a preposition
    and its object, or the complement of a control noun ("no intention of meeting")."""
    if node.head.i == node.i:
        return False
    if node.dep_ in GOVERNED_DEPS:
        return True
    if node.dep_ == "acl" and node.pos_ in ("VERB", "AUX"):
        return bool(node.head.lemma_.lower() in CONTROL_NOUNS)
    if node.dep_ in ("dobj", "attr", "nsubj") and node.pos_ == "NOUN":
        return bool(node.lemma_.lower() in CONTROL_NOUNS)
    return False


def actors_of(
    token: Token, actor_at: ActorAt, speaker_country: str | None = None, own_side: bool = True
) -> list[str]:
    """The actors a noun phrase headed by ``token`` names: its own mention, else mentions of its
    possessor, modifiers or apposition ("Russia's actions", "Russian negotiators"), an apposed
    name alone when there is one ("Russia's ally, Belarus," is Belarus); "his country"
    is the speaker's country when that is known. ``own_side=False`` leaves out possessors that
    are the agent's own side ("his country's support for Russia"), as targets must."""
    if token.i in actor_at:
        return list(actor_at[token.i])
    found: list[str] = []
    parts = [c for c in token.children if c.dep_ in NP_PARTS and (own_side or not _own_side(c))]
    if token.lemma_.lower() in RELATIONAL_NOUNS:  # "Serbia's neighbours" are not Serbia
        parts = [c for c in parts if c.dep_ not in ("poss", "compound")]
    if token.lemma_.lower() in OFFICE_NOUNS:  # the holder apposed to the office's body
        heads = [p for c in token.children if c.lower_ == "of" for p in c.children]
        held = [a for p in heads for c in p.children if c.dep_ == "appos"
                for a in actor_at.get(c.i, ()) if a.startswith("person:")]  # fmt: skip
        if held:
            return held
    named = [c for c in parts if c.dep_ == "appos" and c.i in actor_at]
    for child in named or parts:  # "Ukraine's president, Volodymyr Zelensky," is Zelensky
        for part in (child, *child.conjuncts):
            found += [a for a in actor_at.get(part.i, ()) if a not in found]
    if not found and token.lemma_.lower() in QUANTITY_NOUNS:  # "thousands of Georgians"
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    found += [a for a in actors_of(pobj, actor_at) if a not in found]
    for child in token.children if not found else ():
        if (
            child.dep_ == "amod"
            and child.pos_ in ("VERB", "ADJ")
            and child.lemma_.lower() not in PROXY_PARTICIPLES
        ):  # "a Greek-owned tanker", "a US-led coalition"; not "Iran-backed militias"
            for part in child.children:
                if part.dep_ in ("npadvmod", "compound", "amod", "nmod") and part.i < child.i:
                    found += [a for a in actor_at.get(part.i, ()) if a not in found]
    own = not found and token.lemma_.lower() in OWN_NOUNS
    possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    if speaker_country is not None and own and possessed:
        found.append(speaker_country)
    return found


def _with_conjuncts(token: Token) -> list[Token]:
    """``token`` and its conjuncts, less those negated ("Ukraine and not Russia was shelling")."""
    conjuncts = sorted(token.conjuncts, key=lambda t: t.i)
    return [token, *(c for c in conjuncts if not _negated_conjunct(c))]


def _negated_conjunct(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return bool(
        any(c.dep_ == "neg" for c in token.children)
        or (
            before is not None
            and before.lower_ == "not"
            and before.head.i in (token.i, token.head.i)
        )
    )


def subjects_of(
    verb: Token,
    actor_at: ActorAt,
    country: str | None = None,
    controlled_preps: frozenset[str] = frozenset(),
    commands: frozenset[str] = frozenset(),
) -> tuple[list[str], bool]:
    """The agents of ``verb`` (one per conjunct) and whether they came from a passive subject.

    A verb without its own subject takes the subject of the verb it complements or is coordinated
    with ("vowed to deepen", "refused ... and has not joined"); object control gives the governor's
    object ("expected Xi to visit"). A passive's agent is its "by" phrase; its subject is then the
    target (returned by :func:`targets_of`). A subject that names no actor gives its own "by"
    phrase's ("Strikes by Israeli jets killed twelve", "A report by Amnesty accused …"). Two
    misparses of the small model are mended: a passive's "by" hung on the noun of its
    preposition (:func:`_stray_agent`) and a main verb's subject taken for an apposition of an
    opening phrase (:func:`_stray_subject`). After ``controlled_preps`` ("criticised X for
    supporting Y") the governor's object is the gerund's agent even when it names no actor. A
    passive with neither subject nor "by" phrase ("before being deployed") names no agent: the
    subject it would borrow is its patient. An unnamed object of a verb of ``commands``
    ("Netanyahu ordered troops to pull back") acts for the commander: his is the agent."""
    node: Token = verb
    came_by = ""
    deps = {c.dep_ for c in verb.children}
    if "auxpass" in deps and not deps & {"nsubjpass", "agent"} and not _stray_agent(verb):
        return [], True  # "before being deployed", "expected to be freed": a patient, no agent
    for _ in range(12):
        for child in node.children:
            if child.dep_ == "agent":
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                return (
                    [a for p in pobj for t in _with_conjuncts(p) for a in actors_of(t, actor_at)],
                    True,
                )
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].dep_ == "nsubjpass" and came_by != "xcomp":
                stray = _stray_agent(node)  # "shot in the back by Russian soldiers", as parsed
                agents = [
                    a for p in stray for t in _with_conjuncts(p) for a in actors_of(t, actor_at)
                ]
                return agents, True  # (a raised subject is the agent: "X is expected to visit")
            first = subjects[0]
            if first.tag_ in ("WP", "WDT") and node.dep_ == "relcl":
                first = node.head  # "Putin, who invaded Ukraine": the noun the clause modifies
            found: list[str] = []
            for tok in _with_conjuncts(first):
                found += [a for a in actors_of(tok, actor_at, country) if a not in found]
            for other in subjects[1:] if not found else ():  # "Russia's ally Belarus", as parsed
                found += [a for a in actors_of(other, actor_at, country) if a not in found]
            for by in [c for c in first.children if c.lower_ == "by"] if not found else ():
                for pobj in (g for g in by.children if g.dep_ == "pobj"):  # "strikes by X killed"
                    found += [a for t in _with_conjuncts(pobj) for a in actors_of(t, actor_at)]
            return found, False
        if node.dep_ == "xcomp":
            objects = [c for c in node.head.children if c.dep_ in ("dobj", "obj")]
            if objects and node.head.lemma_.lower() not in ("promise", "vow", "pledge", "use"):
                controlled = actors_of(objects[0], actor_at, country)
                if controlled or node.head.lemma_.lower() not in commands:
                    return controlled, False
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ != "by":
            governor = node.head.head  # ("stealing its power by shutting": the subject's means)
            objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objects and objects[0].tag_ in ("WDT", "WP"):  # "the country that X accused of"
                objects = [o for o in [_relative_object(governor)] if o is not None]
            if not objects:  # "troops have been accused of bombing": the accused
                objects = [c for c in governor.children if c.dep_ == "nsubjpass"]
            controlled = actors_of(objects[0], actor_at, country) if objects else []
            if controlled:
                return controlled, False
            if objects and node.head.lower_ in controlled_preps:
                return [], False  # "criticised the host for supporting X": the host, unnamed
        if node.dep_ == "amod" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
            return actors_of(node.head, actor_at, country), False  # "invading Russian troops"
        if node.dep_ == "acl" and node.tag_ in ("VBG", "VBD", "VBZ") and not governed(node):
            # "officials refusing entry"; "Erdogan, whose country hosted the talks, called on"
            # (a finite verb the tagger hung on its subject)
            return actors_of(node.head, actor_at, country), False
        if node.head.i == node.i:  # "Ahead of the summit in X, Ukraine's president, Y, appealed"
            apposed = _stray_subject(node)
            return (actors_of(apposed, actor_at, country) if apposed is not None else []), False
        particle = node.dep_ in ("advmod", "prt") and node.head.pos_ in ("VERB", "AUX")
        if not (governed(node) or particle or node.dep_ in ("conj", "advcl")):
            return [], False  # (a particle: "held back from accusing")
        came_by = node.dep_
        node = node.head
    return [], False


def _stray_agent(verb: Token) -> list[Token]:
    """The "by" phrase of a passive the tagger hung on a noun of the verb's own preposition
    ("were shot in the back by Russian soldiers", "was killed in an attack by the rebels")."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for by in (c for c in pobj.children if c.lower_ == "by" and c.dep_ == "prep"):
                return [g for g in by.children if g.dep_ == "pobj"]
    return []


def _stray_subject(verb: Token) -> Token | None:
    """A finite main verb's subject the tagger took for an apposition of the phrase before it:
    the apposition, set off by commas, that ends right before the verb."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i < 2:
        return None
    comma = verb.doc[verb.i - 1]
    if comma.text != "," or comma.head.dep_ != "appos" or comma.head.head.dep_ != "pobj":
        return None
    return comma.head


def governors(anchor: Token) -> Iterator[Token]:
    """``anchor`` and the verbs and prepositions governing it inside its clause (xcomp, prep)."""
    node: Token = anchor
    yield node
    while governed(node):
        node = node.head
        yield node


def clause_head(anchor: Token) -> Token:
    """The verb heading the clause of ``anchor`` (the last of :func:`governors`)."""
    chain = list(governors(anchor))
    return chain[-1] if chain else anchor


def clause_tokens(head: Token, keep: Token) -> set[int]:
    """Indices of the tokens of ``head``'s clause, leaving out subordinate clauses that do not
    contain ``keep`` (so a since-clause's date does not date the main clause)."""
    path = {t.i for t in keep.ancestors} | {keep.i}
    out: set[int] = set()
    stack = [head]
    while stack:
        node = stack.pop()
        out.add(node.i)
        for child in node.children:
            if child.dep_ in CLAUSE_DEPS | {"conj"} and child.i not in path:
                continue
            stack.append(child)
    return out


def targets_of(
    anchor: Token,
    actor_at: ActorAt,
    cues: Cues,
    sources: list[str],
    with_in: bool,
    deep: bool = True,
    symmetric: bool = False,
) -> list[str]:
    """The target actors: a passive subject, else the first actor found breadth-first among the
    objects and target prepositions of ``anchor`` (and the verbs it governs by xcomp), with the
    conjuncts of that object ("blaming the US and NATO" gives both)."""
    relative = _relative_object(anchor)
    if relative is not None:  # "Ukraine, which Russia invaded in February"
        found = [a for a in actors_of(relative, actor_at, own_side=False) if a not in sources]
        if found:
            return found
    passive = [c for c in anchor.children if c.dep_ == "nsubjpass"]
    if not passive and anchor.dep_ == "acomp" and anchor.tag_ == "VBN":
        passive = [c for c in anchor.head.children if c.dep_ == "nsubj"]  # "X remains sanctioned"
    accusing = anchor.lemma_.lower() in cues.hypothetical_governors  # "a diplomat accused of"
    if not passive and not accusing and anchor.dep_ == "acl" and anchor.tag_ == "VBN":
        passive = [anchor.head]  # "Ukrainian children killed in the war", "an oligarch sanctioned"
    preps = cues.target_preps | ({"in"} if with_in else set())
    if symmetric:
        preps = preps - {"on"}  # "a meeting on Afghanistan": a topic, not a counterpart
    level = passive or [c for c in anchor.children if _object_edge(c, preps, deep)]
    seen: set[int] = set()
    for _ in range(6):
        for tok in sorted(level, key=lambda t: t.i):
            if _own_side(tok) or _standing_act(tok, cues) or _given(tok, cues):
                continue
            found = [
                a
                for t in _with_conjuncts(tok)
                for a in actors_of(t, actor_at, own_side=False)
                if a not in sources
            ]
            if found:
                return list(dict.fromkeys(found))
        nxt = []
        for tok in level:
            seen.add(tok.i)
            if _standing_act(tok, cues) or _given(tok, cues):
                continue
            nxt += [
                c
                for c in tok.children
                if c.i not in seen
                and _object_edge(c, preps, deep)
                and not (_kin_edge(c) and tok.lemma_.lower() in RELATIONAL_NOUNS)
            ]
        if not nxt:
            break
        level = nxt
    return []


def _given(token: Token, cues: Cues) -> bool:
    """With the support of X, X backs the act and is not its target (``[cues] with_nouns``)."""
    return token.head.lower_ == "with" and token.lemma_.lower() in cues.with_nouns


def _standing_act(token: Token, cues: Cues) -> bool:
    """A standing act the event happened in ("children killed in Russia's invasion"): its owner
    is that act's agent, never this one's victim."""
    return bool(
        token.dep_ == "pobj"
        and token.head.lower_ in ("in", "during")
        and token.lemma_.lower() in cues.standing_nouns
    )


def _kin_edge(child: Token) -> bool:
    """An edge from a relational noun to whom it is relative to: "X's", "of X", "X associate"."""
    return bool(
        child.dep_ in ("poss", "compound") or (child.dep_ == "prep" and child.lower_ == "of")
    )


def _relative_object(anchor: Token) -> Token | None:
    """The noun a relative clause modifies when the relative pronoun is the clause's object or
    passive subject ("Ukraine, which Russia invaded"; "the country that Moscow accused of ..."),
    through an apposition to the name it restates ("Ukraine - the country that ...")."""
    if anchor.dep_ != "relcl":
        return None
    pronoun = [
        c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP")
    ]
    if not pronoun:
        return None
    noun = anchor.head
    return noun.head if noun.dep_ == "appos" else noun


def _own_side(token: Token) -> bool:
    """A possessor that is the agent's own side ("reaffirmed his country's support for Russia"):
    never the target."""
    if token.dep_ != "poss":
        return False
    return token.pos_ == "PRON" or any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
    )


def _object_edge(child: Token, preps: frozenset[str] | set[str], deep: bool = True) -> bool:
    if child.dep_ == "prep" or child.dep_ == "agent":
        return child.dep_ == "prep" and child.lower_ in preps
    if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
        return False
    if child.dep_ == "xcomp" and not deep:
        return False
    return child.dep_ in OBJECT_DEPS or child.dep_ in NP_PARTS


def speaker_of(anchor: Token, actor_at: ActorAt, cues: Cues) -> str | None:
    """The actor who claims an event: the subject of the nearest reporting verb whose complement
    holds it ("X said (that) ...", quotes with "X said"), else the object of "according to"."""
    node: Token = anchor
    while node.head.i != node.i:
        parent = node.head
        for sib in parent.children:
            if (
                sib.dep_ in ("parataxis", "advcl")
                and sib.lemma_.lower() in cues.reporting
                and sib.i != node.i
            ):
                found, _ = subjects_of(sib, actor_at)
                if found:
                    return found[0]
        reported = node.dep_ in ("ccomp", "parataxis", "conj") and (
            parent.lemma_.lower() in cues.reporting
        )
        if reported and (node.dep_ != "conj" or parent.dep_ in ("ccomp",)):
            found, _ = subjects_of(parent, actor_at)
            if found:
                return found[0]
        node = parent
    for tok in anchor.sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            for pobj in tok.nbor(1).children:
                found = actors_of(pobj, actor_at)
                if found:
                    return found[0]
    return None


def location_of(anchor: Token, cues: Cues) -> str | None:
    """The place stated for an event ("in Beijing", "at the Kremlin"), else None."""
    nodes = list(governors(anchor))
    nodes += [c for c in anchor.children if c.dep_ in ("dobj", "obj")]
    for node in nodes:
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in cues.location_preps:
                continue
            for tok in prep.subtree:
                if tok.text in cues.location_words:
                    return str(tok.text)
                if tok.ent_type_ in PLACE_LABELS:
                    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
                    return str(ent.text)
    return None
