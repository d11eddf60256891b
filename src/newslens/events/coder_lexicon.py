"""The event lexicon: PLOVER types with their verbs, nouns and phrasings, and the flagging cues.

The words live in ``data/events/lexicon.toml`` (its header documents the schema); a user's file
extends the bundled one. :func:`match_phrases` finds the multiword phrasings in a sentence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslens.errors import ConfigError

__all__ = ["PLOVER_TYPES", "Cues", "Lexicon", "PhraseMatch", "load_lexicon", "match_phrases"]

LEXICON_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / "lexicon.toml"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME", "MOBILIZE", "SANCTION",
    "COERCE", "ASSAULT",
)  # fmt: skip

GAP = "*"
MAX_GAP = 4


@dataclass(frozen=True)
class Cues:
    """Word lists (lower-case lemmas) that flag events; see the lexicon file's header."""

    negation: frozenset[str] = frozenset()
    negating_governors: frozenset[str] = frozenset()
    refusal: frozenset[str] = frozenset()
    threat: frozenset[str] = frozenset()
    demand: frozenset[str] = frozenset()
    modal: frozenset[str] = frozenset()
    hypothetical_governors: frozenset[str] = frozenset()
    conditional: frozenset[str] = frozenset()
    background_marks: frozenset[str] = frozenset()
    background_clause_marks: frozenset[str] = frozenset()
    background_phrases: tuple[str, ...] = ()
    background_days: int = 14
    reporting: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    location_preps: frozenset[str] = frozenset()
    location_words: frozenset[str] = frozenset()
    verbal: frozenset[str] = frozenset()
    military: frozenset[str] = frozenset()
    needs_target: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    standing_nouns: frozenset[str] = frozenset()
    local_types: frozenset[str] = frozenset()
    person_object_senses: frozenset[str] = frozenset()
    no_comment: frozenset[str] = frozenset()
    assertion_senses: frozenset[str] = frozenset()
    controlled_preps: frozenset[str] = frozenset()
    territorial: frozenset[str] = frozenset()
    literal_force: frozenset[str] = frozenset()
    own_force_types: frozenset[str] = frozenset()
    territory_nouns: frozenset[str] = frozenset()
    armed_agents: frozenset[str] = frozenset()
    local_agents: frozenset[str] = frozenset()
    seated_agents: frozenset[str] = frozenset()
    mediation: frozenset[str] = frozenset()
    intransitive: frozenset[str] = frozenset()
    with_nouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    commands: frozenset[str] = frozenset()
    struck_preps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Verb lemmas, event nouns and phrases by PLOVER type, with the cues."""

    verbs: Mapping[str, str]  # lemma -> type
    nouns: Mapping[str, str]  # lemma -> type
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # (words, type), longest first
    symmetric: frozenset[str]
    in_target: frozenset[str]
    aliases: Mapping[str, str]
    cues: Cues = field(default_factory=Cues)
    not_objects: Mapping[str, frozenset[str]] = field(default_factory=dict)  # verb -> objects
    not_subjects: Mapping[str, frozenset[str]] = field(default_factory=dict)  # verb -> subjects
    cue_words: Mapping[str, frozenset[str]] = field(default_factory=dict)  # word -> types
    # event noun -> {preposition: the type the noun codes with it}
    noun_senses: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        """The PLOVER type for a type name or an accepted alias (REQUEST -> DEMAND)."""
        upper = name.upper()
        return self.aliases.get(upper, upper)


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase found in a sentence: its type, its words and the token indices it matched."""

    type: str
    phrase: str
    tokens: tuple[int, ...]


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"cannot read the event lexicon {path}: {exc}; fix the file or point to another one"
        ) from exc


def _words(values: Any, where: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where} in the event lexicon must be a list of strings; fix the file")
    return [v.strip().lower() for v in values if v.strip()]


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    """Add a user's lexicon to the bundled one (lists extend, scalars replace)."""
    aliases = {**base.get("aliases", {}), **extra.get("aliases", {})}
    base["aliases"] = {str(k).upper(): str(v).upper() for k, v in aliases.items()}
    types = base.setdefault("types", {})
    for name, table in extra.get("types", {}).items():
        key = _plover_type(name, base["aliases"], "the event lexicon")
        target = types.setdefault(key, {})
        for item, value in table.items():
            if isinstance(value, list) and not table.get("replace", False):
                target[item] = list(target.get(item, [])) + value
            else:
                target[item] = value
    for table in ("cues", "senses", "subject_senses", "noun_senses"):
        into = base.setdefault(table, {})
        for item, value in extra.get(table, {}).items():
            if isinstance(value, list):
                into[item] = list(into.get(item, [])) + value
            elif isinstance(value, Mapping):
                into[item] = {**into.get(item, {}), **value}
            else:
                into[item] = value


def _cues(table: Mapping[str, Any]) -> Cues:
    sets = {}
    for name in Cues.__dataclass_fields__:
        if name in ("background_phrases", "background_days", "location_words"):
            continue
        sets[name] = frozenset(_words(table.get(name, []), f"cues.{name}"))
    words = [w.strip() for w in table.get("location_words", [])]
    return Cues(
        **sets,
        background_phrases=tuple(_words(table.get("background_phrases", []), "background_phrases")),
        background_days=int(table.get("background_days", 14)),
        location_words=frozenset(words),
    )


