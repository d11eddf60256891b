"""Well-known people (``data/gazetteer/people.tsv``): a country for a person the article names
without a title, and one actor for every spelling of a name.

People otherwise come only from the article (spaCy PERSON entities, titles, appositions), so
"Putin said" in an article that never writes "Russian President" gives a person without a
country, and a lone surname never becomes an actor. This index is consulted per article by
:func:`newslens.nlp.actors.resolve_actors`: a known person is added to the article's people
when one of their full names occurs in it, or one of their one-word names does while no other
person of the article bears that word. Offices are not taken from here (they change); only the
country and the canonical name are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["KnownPerson", "People", "load_people"]

Key = tuple[str, ...]


@dataclass(frozen=True)
class KnownPerson:
    name: str
    country: str | None
    key: Key  # of the canonical name: the actor id is "person:" + "-".join(key)
    keys: tuple[Key, ...]  # every full spelling, the canonical first
    short: tuple[Key, ...]  # one-word names ("Putin"), used only when unambiguous


@dataclass(frozen=True)
class People:
    """Known people by the key of each full spelling and of each one-word name."""

    full: dict[Key, KnownPerson] = field(default_factory=dict)
    short: dict[Key, KnownPerson] = field(default_factory=dict)
    first_words: frozenset[str] = frozenset()

    def found_in(
        self, words: Sequence[str], others: Iterable[Key]
    ) -> list[tuple[KnownPerson, tuple[Key, ...]]]:
        """The known people a text names, each with the keys that may stand for them in it.
        ``words``: the text's folded name tokens in order ("" where a token is no name part);
        ``others``: the keys of the other people the article names (a one-word name one of them
        bears is ambiguous, so neither names the known person nor stands for them)."""
        present = set(words)
        if not present & self.first_words:
            return []
        taken = {part for key in others if key not in self.full and key not in self.short
                 for part in key}  # fmt: skip
        named: dict[Key, KnownPerson] = {}
        for key, person in self.full.items():
            if set(key) <= present and _contains(words, key):
                named[person.key] = person
        for key, person in self.short.items():
            if set(key) <= present and not set(key) & taken and _contains(words, key):
                named[person.key] = person
        return [(p, (*p.keys, *(k for k in p.short if not set(k) & taken))) for p in named.values()]


def _contains(words: Sequence[str], key: Key) -> bool:
    n = len(key)
    first = key[0]
    return any(
        words[i] == first and tuple(words[i : i + n]) == key for i in range(len(words) - n + 1)
    )


def _surface_words(surface: str) -> list[str]:
    """The tokens spaCy makes of a name: hyphens between letters split ("Ben-Gvir")."""
    return [w for w in re.split(r"[\s\-]+", surface) if w]


def load_people(paths: Iterable[Path], key_of: Callable[[Iterable[str]], Key]) -> People:
    """Index the people files (name, country, other spellings, one-word names per row, tab
    separated, lists |-separated). A spelling or one-word name two people share is dropped."""
    rows: list[KnownPerson] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, country, spellings, one_word = (line.split("\t") + [""] * 4)[:4]
            key = key_of(_surface_words(name))
            others = [key_of(_surface_words(s)) for s in spellings.split("|") if s.strip()]
            keys = tuple(dict.fromkeys(k for k in [key, *others] if k))
            words = [key_of(_surface_words(s)) for s in one_word.split("|") if s.strip()]
            rows.append(KnownPerson(name.strip(), country.strip() or None, key, keys, tuple(words)))
    full = _unambiguous((k, p) for p in rows for k in p.keys)
    short = _unambiguous((k, p) for p in rows for k in p.short if k)
    first = frozenset(k[0] for k in [*full, *short])
    return People(full, short, first)


def _unambiguous(pairs: Iterable[tuple[Key, KnownPerson]]) -> dict[Key, KnownPerson]:
    index: dict[Key, KnownPerson] = {}
    clash: set[Key] = set()
    for key, person in pairs:
        if key in index and index[key].key != person.key:
            clash.add(key)
        index.setdefault(key, person)
    return {k: p for k, p in index.items() if k not in clash}
