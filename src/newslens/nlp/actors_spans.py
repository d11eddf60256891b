"""Token-level helpers for actor resolution: gazetteer matches, titles and the place-or-agent test.

All functions walk spaCy tokens with dictionary lookups, so a document costs time linear in its
tokens (a bounded look-ahead of ``Gazetteer.max_tokens`` per token).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newslens.countries import fold
from newslens.nlp.gazetteer import BodyEntry, Gazetteer, NameEntry, RoleEntry

Doc = Any  # spacy.tokens.Doc; typed loosely so mypy needs no spaCy stubs
Token = Any

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Parts of speech allowed inside a role's complement ("ambassador to the U.S.").
_COMPLEMENT_POS = frozenset({"PROPN", "ADP", "CCONJ", "DET", "PUNCT", "NOUN", "ADJ"})
_COMPLEMENT_MAX = 8


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer name found at tokens [start, end)."""

    start: int
    end: int
    entry: NameEntry


@dataclass(frozen=True)
class PhraseMatch:
    """A role and/or body phrase found at tokens [start, end)."""

    start: int
    end: int
    role: RoleEntry | None
    body: BodyEntry | None


@dataclass(frozen=True)
class Modifiers:
    """What stands left of a role or body phrase: where it starts, its country, how the country
    was named (demonym, name, metonymy), and whether a determiner opened it."""

    start: int
    country: str | None
    how: str | None
    determined: bool


@dataclass(frozen=True)
class Title:
    """A role attached to a name: tokens [start, end) of the title, the role and its words."""

    start: int
    end: int
    role: RoleEntry
    words: str
    country: str | None


