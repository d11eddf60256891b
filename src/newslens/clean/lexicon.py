"""Cue lists for cleaning, loaded from the data files ``data/boilerplate.toml`` and
``data/signatures.toml``. Code holds the logic; the words and shapes live in data."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newslens.errors import ConfigError

Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class BoilerplateCues:
    """Compiled cues of ``boilerplate.toml`` (see the comments in that file)."""

    strong: Patterns
    credit: Patterns
    inline_tail: Patterns
    tail_headings: Patterns
    bio_headings: Patterns
    bio_max_lines: int
    gallery_headings: Patterns
    related_prefix: Patterns
    repetition_min_sources: int
    repetition_max_chars: int


@dataclass(frozen=True)
class SignatureCues:
    """Compiled metadata signatures of ``signatures.toml``."""

    outlet: Patterns
    republication: Patterns
    dateline: Patterns
    dateline_max_offset: int
    byline: Patterns
    byline_max_line: int
    byline_tail_lines: int
    staff_suffixes: tuple[str, ...]
    published_line: Patterns
    published_max_line: int
    updated_line: Patterns = ()
    truncation_marks: Patterns = ()
    complete_tails: Patterns = ()
    complete_tail_starts: Patterns = ()


def data_path(name: str) -> Path:
    """Path of a file in the package's ``data`` folder."""
    return Path(str(resources.files("newslens") / "data" / name))


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML data file, naming the file in the error when it does not parse."""
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"cannot read the data file {path}: {exc}. Fix the file or reinstall newslens."
        ) from exc


def _compile(table: dict[str, Any], section: str, path: Path, flags: int) -> Patterns:
    try:
        return tuple(re.compile(p, flags) for p in table.get(section, {}).get("patterns", []))
    except re.error as exc:
        raise ConfigError(
            f"bad regular expression in [{section}] of {path}: {exc}. Fix the pattern."
        ) from exc


def _compile_list(table: dict[str, Any], section: str, key: str, path: Path) -> Patterns:
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in table.get(section, {}).get(key, []))
    except re.error as exc:
        raise ConfigError(
            f"bad regular expression in [{section}] {key} of {path}: {exc}. Fix the pattern."
        ) from exc


@lru_cache(maxsize=4)
def boilerplate_cues(path: Path | None = None) -> BoilerplateCues:
    """Load and compile the boilerplate cues (cached per path)."""
    path = path or data_path("boilerplate.toml")
    data = load_toml(path)
    flags = re.IGNORECASE
    repetition = data.get("repetition", {})
    return BoilerplateCues(
        strong=_compile(data, "strong", path, flags),
        # Credits are matched at the end of a line, case-sensitively (see boilerplate.toml).
        credit=tuple(
            re.compile(f"(?:{p.pattern})\\s*$") for p in _compile(data, "credit", path, 0)
        ),
        inline_tail=_compile(data, "inline_tail", path, flags),
        tail_headings=_compile(data, "tail_headings", path, flags),
        bio_headings=_compile(data, "bio_headings", path, flags),
        bio_max_lines=int(data.get("bio_headings", {}).get("max_lines", 6)),
        gallery_headings=_compile(data, "gallery_headings", path, flags),
        related_prefix=_compile(data, "related_prefix", path, flags),
        repetition_min_sources=int(repetition.get("min_sources", 3)),
        repetition_max_chars=int(repetition.get("max_chars", 80)),
    )


@lru_cache(maxsize=4)
def signature_cues(path: Path | None = None) -> SignatureCues:
    """Load and compile the metadata signatures (cached per path)."""
    path = path or data_path("signatures.toml")
    data = load_toml(path)
    flags = re.IGNORECASE
    return SignatureCues(
        outlet=_compile(data, "outlet", path, flags),
        republication=_compile(data, "republication", path, flags),
        # Datelines are case-sensitive: "(UPI) --" after a capitalised place or month.
        dateline=_compile(data, "dateline", path, 0),
        dateline_max_offset=int(data.get("dateline", {}).get("max_offset", 80)),
        byline=_compile(data, "byline", path, flags),
        byline_max_line=int(data.get("byline", {}).get("max_line", 8)),
        byline_tail_lines=int(data.get("byline", {}).get("tail_lines", 1)),
        staff_suffixes=tuple(
            str(w).casefold() for w in data.get("byline", {}).get("staff_suffixes", [])
        ),
        published_line=_compile(data, "published_line", path, flags),
        published_max_line=int(data.get("published_line", {}).get("max_line", 8)),
        updated_line=_compile_list(data, "published_line", "updated_patterns", path),
        truncation_marks=_compile_list(data, "truncation", "marks", path),
        complete_tails=_compile_list(data, "truncation", "complete_tails", path),
        complete_tail_starts=_compile_list(data, "truncation", "complete_tail_starts", path),
    )


def full_match(patterns: Patterns, line: str) -> re.Match[str] | None:
    """First pattern that matches the whole of ``line``."""
    for pattern in patterns:
        match = pattern.fullmatch(line)
        if match:
            return match
    return None
