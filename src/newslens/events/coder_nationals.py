"""Nationals: demonyms that say whose people or things an event's actor is.

The actor resolver makes a demonym a mention of its state only where it stands for the state
("Russian forces", "the Chinese government"), not where it names people or things of that
nationality ("two Canadian citizens", "a Greek-owned tanker", "detained Americans"): an actor
list of "Canada" mentioned by every Canadian tourist would mislead. An event coder needs them
all the same: "China detained two Canadian citizens" is COERCE China -> Canada at the level of
countries, as PLOVER codes a sector actor by its country. So the event coder, and nothing else,
reads these demonyms as their state where the resolver left them (:func:`national_index`):

- a capitalised demonym modifying a noun that is not a person's name ("Syrian soldiers",
  "Japanese journalists", "Greek-owned tanker", "a Russian oil refinery");
- a plural demonym standing alone ("two detained Americans", "Palestinians").

Places say whose an unnamed actor is, by the same PLOVER convention: "officials in Manila"
(:func:`placed_subject`), "two journalists were detained in Minsk" (:func:`stated_state`), and
an attack on a place targets its state, "Russia shelled Kharkiv" (:func:`place_target`). A
place is a country's name or capital, or a city of ``cities.tsv`` (``make_cities.py``, from
GeoNames); a city is no actor of the language stage, so only the event coder reads that table.

The demonyms come from the gazetteer's country tables through ``newslens.countries`` (a stage
never imports another stage), as the language stage reads them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslens.countries import (
    DATA_DIR,
    country_files,
    fold,
    organisation_seats,
    read_countries,
)

ActorAt = Mapping[int, tuple[str, ...]]


@dataclass(frozen=True)
class Nationalities:
    """Folded demonym -> state id, and folded country name or capital -> state id."""

    demonyms: Mapping[str, str]
    places: Mapping[str, str]
    cities: Mapping[str, str] = field(default_factory=dict)  # folded city name -> state id
    regions: Mapping[str, str] = field(default_factory=dict)  # folded region name -> state id
    seats: Mapping[str, str] = field(default_factory=dict)  # folded seat -> organisation id


@functools.lru_cache(maxsize=1)
def load_nationalities() -> Nationalities:
    """The demonyms, names and capitals of the country tables, keyed as the language stage's
    gazetteer keys them: a dependency yields to a sovereign state that shares the word, a
    dependency's capital is no place here ("Hamilton", "Douglas"), and a word two states share
    ("Congolese") is left out."""
    rows = [row for path in country_files() for row in read_countries(path)]
    demonyms: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for sovereign_only in (True, False):  # sovereign states first; dependencies fill the gaps
        taken = set(demonyms), set(places)
        for row in rows:
            if bool(row.sovereign) == sovereign_only:
                continue
            state = f"state:{row.alpha3}"
            capitals = () if row.sovereign else row.capitals
            for words, into, seen in (
                (row.demonyms, demonyms, taken[0]),
                ((row.name, *row.names, *capitals), places, taken[1]),
            ):
                for key in {fold(w) for w in words} - seen:
                    into.setdefault(key, set()).add(state)
    return Nationalities(
        {k: next(iter(v)) for k, v in demonyms.items() if len(v) == 1},
        {k: next(iter(v)) for k, v in places.items() if len(v) == 1},
        cities=_places(DATA_DIR / "cities.tsv"),
        regions=_places(DATA_DIR / "regions.tsv"),
        seats=organisation_seats(),
    )


def _places(path: Path) -> dict[str, str]:
    """Folded place name -> state id from ``cities.tsv`` (make_cities.py; GeoNames) or
    ``regions.tsv`` (hand-written)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, alpha3 = line.split("\t")[:2]
            out[fold(name)] = f"state:{alpha3.strip()}"
    return out


def national_index(
    doc: Any, actor_at: ActorAt, gaz: Nationalities | None = None
) -> dict[int, tuple[str, ...]]:
    """Token index -> (state id,) for each nationality demonym the resolver left unresolved."""
    gaz = gaz or load_nationalities()
    out: dict[int, tuple[str, ...]] = {}
    for tok in doc:
        if tok.i in actor_at or not tok.text[:1].isupper() or tok.ent_type_ == "PERSON":
            continue
        state = _state_of(gaz, tok)
        if state is not None and (_modifies_a_thing(tok) or _stands_alone(tok)):
            out[tok.i] = (state,)
    return out


def _modifies_a_thing(tok: Any) -> bool:
    head = tok.head
    return bool(
        tok.dep_ in ("amod", "compound", "nmod", "npadvmod")
        and head.i != tok.i
        and head.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")
        and head.ent_type_ != "PERSON"
    )


def _stands_alone(tok: Any) -> bool:
    return bool(tok.tag_ in ("NNS", "NNPS") and tok.dep_ not in ("compound", "amod"))


def with_nationals(actor_at: ActorAt, doc: Any) -> dict[int, tuple[str, ...]]:
    """The event coder's index: the resolved references, and nationals where there are none;
    a dateline's places are no actor of its sentence (:func:`dateline`)."""
    found = national_index(doc, actor_at)
    index = {**found, **actor_at} if found else dict(actor_at)
    filed = set(dateline(doc))
    return {i: v for i, v in index.items() if i not in filed} if filed else index


def dateline(doc: Any) -> range:
    """The token indices of the body's dateline, where the story was filed ("KYIV, Ukraine
    (AP) —", "MOSCOW —"): names and punctuation before a dash among its first eight tokens, in
    capitals, with a comma or with an agency in brackets ("Russia — which denies it —" is none)."""
    head = list(doc[:8])
    for tok in head:
        if tok.text in ("—", "–", "--"):
            before = head[: tok.i]
            marked = any(t.text in (",", "(") or (t.is_upper and len(t.text) > 1) for t in before)
            if before and marked and all(t.pos_ in ("PROPN", "PUNCT") for t in before):
                return range(tok.i)
            break
    return range(0)


