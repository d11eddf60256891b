"""Hand-written articles for the story tests (fiction: places and people are invented)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newslens.records import ArticleText

D = dt.date

#: (id, date, outlet, title, body)
TEXTS: list[tuple[str, dt.date | None, str, str, str]] = [
    (
        "quake-1",
        D(2025, 3, 3),
        "Velmar Herald",
        "Earthquake shakes Port Seren, bridge collapses",
        "A magnitude 6.8 earthquake struck Port Seren on Monday, collapsing the Amber Bridge and "
        "killing at least twelve people. Rescue teams searched the rubble of the harbour district "
        "overnight, Mayor Elena Moravec said. The quake damaged the old harbour, the ferry "
        "terminal and hundreds of homes in Port Seren.",
    ),
    (
        "quake-2",
        D(2025, 3, 3),
        "CPA",
        "Port Seren earthquake: bridge down, twelve dead",
        "Rescuers in Port Seren pulled survivors from collapsed homes after the earthquake "
        "brought down the Amber Bridge. Mayor Elena Moravec said twelve people died in the quake "
        "and the harbour district and ferry terminal were badly damaged.",
    ),
    (
        "quake-3",
        D(2025, 3, 4),
        "KST",
        "Death toll from Port Seren quake rises",
        "The death toll from the earthquake in Port Seren rose to nineteen on Tuesday as rescue "
        "teams cleared the rubble near the Amber Bridge and the harbour. Elena Moravec thanked "
        "the rescuers and said the ferry terminal would stay closed after the quake.",
    ),
    (
        "talks-1",
        D(2025, 3, 3),
        "Global Ledger",
        "Kestria and Norvadia resume grain export talks",
        "Negotiators from Kestria and Norvadia met in Dorun on Monday to resume talks on grain "
        "exports through the Serrin Valley. Foreign Minister Dario Lenz said the corridor could "
        "reopen within weeks if both sides agree on inspections of the grain convoys.",
    ),
    (
        "talks-2",
        D(2025, 3, 4),
        "The Meridian Post",
        "Grain corridor talks resume in Dorun",
        "Kestrian and Norvadian negotiators resumed grain export talks in Dorun, where Dario Lenz "
        "said inspections of grain convoys through the Serrin Valley corridor were the last "
        "obstacle to reopening the exports.",
    ),
    (
        "sanctions-1",
        D(2025, 3, 11),
        "Global Ledger",
        "Norvadia imposes sanctions on Kestrian banks",
        "Norvadia imposed sanctions on three Kestrian banks on Tuesday, freezing their assets and "
        "barring payments. Dario Lenz called the sanctions an act of economic war and said Kestria "
        "would answer with tariffs on Norvadian steel.",
    ),
]


def article(
    ident: str,
    day: dt.date | None,
    outlet: str,
    title: str | None,
    body: str,
    seq: int = 0,
    **dates: dt.date | None,
) -> ArticleText:
    return ArticleText(
        id=ident, seq=seq, body=body, title=title, outlet=outlet, published=day, **dates
    )


@pytest.fixture
def make_article() -> Callable[..., ArticleText]:
    """``make_article(id, date, outlet, title, body, seq=0, **dates)``."""
    return article


@pytest.fixture
def articles() -> list[ArticleText]:
    return [article(*row, seq=i) for i, row in enumerate(TEXTS)]
