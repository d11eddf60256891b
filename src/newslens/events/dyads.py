"""Relation series between two actors: events per period by type, and a cooperation–conflict
score from PLOVER's quad classes (weights in ``data/events/quad.toml``)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newslens.errors import ConfigError
from newslens.records import Event

QUAD_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / "quad.toml"


@dataclass(frozen=True)
class QuadClasses:
    """PLOVER types -> quad class -> weight, and accepted type aliases."""

    classes: dict[str, str]
    weights: dict[str, float]
    aliases: dict[str, str]

    def canonical(self, event_type: str) -> str:
        """The PLOVER type a name stands for (POLECAT's REQUEST -> DEMAND)."""
        upper = event_type.upper()
        return self.aliases.get(upper, upper)

    def weight(self, event_type: str) -> float:
        return self.weights[self.classes[self.canonical(event_type)]]


@lru_cache(maxsize=2)
def load_quad(path: Path = QUAD_FILE) -> QuadClasses:
    """The quad classes and weights of the data file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return QuadClasses(
            classes={k.upper(): str(v) for k, v in data["classes"].items()},
            weights={k: float(v) for k, v in data["weights"].items()},
            aliases={k.upper(): str(v).upper() for k, v in data.get("aliases", {}).items()},
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigError(f"cannot read the quad classes in {path}: {exc}; fix the file") from exc


@dataclass(frozen=True)
class DyadPeriod:
    """One period of a dyad's series."""

    start: dt.date
    events: int
    by_type: dict[str, int] = field(default_factory=dict)
    score: float = 0.0  # mean weight, from -2 (material conflict) to +2 (material cooperation)

    def to_dict(self) -> dict[str, object]:
        """``{start, events, by_type, score}`` with the start as an ISO date (CLI, API, reports)."""
        return {
            "start": self.start.isoformat(),
            "events": self.events,
            "by_type": self.by_type,
            "score": self.score,
        }


def _period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "year":
        return day.replace(month=1, day=1)
    return day.replace(day=1)


def _event_day(event: Event) -> dt.date | None:
    if event.date:
        return event.date
    if event.date_earliest and event.date_latest:
        return event.date_earliest + (event.date_latest - event.date_earliest) / 2
    return None


def dyad_series(
    events: Sequence[Event], a: str, b: str, period: str = "month", quad: QuadClasses | None = None
) -> list[DyadPeriod]:
    """Events between actors ``a`` and ``b`` (either direction) per period, with the score.

    Negated and hypothetical events are left out (they did not happen); undated events too
    (they have no period).
    """
    if period not in ("week", "month", "year"):
        raise ConfigError(f"unknown period {period!r}; choose week, month or year")
    quad = quad or load_quad()
    buckets: dict[dt.date, list[Event]] = {}
    for event in events:
        if event.negated or event.hypothetical or {event.source, event.target} != {a, b}:
            continue
        day = _event_day(event)
        if day is not None:
            buckets.setdefault(_period_start(day, period), []).append(event)
    series = []
    for start in sorted(buckets):
        members = buckets[start]
        types = Counter(quad.canonical(e.type) for e in members)
        score = sum(quad.weight(e.type) for e in members) / len(members)
        series.append(DyadPeriod(start, len(members), dict(sorted(types.items())), round(score, 3)))
    return series