def _state_of(gaz: Nationalities, tok: Any) -> str | None:
    """The state a demonym token names ("Canadian", plural "Canadians"), else None."""
    text = tok.text
    keys = [fold(text)]
    if tok.tag_ in ("NNS", "NNPS") and text.endswith("s"):
        keys.append(fold(text[:-1]))  # "Americans" -> "american"
    return next((gaz.demonyms[k] for k in keys if k in gaz.demonyms), None)


def place_state(place: str | None, gaz: Nationalities | None = None) -> str | None:
    """The state whose name, capital, region or city a stated place is ("in Paris", "in
    Brittany", "in Lyon" -> state:FRA), else None; in that order of precedence."""
    if not place:
        return None
    gaz = gaz or load_nationalities()
    key = fold(place)
    return gaz.places.get(key) or gaz.regions.get(key) or gaz.cities.get(key)


def placed_subject(
    verb: Any,
    local_agents: frozenset[str] = frozenset(),
    seated_agents: frozenset[str] = frozenset(),
    gaz: Nationalities | None = None,
) -> str | None:
    """The state of the place a verb's unnamed subject is said to be in or from ("officials in
    Manila summoned", "a team from Ottawa inspected" -> the state whose capital or name the
    place is), as PLOVER codes a sector actor by its country; for a subject of the place's own
    authorities (``local_agents``: "police", "prosecutors") the place the act is stated in too
    ("journalists were detained by police in Minsk"). In an organisation's seat, a subject
    that is not the city's authorities, or one of ``seated_agents``, is the organisation's
    ("diplomats in Brussels", "officials in Brussels": the EU; "police in Brussels": Belgium).
    Else None. Only a common-noun subject counts: a name or a pronoun is an actor of its own."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    for subject in subjects:
        if subject.pos_ != "NOUN":
            continue
        word = subject.lemma_.lower()
        local, seated = word in local_agents, word in seated_agents or word not in local_agents
        for holder in [subject, verb] if local else [subject]:
            state = _prep_state(holder, ("in", "from"), gaz, seats=seated and holder is subject)
            if state is not None:
                return state
    return None


def _prep_state(
    head: Any, preps: Collection[str], gaz: Nationalities | None, seats: bool = False
) -> str | None:
    """The state of the first place named as the object of one of ``head``'s ``preps``; with
    ``seats``, an organisation's seat names the organisation ("officials in Brussels": the EU;
    not "police in Brussels", who are Belgium's)."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for place in prep.children:
                state = _named_state(place, gaz, seats) if place.dep_ == "pobj" else None
                if state is not None:
                    return state
    return None


def _named_state(tok: Any, gaz: Nationalities | None, seats: bool = False) -> str | None:
    """The state a proper name (its entity's text, else its own) names or has as capital, or
    with ``seats`` the organisation whose seat it is."""
    if tok.pos_ == "NOUN":  # "the Kharkiv region", "a Kyiv power plant"
        named = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return next((s for c in named if (s := _named_state(c, gaz, seats))), None)
    if tok.pos_ != "PROPN":
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    name = ent.text if ent is not None else tok.text
    seat = (gaz or load_nationalities()).seats.get(fold(name)) if seats else None
    return seat or place_state(name, gaz)


def place_target(
    verb: Any,
    noun: Any,
    actor_at: ActorAt,
    strikers: Collection[str],
    struck_preps: Collection[str],
    gaz: Nationalities | None = None,
) -> str | None:
    """The state of the place an act was aimed at ("Russia shelled Kharkiv", "struck the
    outskirts of Odesa", "a building in Kyiv", "killed twelve in Gaza" -> that place's state),
    for an attack whose target names no actor: PLOVER codes the target by where it struck.
    The place is the verb's object or passive subject, or the object of one of its
    ``struck_preps`` (``[cues]`` in the lexicon), or the "of"/"in"/"near" noun of either. For
    an event noun (``noun``, else the verb's subject when it is an event noun or a weapon of
    ``strikers`` and no actor itself: "shelling of Kharkiv killed four", "a missile strike on
    Odesa killed three", not "troops in Kherson killed") the place is its "of" or a struck
    preposition's object."""
    if noun is None:
        heads = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        heads += _prep_objects(verb, struck_preps)
        nouns = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and c.i not in actor_at and _named_by(c, strikers)
        ]
    else:
        heads, nouns = [], [noun]
    heads += [p for n in nouns for p in _prep_objects(n, ("of", *struck_preps))]
    for head in heads:
        for node in (head, *_prep_objects(head, ("of", "in", "near"))):
            for tok in (node, *node.conjuncts):
                state = _named_state(tok, gaz)
                if state is not None:
                    return state
    return None


def _named_by(tok: Any, words: Collection[str]) -> bool:
    return bool(tok.lemma_.lower() in words or tok.lower_ in words)


def _prep_objects(head: Any, preps: Collection[str]) -> list[Any]:
    return [
        p
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


def stated_state(verb: Any, location: str | None, gaz: Nationalities | None = None) -> str | None:
    """The state of the place an act is stated in: the tagged location's, else that of a name
    after the verb's own "in" or "at" that the tagger took for no place ("detained in Lyon",
    Lyon tagged an organisation) but the country or city tables know."""
    return place_state(location, gaz) or _prep_state(verb, ("in", "at"), gaz)
