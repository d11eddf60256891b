"""Which actors the tokens of an article stand for: mentions, pronouns and "the two leaders".

The language stage resolves names, titles and metonyms but leaves pronouns alone; the event coder
needs the agent of "He praised Shoigu" and of "The two leaders agreed to deepen cooperation". This
is a small salience-based resolver, deliberately cautious (a wrong agent costs more than a
missing one):

- "he/him/his/she/her" -> a person mentioned earlier in the same sentence or the two before,
  preferring subjects, then the most recent; never the subject of the pronoun's own verb ("Putin
  praised him"). "his country/government" is then that person's country.
- "it/its" -> a state or organisation that was the subject of the same or the previous sentence,
  never one named in the subject pronoun's own clause ("Russia cut gas to Bulgaria after it
  rejected Moscow's demand": not Russia).
- "they/them/their" -> only a plural antecedent: two coordinated actors ("Xi and Putin met ...
  They agreed") or a group phrase resolved before.
- "the two leaders", "both sides", "the pair" -> the two most recent distinct actors of the
  fitting kind (persons for leaders, states for countries, any for sides).
- a bare "the ministry", "the military", "the army" -> the one body of that kind named in the
  sentence or the few before ("the Russian Defence Ministry said ... the ministry said"); none
  when two such bodies were named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslens.records import Actor, Mention, Reference

__all__ = ["ActorAt", "reference_index", "resolve_references"]

Token = Any
ActorAt = Mapping[int, tuple[str, ...]]  # token index -> the actor(s) it stands for

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OWN_NOUNS = frozenset({"country", "government", "nation", "administration"})
GROUP_NOUNS = {
    "leader": "person", "president": "person", "man": "person", "woman": "person",
    "minister": "person", "pair": "person", "counterpart": "person", "head": "person",
    "country": "state", "nation": "state", "government": "state", "neighbour": "state",
    "neighbor": "state", "capital": "state", "state": "state", "side": "any", "ally": "any",
    "party": "any",
}  # fmt: skip
LOOKBACK = 2  # sentences before the pronoun's own
GROUP_LOOKBACK = 8  # "the two leaders" may name a pair introduced paragraphs before
# A group noun naming persons by office picks only persons whose roles hold one of these words.
GROUP_ROLES = {
    "leader": ("president", "leader", "premier", "prime minister", "chancellor", "king",
               "general secretary", "chairman", "head of state"),
    "president": ("president",),
    "head": ("president", "leader", "premier", "prime minister", "chancellor", "king",
             "general secretary", "chairman", "head of state"),
    "minister": ("minister",),
}  # fmt: skip
# a bare "the <noun>" -> the fragment of the organisation ids it may stand for
DEFINITE_BODIES = {
    "ministry": "-ministry", "military": "-armed-forces", "army": "-armed-forces",
    "navy": "-navy", "parliament": "-parliament", "police": "-police",
}  # fmt: skip
BODY_LOOKBACK = 3
ORDINALS = {"latter": 0, "former": 1}  # "the latter": the most recent of the two persons


@dataclass(frozen=True)
class _Seen:
    """An actor mention as the resolver sees it: where, what, and whether it was a subject."""

    sentence: int
    token: int  # the mention's head token
    actors: tuple[str, ...]
    subject: bool
    kind: str  # person | state | organisation | group
    origin: tuple[Mention, ...] = ()  # the named mentions this one traces back to


def _kind(actor_id: str, kinds: Mapping[str, str]) -> str:
    return kinds.get(actor_id) or actor_id.split(":", 1)[0]


def _is_subject(token: Token) -> bool:
    node = token
    while node.dep_ in ("compound", "appos", "conj", "flat") and node.head.i != node.i:
        node = node.head
    return bool(node.dep_ in SUBJECTS)


def _group(token: Token) -> bool:
    """Whether ``token`` heads "the two leaders", "both sides" or "the pair"."""
    lemma = token.lemma_.lower()
    if lemma not in GROUP_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
        return False
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "quantmod")}
    if lemma == "pair":
        return "the" in words
    return token.tag_ in ("NNS", "NNPS") and bool(words & {"two", "both"})


def _persons(found: _Seen, kinds: Mapping[str, str]) -> bool:
    return len(found.actors) == 2 and all(_kind(a, kinds) == "person" for a in found.actors)


def _bare_two(token: Token) -> bool:
    """ "... met Xi, and the two signed a statement": "the two" standing alone for two persons."""
    return bool(
        token.lower_ == "two"
        and token.dep_ in SUBJECTS
        and token.i > 0
        and token.nbor(-1).lower_ == "the"
    )


def _clause_pair(
    token: Token, sentence: int, heads: Mapping[int, Mention], kinds: Mapping[str, str]
) -> _Seen | None:
    """ "In their February conversation, Xi had informed Putin": a "their" with no plural
    antecedent stands for the two actors of one kind that are the subject and the object (or
    the "with" counterpart) of one verb of its sentence."""
    for verb in token.sent:
        if verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in heads]
        direct = [c for c in verb.children if c.dep_ == "dobj"]
        objects = [c for c in direct if c.i in heads]
        objects += [p for c in direct for p in c.children if p.dep_ == "poss" and p.i in heads]
        objects += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children
            if p.dep_ == "pobj" and p.i in heads
        ]
        if not subjects or not objects:
            continue
        first, second = heads[subjects[0].i], heads[objects[0].i]
        same = _kind(first.actor_id, kinds) == _kind(second.actor_id, kinds)
        if first.actor_id != second.actor_id and same:
            pair = (first.actor_id, second.actor_id)
            return _Seen(sentence, token.i, pair, False, "group", (first, second))
    return None


def _pick(candidates: list[_Seen], prefer_subject: bool) -> _Seen | None:
    if not candidates:
        return None
    if prefer_subject:
        subjects = [c for c in candidates if c.subject]
        if subjects:
            return max(subjects, key=lambda c: (c.sentence, c.token))
    return max(candidates, key=lambda c: (c.sentence, c.token))


def _clause_subject(token: Token) -> Token | None:
    """The subject of the verb a pronoun depends on ("Putin praised him" -> Putin)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return next((c for c in node.children if c.dep_ in SUBJECTS), None)


