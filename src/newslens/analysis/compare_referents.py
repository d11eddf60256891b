"""Competing terms for the same referent: "special military operation" or "invasion"?

A referent file (default: the bundled ``data/analysis/referents.toml``, whose header documents the
format) lists groups of competing names. Every term of every group goes into one case-insensitive
pattern, longest first, matched on word boundaries, so at any position the longest term wins and
its words are not counted again ("special military operation" is not also "military
operation"); a group's ``ignore`` phrases ("cold war") are consumed and counted for nothing. Only
original articles count (a wire copy would repeat its original's choice of words), and a group is
reported only when the bundle uses at least two of its terms: one name used by everyone shows no
difference.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslens.analysis.bundle import Bundle
from newslens.analysis.compare_terms import original_texts
from newslens.errors import ConfigError

__all__ = ["ReferentGroup", "ReferentUsage", "count_referents", "load_referents"]

DEFAULT_REFERENTS = Path(__file__).resolve().parents[1] / "data" / "analysis" / "referents.toml"


@dataclass(frozen=True)
class ReferentGroup:
    """Competing names for one referent, as the referent file lists them."""

    id: str
    label: str
    terms: tuple[str, ...]
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferentUsage:
    """How often each outlet used each term of one group (``counts[outlet][term]``)."""

    id: str
    label: str
    terms: tuple[str, ...]  # the terms the bundle used, most used first
    counts: Mapping[str, Mapping[str, int]]
    totals: Mapping[str, int]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TypeError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def load_referents(path: Path | None = None) -> tuple[ReferentGroup, ...]:
    """The referent groups in ``path`` (default: the bundled ``data/analysis/referents.toml``)."""
    path = path or DEFAULT_REFERENTS
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        groups = []
        for i, raw in enumerate(data["group"]):
            group_id = str(raw.get("id") or f"group-{i + 1}")
            groups.append(
                ReferentGroup(
                    group_id,
                    str(raw.get("label", group_id)),
                    _strings(raw["terms"], f"group {group_id!r} terms"),
                    _strings(raw.get("ignore", []), f"group {group_id!r} ignore"),
                )
            )
        return tuple(groups)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"referent file {path}: cannot be read ({exc}); give a readable UTF-8 TOML file"
        ) from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"referent file {path}: unexpected layout ({exc}); it needs [[group]] tables with "
            "'id', 'label' and a 'terms' list (optional 'ignore' list), as in the bundled "
            "data/analysis/referents.toml"
        ) from exc


def _phrase_pattern(phrase: str) -> str:
    parts = re.split(r"(\s+|['’])", phrase.strip())
    out = []
    for part in parts:
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif part in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(part))
    return "".join(out)


class _Matcher:
    """One pattern over all groups' terms and ignore phrases, longest first."""

    def __init__(self, groups: Iterable[ReferentGroup]) -> None:
        # a phrase -> the (group id, term) pairs it counts for (none for an ignore phrase)
        self.owners: dict[str, list[tuple[str, str]]] = {}
        for group in groups:
            for term in group.terms:
                self.owners.setdefault(self.key(term), []).append((group.id, term))
            for phrase in group.ignore:
                self.owners.setdefault(self.key(phrase), [])
        phrases = sorted(self.owners, key=lambda p: (-len(p), p))
        alternation = "|".join(_phrase_pattern(p) for p in phrases)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)

    @staticmethod
    def key(phrase: str) -> str:
        return " ".join(phrase.replace("’", "'").lower().split())

    def find(self, text: str) -> Iterable[tuple[str, str]]:
        if not self.owners:
            return
        for match in self.pattern.finditer(text):
            yield from self.owners.get(self.key(match.group(0)), [])


def count_referents(
    bundle: Bundle, groups: Iterable[ReferentGroup] | None = None
) -> tuple[ReferentUsage, ...]:
    """Per group, each outlet's count of each term, for groups where two or more terms occur.

    ``groups`` defaults to the bundled referent file. Groups keep the file's order; outlets are
    sorted by name; a group's terms are listed most used first (ties in the file's order).
    """
    groups = tuple(load_referents() if groups is None else groups)
    matcher = _Matcher(groups)
    counts: dict[str, dict[str, dict[str, int]]] = {g.id: {} for g in groups}
    for outlet, texts in sorted(original_texts(bundle).items()):
        for text in texts:
            for group_id, term in matcher.find(text):
                per_outlet = counts[group_id].setdefault(outlet, {})
                per_outlet[term] = per_outlet.get(term, 0) + 1
    usages = []
    for group in groups:
        by_outlet = counts[group.id]
        totals: dict[str, int] = {}
        for outlet_counts in by_outlet.values():
            for term, n in outlet_counts.items():
                totals[term] = totals.get(term, 0) + n
        if len(totals) < 2:
            continue
        order = {term: i for i, term in enumerate(group.terms)}
        used = tuple(sorted(totals, key=lambda t: (-totals[t], order[t])))
        usages.append(
            ReferentUsage(
                group.id,
                group.label,
                used,
                {o: {t: c[t] for t in used if t in c} for o, c in by_outlet.items()},
                {t: totals[t] for t in used},
            )
        )
    return tuple(usages)
