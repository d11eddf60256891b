"""The reporting cues that :mod:`newslens.events.quotes` reads: verbs, partial-only verbs,
speech-act verbs, verbs of judgment and naming, claim nouns, phrases and document nouns
(``data/events/quote_cues.toml``, or a user's file)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from newslens.errors import ConfigError

__all__ = ["QuoteCues", "load_quote_cues"]

_DEFAULT_CUES = Path(__file__).resolve().parents[1] / "data" / "events" / "quote_cues.toml"


@dataclass(frozen=True)
class QuoteCues:
    """Reporting cues: verb lemmas, partial-only verb lemmas, phrases, document nouns."""

    verbs: frozenset[str]
    partial_verbs: frozenset[str]
    phrases: tuple[str, ...]
    documents: frozenset[str]
    act_verbs: frozenset[str] = frozenset()
    judge_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    unmade_governors: frozenset[str] = frozenset()
    circumstance_preps: frozenset[str] = frozenset()


def load_quote_cues(path: Path | None = None) -> QuoteCues:
    """The reporting cues in ``path`` (default: the bundled ``data/events/quote_cues.toml``)."""
    path = path or _DEFAULT_CUES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return QuoteCues(
            frozenset(w.lower() for w in data["verbs"]),
            frozenset(w.lower() for w in data.get("partial_verbs", [])),
            tuple(p.lower() for p in data.get("phrases", [])),
            frozenset(w.lower() for w in data.get("documents", [])),
            frozenset(w.lower() for w in data.get("act_verbs", [])),
            frozenset(w.lower() for w in data.get("judge_verbs", [])),
            frozenset(w.lower() for w in data.get("naming_verbs", [])),
            frozenset(w.lower() for w in data.get("claim_nouns", [])),
            frozenset(w.lower() for w in data.get("unmade_governors", [])),
            frozenset(w.lower() for w in data.get("circumstance_preps", [])),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"quote cues {path}: cannot be read ({exc}); it needs a TOML list 'verbs' "
            "(and optional 'partial_verbs', 'act_verbs', 'judge_verbs', 'naming_verbs', "
            "'claim_nouns', 'unmade_governors', 'circumstance_preps', 'phrases', 'documents')"
        ) from exc