def _expletive(token: Token) -> bool:
    """ "It was agreed to ...", "it is unclear", "It was the second call": an "it" that is the
    subject of a passive or of "be" stands for no actor."""
    if token.dep_ in ("nsubjpass", "expl"):
        return True
    return bool(token.dep_ == "nsubj" and token.head.lemma_ == "be")


def _local_owner(token: Token, sentence: int, seen: list[_Seen]) -> _Seen | None:
    """ "its" whose owner is named in its own phrase: "the US and its allies" (the conjunct
    before), "praised Russia for its help" (the object of the verb "for" attaches to)."""
    if token.dep_ != "poss":
        return None
    owned = token.head
    at: dict[int, _Seen] = {
        s.token: s
        for s in seen
        if s.sentence == sentence and len(s.actors) == 1 and s.kind not in ("person", "group")
    }
    if owned.dep_ == "conj" and owned.head.i in at:
        return at[owned.head.i]
    prep = owned.head if owned.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "for" and prep.head.pos_ == "VERB":
        objects = [c for c in prep.head.children if c.dep_ == "dobj" and c.i in at]
        if objects:
            return at[objects[0].i]
    return None


def _ordinal(token: Token, sentence: int, seen: list[_Seen]) -> _Seen | None:
    """ "the latter"/"the former": the last or the one before of the two most recent persons."""
    persons = sorted(
        (
            s
            for s in seen
            if s.kind == "person" and len(s.actors) == 1 and s.sentence >= sentence - 1
        ),
        key=lambda s: (s.sentence, s.token),
        reverse=True,
    )
    distinct: list[_Seen] = []
    for s in persons:
        if all(d.actors != s.actors for d in distinct):
            distinct.append(s)
    rank = ORDINALS[token.lower_]
    return distinct[rank] if len(distinct) >= 2 else None