def span_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end) as written."""
    return str(doc[start:end].text)  # Doc.text joins every token: never call it per span


def scan_names(doc: Doc, gaz: Gazetteer) -> list[NameMatch]:
    """Longest, non-overlapping gazetteer name matches, left to right."""
    matches: list[NameMatch] = []
    n, i = len(doc), 0
    text = doc.text
    while i < n:
        first = doc[i]
        if fold(first.text) not in gaz.name_prefixes:
            i += 1
            continue
        best: NameMatch | None = None
        begin = first.idx
        for j in range(i, min(n, i + gaz.max_tokens)):
            tok = doc[j]
            if tok.is_space:
                break
            raw = text[begin : tok.idx + len(tok.text)]
            key = fold(raw)
            if key not in gaz.name_prefixes:
                break
            for entry in gaz.names.get(key, ()):
                if entry.accepts(raw):
                    best = NameMatch(i, j + 1, entry)
                    break
        if best is None:
            i += 1
        else:
            matches.append(best)
            i = best.end
    return matches


def scan_phrases(doc: Doc, gaz: Gazetteer) -> list[PhraseMatch]:
    """Longest, non-overlapping role and body phrases (case-insensitive), left to right."""
    matches: list[PhraseMatch] = []
    n, i = len(doc), 0
    while i < n:
        if doc[i].lower_ not in gaz.phrase_prefixes:
            i += 1
            continue
        best: PhraseMatch | None = None
        parts: list[str] = []
        for j in range(i, min(n, i + gaz.max_tokens)):
            tok = doc[j]
            if tok.is_space:
                break
            # "director-general" is one token or three; join without spaces around hyphens
            glue = "" if not parts or tok.text == "-" or parts[-1].endswith("-") else " "
            parts.append(glue + tok.lower_)
            key = "".join(parts)
            if key not in gaz.phrase_prefixes:
                break
            role, body = gaz.roles.get(key), gaz.bodies.get(key)
            if role or body:
                best = PhraseMatch(i, j + 1, role, body)
        if best is None:
            i += 1
        else:
            matches.append(best)
            i = best.end
    return matches


def modifiers_before(
    doc: Doc, start: int, floor: int, gaz: Gazetteer, name_ending: dict[int, NameMatch]
) -> Modifiers:
    """Walk left of a phrase over modifiers: role modifiers, a demonym, "X's" (a country, capital
    or seat), stopping after a determiner. ``floor`` is the sentence start."""
    k, country, how, determined = start, None, None, False
    while k > floor:
        tok = doc[k - 1]
        lower = tok.lower_
        match = name_ending.get(k)
        if lower in gaz.role_modifiers:
            k -= 1
        elif tok.text == "-" and k - 1 > floor and doc[k - 2].lower_ in gaz.role_modifiers:
            k -= 1  # "Vice-Premier"
        elif match is not None and match.entry.kind == "demonym" and country is None:
            country, how, k = match.entry.actor_id[6:], "demonym", match.start
        elif match is not None and _attributive_state(doc, match) and country is None:
            # "New Zealand Prime Minister": a state's name used as a demonym
            country, how, k = match.entry.actor_id[6:], match.entry.how, match.start
        elif tok.text in POSSESSIVES and country is None:
            owner = name_ending.get(k - 1)
            if owner is None or not owner.entry.actor_id.startswith("state:"):
                break
            country, how, k = owner.entry.actor_id[6:], owner.entry.how, owner.start
            break
        elif lower in gaz.determiners:
            k, determined = k - 1, True
            break
        else:
            break
    return Modifiers(k, country, how, determined)


def _attributive_state(doc: Doc, match: NameMatch) -> bool:
    """A state's name standing as the modifier of a title ("New Zealand Prime Minister",
    "Ukraine President"), not the head of its own phrase ("in New Zealand, Prime Minister")."""
    return (
        match.entry.kind == "country"
        and match.entry.actor_id.startswith("state:")
        and doc[match.end - 1].dep_ in ("compound", "nmod", "amod")
    )


def complement_end(doc: Doc, end: int, limit: int, gaz: Gazetteer) -> int:
    """Where a role's complement ("to China", "for European Affairs") that starts at ``end``
    stops: at ``limit`` (a name's start) if everything up to it fits, else ``end`` (none)."""
    if end >= limit or doc[end].lower_ not in gaz.role_complements or limit - end > _COMPLEMENT_MAX:
        return end
    for k in range(end + 1, limit):
        tok = doc[k]
        if tok.pos_ not in _COMPLEMENT_POS or tok.text == ",":
            return end
        if tok.pos_ in ("NOUN", "ADJ") and not tok.text[:1].isupper():
            return end
    return limit


def title_before(
    doc: Doc,
    name_start: int,
    floor: int,
    gaz: Gazetteer,
    phrase_ending: dict[int, PhraseMatch],
    name_ending: dict[int, NameMatch],
    applies: str,
) -> Title | None:
    """A title standing directly before a name ("Chinese President", "Russian ambassador to
    China", "his Russian counterpart," with a comma), or None."""
    right = name_start
    if right - 1 > floor and doc[right - 1].text == ",":
        right -= 1
    for k in range(right, max(floor, right - _COMPLEMENT_MAX - 1), -1):
        phrase = phrase_ending.get(k)
        if phrase is None or phrase.role is None or phrase.role.applies != applies:
            continue
        if complement_end(doc, k, right, gaz) != right:
            continue
        mods = modifiers_before(doc, phrase.start, floor, gaz, name_ending)
        words = span_text(doc, phrase.start, right).lower()
        if right > k:  # keep the complement's capitals: "ambassador to China"
            words = span_text(doc, phrase.start, k).lower() + " " + span_text(doc, k, right)
        return Title(mods.start, right, phrase.role, words, mods.country)
    return None


def is_agent(doc: Doc, start: int, end: int, gaz: Gazetteer, seat: bool) -> bool:
    """Whether a capital or seat at tokens [start, end) acts (metonymy) rather than locates.

    A place: the object of a locative preposition ("in Beijing", conjuncts included; not the
    "to" of a transfer verb, "sent weapons to Kyiv", nor the "from" of what is given, "aid from
    Washington", "received tanks from Berlin": rules.toml ``transfer_verbs``, ``giver_heads``), the
    object of a movement or strike verb ("visit Moscow"), or a capital modifying a noun
    ("the Beijing Olympics") other than a government noun ("the Kiev government", rules.toml
    ``government_nouns``). Everything else (subjects, possessors, "between Moscow and the
    West", objects of "with"/"against"/"on") is an agent.
    """
    root = doc[end - 1]
    for k in range(start, end):
        head = doc[k].head
        if head.i < start or head.i >= end or head.i == k:
            root = doc[k]
            break
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    dep = tok.dep_
    if dep == "pobj":
        if tok.head.lower_ == "to" and str(tok.head.head.lemma_).lower() in gaz.transfer_verbs:
            return True  # "sent weapons to Kyiv": the recipient, not a destination
        if tok.head.lower_ == "from" and str(tok.head.head.lemma_).lower() in gaz.giver_heads:
            return True  # "aid from Washington": the giver, not an origin
        return str(tok.head.lower_) not in gaz.locative_prepositions
    if dep == "compound":  # "the Kremlin's …" acts; "the Kiev government" too
        return seat or str(tok.head.lemma_).lower() in gaz.government_nouns
    if dep in ("dobj", "obj"):
        return str(tok.head.lemma_) not in gaz.place_verbs
    return True
