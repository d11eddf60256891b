"""The actor gazetteer: countries, capitals, seats, demonyms, organisations, roles and bodies.

Everything here is loaded from data files under ``newslens/data/gazetteer`` (see its files'
headers for their columns); this module only indexes them for linear-time lookup over tokens.
Surfaces are keyed by :func:`fold` (lowercase, no diacritics, straight apostrophes). Acronyms
(surfaces without lowercase letters, "US", "WHO") match only with their exact case; other names
must start with a capital letter in the text.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from newslens.countries import country_files, fold, read_countries, strip_accents
from newslens.nlp.people import People, load_people
from newslens.records import Actor

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# Which entry wins when one surface names several things ("Luxembourg": country over capital).
# id prefix -> actor kind for the rows of organisations.tsv that are not organisations
_ORG_KINDS = {"bloc": "bloc", "region": "region"}
_PRIORITY = {"country": 0, "org": 1, "seat": 2, "capital": 3, "demonym": 4}


@dataclass(frozen=True)
class NameEntry:
    """A surface that names a state or organisation, and how it does (kind: country, capital,
    seat, demonym, org; how: the Mention.how it yields)."""

    actor_id: str
    kind: str
    how: str
    surface: str
    exact: bool

    def accepts(self, text: str) -> bool:
        """Whether ``text`` (the span as written) is this surface with acceptable case."""
        if self.exact:
            return strip_accents(text) == self.surface
        return text[:1].isupper()


@dataclass(frozen=True)
class RoleEntry:
    """A role phrase (title) and what it means; see roles.tsv."""

    phrase: str
    role: str
    families: frozenset[str]
    sector: str
    applies: str
    generic: bool


@dataclass(frozen=True)
class BodyEntry:
    """A government-body phrase that needs a country ("the Chinese foreign ministry")."""

    phrase: str
    target: str
    suffix: str
    template: str
    sector: str


@dataclass(frozen=True)
class Gazetteer:
    """Indexed gazetteer data. Build it with :func:`load_gazetteer`."""

    names: dict[str, tuple[NameEntry, ...]]
    name_prefixes: frozenset[str]
    roles: dict[str, RoleEntry]
    bodies: dict[str, BodyEntry]
    phrase_prefixes: frozenset[str]
    actors: dict[str, Actor]
    country_names: dict[str, str]
    role_words: frozenset[str]
    locative_prepositions: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    non_state_nouns: frozenset[str] = frozenset()
    role_modifiers: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    role_complements: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    bloc_nouns: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    transfer_verbs: frozenset[str] = frozenset()
    giver_heads: frozenset[str] = frozenset()
    endings: tuple[tuple[str, str], ...] = ()
    letters: tuple[tuple[str, str], ...] = ()
    max_tokens: int = field(default=8)
    people: People = field(default_factory=People)

    def fold_name(self, token: str) -> str:
        """A person-name token folded for comparison across spellings (Zelenskyy -> zelensky)."""
        key = fold(token)
        for old, new in self.letters:
            key = key.replace(old, new)
        if len(key) >= 5:
            for old, new in self.endings:
                if key.endswith(old):
                    return key[: -len(old)] + new
        return key

    def person_key(self, words: Iterable[str]) -> tuple[str, ...]:
        """The comparison key of a person's name tokens ("Volodymyr Zelenskyy" and "Volodymyr
        Zelensky" share one); punctuation-only tokens drop out."""
        key = []
        for text in words:
            folded = self.fold_name(text)
            folded = "".join(ch for ch in folded if ch.isalnum() or ch == "-").strip("-")
            if folded:
                key.append(folded)
        return tuple(key)


