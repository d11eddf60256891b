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

The demonyms come from the gazetteer's country tables, read here from the data files (a stage
never imports another stage); a user's own gazetteer file is not read by this fallback.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ActorAt = Mapping[int, tuple[str, ...]]
# the gazetteer's country table: the event stage reads the data file itself (a stage never
# imports another stage's code)
GAZETTEER = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


@dataclass(frozen=True)
class Nationalities:
    """Folded demonym -> state id, and folded country name or capital -> state id; a word two
    states share ("Congolese") is left out."""

    demonyms: Mapping[str, str]
    places: Mapping[str, str]


def fold(text: str) -> str:
    """Lower case without accents ("Türkiye" -> "turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=2)
def load_nationalities(base: Path = GAZETTEER) -> Nationalities:
    """The demonyms, names and capitals of ``countries.tsv`` and ``countries_*.tsv`` (the demo's
    fictional states), as the language stage's gazetteer reads them (see their header)."""
    demonyms: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    paths = [base / "countries.tsv", *sorted(base.glob("countries_*.tsv"))]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        fields = (line.split("\t") + [""] * 8)[:8]
        state = f"state:{fields[0]}"
        for word in fields[5].split("|"):
            if word.strip():
                demonyms.setdefault(fold(word.strip()), set()).add(state)
        for word in [fields[2], *fields[3].split("|"), *fields[4].split("|")]:
            if word.strip():
                places.setdefault(fold(word.strip()), set()).add(state)
    return Nationalities(
        {k: next(iter(v)) for k, v in demonyms.items() if len(v) == 1},
        {k: next(iter(v)) for k, v in places.items() if len(v) == 1},
    )


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
    """The event coder's index: the resolved references, and nationals where there are none."""
    found = national_index(doc, actor_at)
    if not found:
        return dict(actor_at)
    return {**found, **actor_at}


def _state_of(gaz: Nationalities, tok: Any) -> str | None:
    """The state a demonym token names ("Canadian", plural "Canadians"), else None."""
    text = tok.text
    keys = [fold(text)]
    if tok.tag_ in ("NNS", "NNPS") and text.endswith("s"):
        keys.append(fold(text[:-1]))  # "Americans" -> "american"
    return next((gaz.demonyms[k] for k in keys if k in gaz.demonyms), None)


def place_state(place: str | None, gaz: Nationalities | None = None) -> str | None:
    """The state whose capital or name a stated place is ("in Paris" -> state:FRA), else None."""
    if not place:
        return None
    return (gaz or load_nationalities()).places.get(fold(place))