def _resolve(
    token: Token,
    sentence: int,
    seen: list[_Seen],
    kinds: Mapping[str, str],
    mentioned: Mapping[int, tuple[str, ...]],
) -> _Seen | None:
    """What a pronoun stands for (module docstring); ``mentioned``: token -> the actors of the
    mentions there."""
    lower = token.lower_
    near = [s for s in seen if sentence - LOOKBACK <= s.sentence <= sentence]
    if lower in PERSON_PRONOUNS:
        # "Putin praised him": an object pronoun is not its own clause's subject ("his" may be)
        own = _clause_subject(token) if token.dep_ in ("dobj", "dative", "pobj") else None
        persons = [
            s
            for s in near
            if s.kind == "person" and len(s.actors) == 1 and (own is None or s.token != own.i)
        ]
        return _pick(persons, prefer_subject=True)
    if lower in THING_PRONOUNS:
        if _expletive(token):
            return None
        local = _local_owner(token, sentence, seen)
        if local is not None:
            return local
        clause = [t.i for t in token.head.subtree] if token.dep_ in SUBJECTS else []
        named_here = {a for i in clause for a in mentioned.get(i, ())}
        things = [
            s
            for s in near
            if s.kind in ("state", "organisation", "org")
            and s.subject
            and len(s.actors) == 1
            and s.sentence >= sentence - 1
            and s.actors[0] not in named_here  # "after it rejected Moscow's demand": not Russia
        ]
        return _pick(things, prefer_subject=True)
    if lower in PLURAL_PRONOUNS:
        groups = [s for s in near if len(s.actors) == 2 and s.sentence >= sentence - 1]
        return _pick(groups, prefer_subject=True)
    return None


def _pair(
    token: Token, sentence: int, seen: list[_Seen], roles: Mapping[str, tuple[str, ...]]
) -> _Seen | None:
    """The two most recent distinct actors of the kind a group noun names ("the two ministers":
    persons whose roles say minister)."""
    lemma = token.lemma_.lower()
    want = GROUP_NOUNS.get(lemma, "person")  # a bare "the two": persons
    offices = GROUP_ROLES.get(lemma)
    found: list[str] = []
    origin: list[Mention] = []
    for s in sorted(seen, key=lambda s: (s.sentence, s.token), reverse=True):
        if s.sentence < sentence - GROUP_LOOKBACK:
            break
        if want != "any" and s.kind != want:
            continue
        for actor in s.actors:
            if offices and not any(o in r for r in roles.get(actor, ()) for o in offices):
                continue
            if actor not in found:
                found.append(actor)
                origin.extend(o for o in s.origin if o.actor_id == actor)
        if len(found) >= 2:  # in the order they were mentioned
            pair = (found[1], found[0])
            kept = tuple(sorted({o for o in origin if o.actor_id in pair}, key=_at))
            return _Seen(sentence, token.i, pair, _is_subject(token), "group", kept)
    return None


def _definite_body(token: Token, sentence: int, seen: list[_Seen]) -> _Seen | None:
    """The body a bare "the ministry" stands for: the only one of its kind named lately."""
    fragment = DEFINITE_BODIES.get(token.lemma_.lower())
    if fragment is None or token.pos_ != "NOUN" or token.tag_ != "NN":
        return None
    mods = [c for c in token.children if c.dep_ != "punct"]
    if [c.lower_ for c in mods] != ["the"] or token.dep_ in ("compound", "poss"):
        return None
    bodies = {
        s.actors[0]: s
        for s in seen
        if len(s.actors) == 1
        and fragment in s.actors[0]
        and s.actors[0].startswith("org:")
        and sentence - BODY_LOOKBACK <= s.sentence <= sentence
    }
    return next(iter(bodies.values())) if len(bodies) == 1 else None


def _at(mention: Mention) -> tuple[int, int]:
    return (mention.sentence_index, mention.start)


def reference_index(doc: Any, mentions: Sequence[Mention], actors: Sequence[Actor] = ()) -> ActorAt:
    """Token index -> the actors the token stands for: every token of a resolved mention, then
    the pronouns and group phrases this resolver can settle (see the module docstring)."""
    return resolve_references(doc, mentions, actors)[0]