def _build(data: Mapping[str, Any]) -> Lexicon:
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    cue_words: dict[str, set[str]] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    symmetric, in_target = set(), set()
    for name, table in data.get("types", {}).items():
        for verb in _words(table.get("verbs", []), f"types.{name}.verbs"):
            if " " in verb:
                phrases.append((tuple(verb.split()), name))
            else:
                verbs[verb] = name
        for noun in _words(table.get("nouns", []), f"types.{name}.nouns"):
            nouns[noun.split()[-1]] = name
        for phrase in _words(table.get("phrases", []), f"types.{name}.phrases"):
            phrases.append((tuple(phrase.split()), name))
        for word in _words(table.get("cue_words", []), f"types.{name}.cue_words"):
            cue_words.setdefault(word, set()).add(name)
        if table.get("symmetric", False):
            symmetric.add(name)
        if table.get("in_target", False):
            in_target.add(name)
    phrases.sort(key=lambda p: -len([w for w in p[0] if w != GAP]))
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        phrases=tuple(dict.fromkeys(phrases)),
        symmetric=frozenset(symmetric),
        in_target=frozenset(in_target),
        aliases=dict(data.get("aliases", {})),
        cues=_cues(data.get("cues", {})),
        cue_words={w: frozenset(kinds) for w, kinds in cue_words.items()},
        not_objects={
            verb.lower(): frozenset(_words(objects, f"senses.{verb}"))
            for verb, objects in data.get("senses", {}).items()
        },
        not_subjects={
            verb.lower(): frozenset(_words(subjects, f"subject_senses.{verb}"))
            for verb, subjects in data.get("subject_senses", {}).items()
        },
        noun_senses={
            noun.lower(): _noun_senses(preps, f"noun_senses.{noun}", data)
            for noun, preps in data.get("noun_senses", {}).items()
        },
    )


def _noun_senses(preps: Any, where: str, data: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(preps, Mapping) or not all(isinstance(v, str) for v in preps.values()):
        raise ConfigError(f"{where} in the event lexicon must map prepositions to event types")
    aliases = data.get("aliases", {})
    where = f"{where} of the event lexicon"
    return {prep.lower(): _plover_type(kind, aliases, where) for prep, kind in preps.items()}


def _plover_type(name: str, aliases: Mapping[str, str], where: str) -> str:
    """The PLOVER type ``name`` (or its alias) stands for; a clear error naming ``where``."""
    key = aliases.get(name.upper(), name.upper())
    if key not in PLOVER_TYPES:
        raise ConfigError(
            f"unknown event type {name!r} in {where}; use one of {', '.join(PLOVER_TYPES)}"
        )
    return key


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The bundled lexicon, extended by the user's file at ``path`` when one is given."""
    data = _read(LEXICON_FILE)
    extra = {
        k: data.pop(k, {}) for k in ("aliases", "types", "senses", "subject_senses", "noun_senses")
    }
    _merge(data, extra)
    if path is not None:
        _merge(data, _read(path))
    return _build(data)


def _word_matches(word: str, token: Any) -> bool:
    return bool(word == token.lower_ or word == token.lemma_.lower())


def _match_at(words: Sequence[str], tokens: Sequence[Any], at: int) -> tuple[int, ...] | None:
    found: list[int] = []
    pos, gap = at, 0
    for word in words:
        if word == GAP:
            gap = MAX_GAP
            continue
        limit = min(len(tokens), pos + gap + 1)
        hit = next((i for i in range(pos, limit) if _word_matches(word, tokens[i])), None)
        if hit is None:
            return None
        found.append(hit)
        pos, gap = hit + 1, 0
    return tuple(found)


def match_phrases(lexicon: Lexicon, tokens: Sequence[Any]) -> list[PhraseMatch]:
    """Non-overlapping phrase matches in a sentence's tokens (longest first at each start)."""
    taken: set[int] = set()
    out: list[PhraseMatch] = []
    for at in range(len(tokens)):
        if at in taken:
            continue
        for words, kind in lexicon.phrases:
            if not _word_matches(words[0], tokens[at]):
                continue
            hit = _match_at(words, tokens, at)
            if hit is not None and not taken.intersection(hit):
                out.append(PhraseMatch(kind, " ".join(words), hit))
                taken.update(range(hit[0], hit[-1] + 1))
                break
    return out


def cued_types(lexicon: Lexicon, tokens: Sequence[Any]) -> frozenset[str]:
    """The types whose words occur in a sentence, in any order or syntax: a verb, noun or cue word
    of the type (by lemma or as written, whatever its part of speech), or every word of one of
    its phrases. The classifier may add an event only of such a type (``combine.py``, rule 5)."""
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    found = {lexicon.verbs[w] for w in words if w in lexicon.verbs}
    found |= {lexicon.nouns[w] for w in words if w in lexicon.nouns}
    found |= {kind for w in words for kind in lexicon.cue_words.get(w, ())}
    found |= {
        kind for phrase, kind in lexicon.phrases if all(w == "*" or w in words for w in phrase)
    }
    return frozenset(found)


def lexicon_types(lexicon: Lexicon) -> frozenset[str]:
    """The types the lexicon has words for."""
    return frozenset(
        {*lexicon.verbs.values(), *lexicon.nouns.values(), *(k for _, k in lexicon.phrases)}
    )


def learned_cues(
    cues: Mapping[str, Collection[str]] | None,
    tokens: Sequence[Any],
    skip: Collection[str] = (),
) -> frozenset[str]:
    """The types whose learned cue words (the model's, ``classifier.learn_cues``) a sentence
    holds, by lower-case form as written, as the model learnt them; ``skip``: types left to
    the lexicon's words (the coder passes the lexicon's own types, see combine.py)."""
    if not cues:
        return frozenset()
    words = {t.text for t in tokens if t.text.islower()}
    return frozenset(
        kind for kind, cue in cues.items() if kind not in skip and not words.isdisjoint(cue)
    )
