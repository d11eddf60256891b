"""Resolve every mention of a person, state, government body or organisation to a canonical actor.

``resolve_actors`` runs on one parsed spaCy Doc (an article body) in time linear in its tokens:

- gazetteer names (countries and their alternative names, organisations) are mentions wherever
  they stand; a capital or seat of government ("Beijing", "the Kremlin") is a mention of the
  country's government (``state:XXX``, how=metonymy) only when it acts, not when it locates
  ("a summit in Beijing"): see :func:`newslens.nlp.actors_spans.is_agent`;
- a demonym stands for its country (how=demonym) when it modifies a noun that is neither a
  people-or-culture noun ("Chinese tourists") nor part of a title: in "Russian President
  Vladimir Putin" the demonym gives Putin his country and is part of his mention, not a
  separate mention of Russia;
- government bodies need a country: "the Chinese government" is ``state:CHN``, "the Chinese
  foreign ministry" the organisation ``org:chn-foreign-ministry`` (sector government);
- people come from spaCy PERSON entities; a surname or a subset of a full name seen in the
  article resolves to that person when exactly one fits; titles and appositions give roles and
  a country; a standalone role phrase ("the Chinese leader", "Beijing's top diplomat") resolves
  to the one person in the article who holds a fitting role, else stays unresolved;
- pronouns are not resolved (no ``pronoun`` mentions): a wrong "he" costs more than a missing one.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from newslens.nlp.actors_spans import (
    POSSESSIVES,
    Doc,
    NameMatch,
    PhraseMatch,
    Title,
    Token,
    is_agent,
    modifiers_before,
    scan_names,
    scan_phrases,
    span_text,
    title_before,
)
from newslens.nlp.gazetteer import Gazetteer, RoleEntry
from newslens.records import Actor, Mention

__all__ = ["merge_actors", "resolve_actors"]

_HIDE_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PRON", "PART"})


@dataclass
class _Person:
    """A person seen in one article, with the roles and country its titles gave."""

    key: tuple[str, ...]
    name: str
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    canon: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    country: str | None = None
    sector: str | None = None

    @property
    def actor_id(self) -> str:
        return "person:" + "-".join(self.key)

    def add_title(self, title: Title) -> None:
        if "counterpart" in title.role.families:  # a relation, not an office
            self.country = self.country or title.country
            return
        self.roles.add(title.words)
        self.canon.add(title.role.role)
        self.families |= title.role.families
        self.country = self.country or title.country
        self.sector = self.sector or title.role.sector

    def fits(self, role: RoleEntry, country: str | None) -> bool:
        if country is not None and self.country not in (None, country):
            return False
        if "counterpart" in role.families:
            return True
        if role.generic:
            return bool(role.families & self.families)
        return role.role in self.canon

    def actor(self) -> Actor:
        return Actor(
            self.actor_id, self.name, "person", self.country, self.sector,
            tuple(sorted(self.roles)), tuple(sorted(self.aliases)),
        )  # fmt: skip


class _Resolution:
    """Mutable state of resolving one document; discarded after ``resolve_actors`` returns."""

    def __init__(self, article_id: str, doc: Doc, gaz: Gazetteer) -> None:
        self.article_id, self.doc, self.gaz = article_id, doc, gaz
        self.sent_of: list[int] = []
        self.sent_start: list[int] = []
        for index, sent in enumerate(doc.sents):
            self.sent_of.extend([index] * (sent.end - sent.start))
            self.sent_start.extend([sent.start] * (sent.end - sent.start))
        self.taken = bytearray(len(doc))
        self.mentions: list[Mention] = []
        self.actors: dict[str, Actor] = {}
        self.aliases: dict[str, set[str]] = {}
        self.extra_roles: dict[str, set[str]] = {}
        self.people: dict[tuple[str, ...], _Person] = {}

    def mention(self, start: int, end: int, actor: Actor, how: str, alias: bool = True) -> None:
        """Record a mention of ``actor`` at tokens [start, end) and mark them taken."""
        doc = self.doc
        text = span_text(doc, start, end)
        self.mentions.append(
            Mention(
                self.article_id, self.sent_of[start], doc[start].idx,
                doc[start].idx + len(text), text, actor.id, how,
            )
        )  # fmt: skip
        self.actors.setdefault(actor.id, actor)
        if alias:
            self.aliases.setdefault(actor.id, set()).add(text)
        for k in range(start, end):
            self.taken[k] = 1

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])


def _person_key(tokens: Iterable[str], gaz: Gazetteer) -> tuple[str, ...]:
    return gaz.person_key(tokens)


def _person_spans(doc: Doc, gaz: Gazetteer, names: list[NameMatch]) -> list[tuple[int, int]]:
    """PERSON entities less possessives, titles, marks, a leading "Beyond"; not gazetteer names."""
    named = {k for m in names for k in range(m.start, m.end)}
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
            end -= 1
        while start < end and (
            doc[start].lower_ in gaz.role_words
            or doc[start].is_punct
            or (doc[start].tag_ == "IN" and doc[start].is_stop)  # "Beyond Ukraine, ..."
        ):
            start += 1
        if start >= end or all(k in named for k in range(start, end)):
            continue
        if any(not (t.is_alpha or "-" in t.text or "." in t.text) for t in doc[start:end]):
            continue  # photo credits ("Stephen Shaver/UPI") and similar debris
        if any(t.lower_ in gaz.organisation_words for t in doc[start:end]):
            continue  # "FC Mariupol", "Sberbank Group": a body the tagger took for a person
        spans.append((start, end))
    return spans


def _find_person(res: _Resolution, key: tuple[str, ...]) -> _Person | None:
    """The one person whose full name is ``key`` or contains all of its tokens, else None."""
    if key in res.people:
        return res.people[key]
    wanted = set(key)
    fits = {id(p): p for k, p in res.people.items() if len(k) > len(key) and wanted <= set(k)}
    return next(iter(fits.values())) if len(fits) == 1 else None


def _resolve_people(
    res: _Resolution,
    names: list[NameMatch],
    phrase_ending: dict[int, PhraseMatch],
    name_ending: dict[int, NameMatch],
) -> None:
    doc, gaz = res.doc, res.gaz
    spans = _person_spans(doc, gaz, names)
    titled: dict[tuple[int, int], Title | None] = {}
    for start, end in spans:
        title = title_before(
            doc, start, res.sent_start[start], gaz, phrase_ending, name_ending, "person"
        )
        titled[(start, end)] = title
        key = _person_key((t.text for t in doc[start:end]), gaz)
        if key and (len(key) > 1 or title is not None) and key not in res.people:
            res.people[key] = _Person(key, span_text(doc, start, end))
    _add_known_people(res)
    # a shorter full name inside a longer one ("Vladimir Putin" in a three-part name) merges
    for key in sorted(res.people, key=len):
        longer = _find_person(res, key) if len(key) > 1 else None
        if longer is not None and longer.key != key:
            res.people[key] = longer
    for (start, end), title in titled.items():
        person = _find_person(res, _person_key((t.text for t in doc[start:end]), gaz))
        if person is None or not res.free(start, end):
            continue
        how = "name" if len(_person_key((t.text for t in doc[start:end]), gaz)) > 1 else "alias"
        person.aliases.add(span_text(doc, start, end))
        if title is not None:
            person.add_title(title)
            if title.end < start:  # apposition ("his Russian counterpart, Vladimir Putin")
                res.mention(title.start, title.end, person.actor(), "title", alias=False)
                res.taken[title.end] = 1
            else:
                start = title.start
        res.mention(start, end, person.actor(), how, alias=False)


def _add_known_people(res: _Resolution) -> None:
    """Known people (people.tsv) this article names join its people under their canonical
    name and country, every spelling of theirs pointing to the one person."""
    doc, gaz = res.doc, res.gaz
    words = [gaz.fold_name(t.text) if t.is_alpha or t.text.endswith(".") else "" for t in doc]
    words = [w.rstrip(".") for w, t in zip(words, doc, strict=True) if t.text != "-"]
    for known, keys in gaz.people.found_in(words, list(res.people)):
        person = res.people.get(known.key)
        if person is None or person.key != known.key:
            person = _Person(known.key, known.name)
        person.name, person.country = known.name, person.country or known.country
        for key in keys:
            res.people[key] = person


def _namelike(tok: Token) -> bool:
    """A proper noun, or a capitalised noun the tagger missed ("Zelenskyy then left")."""
    return bool(tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper()))


def _resolve_short_names(res: _Resolution) -> None:
    """Surnames and name parts outside PERSON entities ("Wang" tagged ORG, "Xi" as GPE)."""
    doc, gaz = res.doc, res.gaz
    parts = {part for key in res.people for part in key}
    k, n = 0, len(doc)
    while k < n:
        if res.taken[k] or not _namelike(doc[k]) or gaz.fold_name(doc[k].text) not in parts:
            k += 1
            continue
        end = k + 1
        while end < n and not res.taken[end] and _namelike(doc[end]):
            if gaz.fold_name(doc[end].text) not in parts:
                break
            end += 1
        person = _find_person(res, _person_key((t.text for t in doc[k:end]), gaz))
        if person is not None:
            person.aliases.add(span_text(doc, k, end))
            res.mention(k, end, person.actor(), "alias", alias=False)
        k = end


def _country_after(res: _Resolution, end: int, name_at: dict[int, NameMatch]) -> NameMatch | None:
    """A country named in "of X" / "of the X" right after a phrase ("the president of Ukraine")."""
    doc = res.doc
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    k = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
    match = name_at.get(k)
    if match is not None and match.entry.actor_id.startswith("state:"):
        return match
    return None


def _resolve_phrases(
    res: _Resolution,
    phrases: list[PhraseMatch],
    name_at: dict[int, NameMatch],
    name_ending: dict[int, NameMatch],
) -> None:
    """Body phrases with a country, role titles of organisations, standalone role phrases."""
    doc, gaz = res.doc, res.gaz
    people = list({id(p): p for p in res.people.values()}.values())
    for phrase in phrases:
        if not res.free(phrase.start, phrase.end):
            continue
        floor = res.sent_start[phrase.start]
        mods = modifiers_before(doc, phrase.start, floor, gaz, name_ending)
        start, end, country, how = mods.start, phrase.end, mods.country, mods.how
        after = _country_after(res, phrase.end, name_at)
        if country is None and after is not None:
            country, how, end = after.entry.actor_id[6:], after.entry.how, after.end
        if not res.free(start, end):
            start = phrase.start
        org = name_at.get(phrase.end)
        role_org = phrase.role is not None and phrase.role.applies == "org"
        if role_org and org is not None and org.entry.kind == "org":  # "state broadcaster CCTV"
            actor = gaz.actors[org.entry.actor_id]
            words = span_text(doc, phrase.start, phrase.end).lower()
            res.extra_roles.setdefault(actor.id, set()).add(words)
            res.mention(start, org.end, actor, org.entry.how, alias=False)
            res.aliases.setdefault(actor.id, set()).add(span_text(doc, org.start, org.end))
            continue
        if phrase.body is not None and country is not None:
            body = phrase.body
            if body.target == "state":
                actor = gaz.actors[f"state:{country}"]
            else:
                actor_id = f"org:{country.lower()}-{body.suffix}"
                name = body.template.format(country=gaz.country_names[country])
                actor = Actor(actor_id, name, "organisation", country, body.sector)
            res.mention(start, end, actor, how or "name")
            continue
        role = phrase.role
        if role is None or role.applies != "person" or not (mods.determined or country):
            continue
        if phrase.end < len(doc) and doc[phrase.end].pos_ == "PROPN" and after is None:
            continue  # a title before a name we could not resolve: do not guess
        fits = [p for p in people if p.fits(role, country)]
        if len(fits) == 1:
            res.mention(start, end, fits[0].actor(), "title", alias=False)


def _bloc_here(doc: Doc, end: int, gaz: Gazetteer) -> bool:
    """Whether "West"/"Western" names the bloc: not part of a longer name ("West Bank",
    "Western Europe") and not modifying a people-or-culture noun ("Western audiences")."""
    if end < len(doc) and doc[end].pos_ == "PROPN":
        return False
    tok = doc[end - 1]
    if tok.dep_ in ("amod", "compound") and tok.head.i != tok.i:
        return str(tok.head.lemma_).lower() not in gaz.non_state_nouns
    return True


def _resolve_names(res: _Resolution, names: list[NameMatch]) -> None:
    """Countries, organisations, capitals and seats (when agents), demonyms (when they stand
    for the state)."""
    doc, gaz = res.doc, res.gaz
    inside: dict[int, int] = {}
    opened: dict[int, int] = {}  # token -> where the named entity covering it starts
    for ent in doc.ents:
        first = ent.start + (doc[ent.start].lower_ == "the")  # "The White House" is ORG
        while first < ent.end - 1 and doc[first].pos_ in _NOT_NAME_POS:
            first += 1  # "[Hitting Ukrainian] units": a verb the tagger took into a name
        for k in range(first, ent.end):
            opened[k] = first
        if ent.label_ in _HIDE_LABELS:
            for k in range(first, ent.end):
                inside[k] = ent.end - first
    for match in names:
        start, end, entry = match.start, match.end, match.entry
        if not res.free(start, end):
            continue
        hidden = inside.get(start, 0) > end - start and entry.kind != "org"
        if hidden:  # "Bank of China", "Russian Orthodox Church": part of another name
            continue
        if entry.kind == "org" and start in opened and opened[start] < start:
            first = doc[opened[start]]
            if first.pos_ == "PROPN" and first.ent_type_ != "NORP":
                continue  # "Politico EU": the tail of another organisation's name
        if entry.kind == "capital" and span_text(doc, start, end).isupper():
            continue  # "VELMAR, March 3 (CPA) --": a dateline names where, not who
        if entry.kind in ("capital", "seat") and not is_agent(
            doc, start, end, gaz, entry.kind == "seat"
        ):
            continue
        if entry.actor_id.startswith("bloc:") and not _bloc_here(doc, end, gaz):
            continue
        if entry.kind == "demonym":
            tok = doc[end - 1]
            while tok.dep_ in ("conj", "amod") and tok.head.pos_ == "ADJ" and tok.head.i != tok.i:
                tok = tok.head  # "Russian and Ukrainian negotiators", "Russian-Chinese ties"
            head = tok.head
            if tok.dep_ not in ("amod", "compound", "nmod") or head.pos_ not in ("NOUN", "PROPN"):
                continue
            if head.lemma_.lower() in gaz.non_state_nouns or head.ent_type_ == "PERSON":
                continue
        if start > 0 and doc[start - 1].lower_ == "the" and entry.kind == "seat":
            start -= 1  # "the Kremlin", "the White House"
        res.mention(start, end, gaz.actors[entry.actor_id], entry.how)


def _resolve_lowercase_west(res: _Resolution) -> None:
    """ "the west" and "western sanctions" written in lower case name the bloc where they act or
    modify a bloc noun; never a direction or a region ("west of Kyiv", "in the west", "western
    Ukraine")."""
    west = res.gaz.actors.get("bloc:west")
    if west is None:
        return
    for tok in res.doc:
        head = tok.head
        if tok.text == "western":
            acts = tok.dep_ == "amod" and head.lemma_.lower() in res.gaz.bloc_nouns
        elif tok.text == "west" and tok.i > 0 and tok.nbor(-1).lower_ == "the":
            after = tok.nbor(1).lower_ if tok.i + 1 < len(res.doc) else ""
            place = tok.dep_ == "pobj" and head.lower_ in res.gaz.locative_prepositions
            acts = after != "of" and not place and tok.dep_ != "compound"
        else:
            continue
        if acts and res.free(tok.i, tok.i + 1):
            res.mention(tok.i, tok.i + 1, west, "alias")


def resolve_actors(
    article_id: str, doc: Doc, gazetteer: Gazetteer
) -> tuple[list[Mention], list[Actor]]:
    """Mentions of actors in one parsed article body (offsets into ``doc.text``) and the actors
    they refer to (aliases: the surfaces this article used; roles: the words it used)."""
    if len(doc) == 0:
        return [], []
    res = _Resolution(article_id, doc, gazetteer)
    names = scan_names(doc, gazetteer)
    phrases = scan_phrases(doc, gazetteer)
    name_at = {m.start: m for m in names}
    name_ending = {m.end: m for m in names}
    phrase_ending = {p.end: p for p in phrases}
    _resolve_people(res, names, phrase_ending, name_ending)
    _resolve_phrases(res, phrases, name_at, name_ending)
    _resolve_names(res, names)
    _resolve_lowercase_west(res)
    _resolve_short_names(res)
    people = {p.actor_id: p for p in res.people.values()}
    actors = []
    for actor_id, actor in res.actors.items():
        if actor_id in people:
            actor = people[actor_id].actor()
        roles = set(actor.roles) | res.extra_roles.get(actor_id, set())
        aliases = set(actor.aliases) | res.aliases.get(actor_id, set())
        actors.append(replace(actor, roles=tuple(sorted(roles)), aliases=tuple(sorted(aliases))))
    mentions = sorted(res.mentions, key=lambda m: (m.start, m.end))
    return mentions, sorted(actors, key=lambda a: a.id)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def merge_actors(actors: Iterable[Actor]) -> list[Actor]:
    """Actors from many articles merged by id: aliases and roles unioned and sorted; name, kind,
    country and sector the most common value (ties: the longest, then alphabetical). Sorted by
    id, so the result does not depend on input order."""
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        groups.setdefault(actor.id, []).append(actor)
    merged = []
    for actor_id in sorted(groups):
        group = groups[actor_id]
        merged.append(
            Actor(
                actor_id,
                _most_common(a.name for a in group) or group[0].name,
                _most_common(a.kind for a in group) or group[0].kind,
                _most_common(a.country for a in group),
                _most_common(a.sector for a in group),
                tuple(sorted({r for a in group for r in a.roles})),
                tuple(sorted({unicodedata.normalize("NFC", s) for a in group for s in a.aliases})),
            )
        )
    return merged