def resolve_references(
    doc: Any, mentions: Sequence[Mention], actors: Sequence[Actor] = ()
) -> tuple[ActorAt, tuple[Reference, ...]]:
    """The token index of :func:`reference_index`, and each pronoun, "the latter" and group
    phrase it settled as a :class:`Reference` that keeps the named mentions it goes back to."""
    kinds = {a.id: a.kind for a in actors}
    roles = {a.id: tuple(r.lower() for r in a.roles) for a in actors}
    country = {a.id: f"state:{a.country}" for a in actors if a.country and a.kind == "person"}
    article_id = mentions[0].article_id if mentions else ""
    index: dict[int, tuple[str, ...]] = {}
    heads: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            index.setdefault(tok.i, (mention.actor_id,))
        heads.setdefault(span.root.i, mention)
    mentioned = dict(index)  # the mentions alone, before any pronoun joins the index
    seen: list[_Seen] = []
    references: list[Reference] = []

    def settle(
        number: int,
        first: Token,
        last: Token,
        found: _Seen,
        how: str,
        stands_for: tuple[str, ...] | None = None,
    ) -> None:
        """Remember what ``first``..``last`` resolved to (the resolver sees the pronoun's own
        token; "his country" is recorded as the state, seen as the person)."""
        at = first if stands_for else last
        seen.append(_Seen(number, at.i, found.actors, _is_subject(at), found.kind, found.origin))
        text = doc[first.i : last.i + 1]
        references.append(
            Reference(
                article_id, number, text.start_char, text.end_char, text.text,
                stands_for or found.actors, how, found.origin,
            )
        )  # fmt: skip

    for number, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.i in heads:
                named = heads[tok.i]
                actor = named.actor_id
                others = [heads[c.i] for c in tok.conjuncts if c.i in heads]
                pair = [m for m in others if m.actor_id != actor]
                if pair and tok.dep_ != "conj":
                    both = (actor, pair[0].actor_id)
                    origin = (named, pair[0])
                    seen.append(_Seen(number, tok.i, both, _is_subject(tok), "group", origin))
                kind = _kind(actor, kinds)
                seen.append(_Seen(number, tok.i, (actor,), _is_subject(tok), kind, (named,)))
                continue
            if tok.i in index:
                continue
            if tok.pos_ == "PRON":
                found = _resolve(tok, number, seen, kinds, mentioned)
                if found is None and tok.lower_ == "their":
                    found = _clause_pair(tok, number, heads, kinds)
                if found is None:
                    continue
                how = "possessive" if tok.dep_ == "poss" else "pronoun"
                index[tok.i] = found.actors
                if _persons(found, kinds) and tok.dep_ == "poss" and tok.lower_ == "their":
                    owner = tok.head  # "Lavrov and Wang hailed their countries' ties"
                    states = tuple(country[a] for a in found.actors if a in country)
                    if owner.lemma_.lower() in OWN_NOUNS and len(set(states)) == 2:
                        index[tok.i] = states
                        index.setdefault(owner.i, states)
                        settle(number, tok, owner, found, how, stands_for=states)
                        continue
                if found.kind == "person" and tok.dep_ == "poss":
                    owner = tok.head
                    if owner.lemma_.lower() in OWN_NOUNS and found.actors[0] in country:
                        # "his country" as a whole stands for the state, "his" included
                        state = (country[found.actors[0]],)
                        index[tok.i] = state
                        index.setdefault(owner.i, state)
                        settle(number, tok, owner, found, how, stands_for=state)
                        continue
                settle(number, tok, tok, found, how)
            elif tok.lower_ in ORDINALS and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
                person = _ordinal(tok, number, seen)
                if person is not None:
                    index[tok.i] = index[tok.i - 1] = person.actors
                    settle(number, doc[tok.i - 1], tok, person, "ordinal")
            elif (body := _definite_body(tok, number, seen)) is not None:
                index[tok.i] = body.actors
                settle(number, tok.left_edge, tok, body, "definite")
            elif _group(tok) or _bare_two(tok):
                group = _pair(tok, number, seen, roles)
                states = tuple(country[a] for a in group.actors if a in country) if group else ()
                if group is not None and tok.lemma_.lower() == "side" and len(set(states)) == 2:
                    group = replace(group, actors=states)  # "both sides": the two ministers' states
                if group is not None:
                    index[tok.i] = group.actors
                    settle(number, tok.left_edge, tok, group, "group")
    return index, tuple(references)