def _rows(path: Path, width: int) -> list[list[str]]:
    """Tab-separated rows of a data file, comments skipped, padded to ``width`` fields."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((line.split("\t") + [""] * width)[:width])
    return rows


def _split(field_text: str) -> list[str]:
    return [item.strip() for item in field_text.split("|") if item.strip()]


def _drop_article(surface: str) -> str:
    """ "The Gambia" is matched as "Gambia": determiners are not part of a name."""
    return surface[4:] if surface.lower().startswith("the ") else surface


def _prefixes(keys: list[str]) -> frozenset[str]:
    return frozenset(key[:end] for key in keys for end in range(1, len(key) + 1))


def _index_names(
    raw: list[tuple[str, NameEntry, bool]],
) -> dict[str, tuple[NameEntry, ...]]:
    """Surface key -> entries; dependencies yield to sovereign states; ambiguous keys dropped."""
    grouped: dict[str, list[tuple[NameEntry, bool]]] = {}
    for key, entry, dependency in raw:
        grouped.setdefault(key, []).append((entry, dependency))
    index: dict[str, tuple[NameEntry, ...]] = {}
    for key, candidates in grouped.items():
        best = min((_PRIORITY[e.kind], dep) for e, dep in candidates)
        kept = [e for e, dep in candidates if (_PRIORITY[e.kind], dep) == best]
        if len({e.actor_id for e in kept}) == 1:  # "Congolese": two states, so neither
            index[key] = tuple(kept)
    return index


def _country_entries(path: Path) -> tuple[list[tuple[str, NameEntry, bool]], dict[str, str]]:
    raw: list[tuple[str, NameEntry, bool]] = []
    names: dict[str, str] = {}
    for row in read_countries(path):
        name = row.name
        names[row.alpha3] = name
        actor_id = f"state:{row.alpha3}"
        dependency = bool(row.sovereign)
        groups = [("country", "name", [name]), ("country", "alias", list(row.names))]
        groups += [
            ("seat", "metonymy", list(row.seats)),
            ("demonym", "demonym", list(row.demonyms)),
        ]
        if not dependency:  # "Hamilton" or "Douglas" said: a person, not Bermuda or Man
            groups.append(("capital", "metonymy", list(row.capitals)))
        for kind, how, surfaces in groups:
            for surface in surfaces:
                surface = _drop_article(surface)
                how_here = "name" if kind == "country" and surface == name else how
                entry = NameEntry(
                    actor_id,
                    kind,
                    how_here,
                    strip_accents(surface),
                    not any(c.islower() for c in surface),
                )
                raw.append((fold(surface), entry, dependency))
    return raw, names


def _org_entries(path: Path) -> tuple[list[tuple[str, NameEntry, bool]], dict[str, Actor]]:
    raw: list[tuple[str, NameEntry, bool]] = []
    actors: dict[str, Actor] = {}
    for actor_id, name, country, sector, roles, aliases, seats in _rows(path, 7):
        kind = _ORG_KINDS.get(actor_id.split(":", 1)[0], "organisation")
        actors[actor_id] = Actor(
            actor_id, name, kind, country or None, sector or None, tuple(_split(roles))
        )
        for surface in [name, *_split(aliases)]:
            if surface[:1].islower():  # "the West": a display name; its aliases are matched
                continue
            how = "name" if surface == name else "alias"
            exact = not any(c.islower() for c in surface)
            raw.append(
                (
                    fold(surface),
                    NameEntry(actor_id, "org", how, strip_accents(surface), exact),
                    False,
                )
            )
        for surface in _split(seats):  # "Brussels" said: the EU, as "the Kremlin" is Russia
            entry = NameEntry(actor_id, "seat", "metonymy", strip_accents(surface), False)
            raw.append((fold(surface), entry, False))
    return raw, actors


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load and index the gazetteer data files from ``path`` (default: the bundled data). Cached."""
    base = path or DATA_DIR
    country_raw: list[tuple[str, NameEntry, bool]] = []
    country_names: dict[str, str] = {}
    # Extra files extend the bundled lists (the demo's fictional countries, a user's own bodies).
    for table in country_files(base):
        more_raw, more_names = _country_entries(table)
        country_raw += more_raw
        country_names.update(more_names)
    org_raw, actors = _org_entries(base / "organisations.tsv")
    for extra in sorted(base.glob("organisations_*.tsv")):
        more_raw, more_actors = _org_entries(extra)
        org_raw += more_raw
        actors.update(more_actors)
    for alpha3, name in country_names.items():
        actors[f"state:{alpha3}"] = Actor(f"state:{alpha3}", name, "state", alpha3, "government")
    names = _index_names(country_raw + org_raw)
    roles = {
        fold(phrase): RoleEntry(
            fold(phrase), role, frozenset(_split(families)), sector, applies, generic == "yes"
        )
        for phrase, role, families, sector, applies, generic in _rows(base / "roles.tsv", 6)
    }
    bodies = {
        fold(phrase): BodyEntry(fold(phrase), target, suffix, template, sector)
        for phrase, target, suffix, template, sector in _rows(base / "bodies.tsv", 5)
    }
    rules = tomllib.loads((base / "rules.toml").read_text(encoding="utf-8"))
    translit = rules.get("transliteration", {})
    role_words = {word for phrase in roles for word in phrase.split()}
    role_words |= set(rules["role_modifiers"])
    gazetteer = Gazetteer(
        names=names,
        name_prefixes=_prefixes(list(names)),
        roles=roles,
        bodies=bodies,
        phrase_prefixes=_prefixes(list(roles) + list(bodies)),
        actors=actors,
        country_names=country_names,
        role_words=frozenset(role_words),
        locative_prepositions=frozenset(rules["locative_prepositions"]),
        place_verbs=frozenset(rules["place_verbs"]),
        non_state_nouns=frozenset(rules["non_state_nouns"]),
        role_modifiers=frozenset(rules["role_modifiers"]),
        determiners=frozenset(rules["determiners"]),
        role_complements=frozenset(rules["role_complements"]),
        organisation_words=frozenset(rules.get("organisation_words", ())),
        bloc_nouns=frozenset(rules.get("bloc_nouns", ())),
        government_nouns=frozenset(rules.get("government_nouns", ())),
        transfer_verbs=frozenset(rules.get("transfer_verbs", ())),
        giver_heads=frozenset(rules.get("giver_heads", ())),
        endings=tuple((old, new) for old, new in translit.get("endings", [])),
        letters=tuple((old, new) for old, new in translit.get("letters", [])),
        max_tokens=max(len(key.split()) for key in [*names, *roles, *bodies]) + 3,
    )
    people = [base / "people.tsv", *sorted(base.glob("people_*.tsv"))]
    known = load_people([p for p in people if p.exists()], gazetteer.person_key)
    return replace(gazetteer, people=known)
