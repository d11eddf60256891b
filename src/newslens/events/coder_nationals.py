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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newslens.nlp.gazetteer import Gazetteer, fold, load_gazetteer

ActorAt = Mapping[int, tuple[str, ...]]


def national_index(
    doc: Any, actor_at: ActorAt, gaz: Gazetteer | None = None
) -> dict[int, tuple[str, ...]]:
    """Token index -> (state id,) for each nationality demonym the resolver left unresolved."""
    gaz = gaz or load_gazetteer()
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


def _state_of(gaz: Gazetteer, tok: Any) -> str | None:
    """The state a demonym token names ("Canadian", plural "Canadians"), else None."""
    text = tok.text
    keys = [fold(text)]
    if tok.tag_ in ("NNS", "NNPS") and text.endswith("s"):
        keys.append(fold(text[:-1]))  # "Americans" -> "american"
    for key in keys:
        for entry in gaz.names.get(key, ()):
            if entry.kind == "demonym" and entry.actor_id.startswith("state:"):
                return entry.actor_id
    return None


def place_state(place: str | None, gaz: Gazetteer | None = None) -> str | None:
    """The state whose capital or name a stated place is ("in Paris" -> state:FRA), else None."""
    if not place:
        return None
    gaz = gaz or load_gazetteer()
    for entry in gaz.names.get(fold(place), ()):
        if entry.kind in ("capital", "country") and entry.actor_id.startswith("state:"):
            return entry.actor_id
    return None
