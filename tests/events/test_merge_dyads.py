"""Cross-article event merge and dyad series (pure functions, hand-made events)."""

from __future__ import annotations

import datetime as dt

import pytest

from newslens.events import dyad_series, load_quad, merge_events
from newslens.records import Event, Evidence

DAY = dt.date(2025, 3, 3)


def event(
    eid: str,
    article: str,
    kind: str = "CONSULT",
    source: str = "state:XNV",
    target: str | None = "state:XKS",
    day: dt.date | None = DAY,
    **flags: object,
) -> Event:
    return Event(
        id=eid,
        type=kind,
        source=source,
        target=target,
        date=day,
        evidence=(Evidence(article, 0, f"sentence of {article}", f"outlet {article}"),),
        date_basis="expression" if day else "none",
        **flags,  # type: ignore[arg-type]
    )


def test_merge_joins_reports_of_one_event_across_articles() -> None:
    merged = merge_events(
        [
            event("e1", "a1"),
            event("e2", "a2", day=DAY + dt.timedelta(days=1)),
            event("e3", "a3", source="state:XKS", target="state:XNV"),  # CONSULT is symmetric
        ]
    )
    (one,) = merged
    assert {e.article_id for e in one.evidence} == {"a1", "a2", "a3"}
    assert one.date == DAY  # the most common exact date
    assert len({e.outlet for e in one.evidence}) == 3


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (event("e2", "a2", kind="SANCTION"), "another type"),
        (event("e2", "a2", day=DAY + dt.timedelta(days=10)), "ten days later"),
        (event("e2", "a2", negated=True), "a negated report"),
        (event("e2", "a2", hypothetical=True), "a hypothetical report"),
        (event("e2", "a2", target="state:XTV"), "another target"),
        (
            event("e2", "a2", kind="THREATEN", source="state:XKS", target="state:XNV"),
            "the other direction of a directed type",
        ),
        (event("e2", "a2", day=None), "an undated report elsewhere"),
    ],
)
def test_merge_keeps_different_events_apart(other: Event, why: str) -> None:
    base = event(
        "e1",
        "a1",
        kind="THREATEN" if other.type == "THREATEN" else "CONSULT",
        source="state:XNV",
        target="state:XKS",
    )
    assert len(merge_events([base, other])) == 2, why


def test_merge_is_deterministic_and_idempotent() -> None:
    events = [event(f"e{i}", f"a{i}", day=DAY + dt.timedelta(days=i % 2)) for i in range(5)]
    once = merge_events(events)
    assert merge_events(list(reversed(events))) == once
    assert len(once) == 1


def test_quad_classes_cover_plover_and_aliases() -> None:
    quad = load_quad()
    plover = {
        *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"),
        *("INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME"),
        *("MOBILIZE", "SANCTION", "COERCE", "ASSAULT"),
    }
    assert set(quad.classes) == set(plover)
    assert quad.canonical("REQUEST") == "DEMAND" and quad.canonical("accuse") == "DISAPPROVE"
    assert quad.weight("AID") == 2.0 and quad.weight("ASSAULT") == -2.0


def test_dyad_series_scores_by_month_without_negated_or_hypothetical() -> None:
    events = [
        event("e1", "a1", kind="CONSULT"),  # +1
        event("e2", "a2", kind="AID", day=DAY + dt.timedelta(days=2)),  # +2
        event("e3", "a3", kind="ASSAULT", day=dt.date(2025, 4, 2)),  # -2
        event("e4", "a4", kind="SANCTION", day=dt.date(2025, 4, 9), hypothetical=True),
        event("e5", "a5", kind="CONSULT", day=dt.date(2025, 4, 9), negated=True),
        event("e6", "a6", kind="CONSULT", target="state:XTV"),  # another dyad
    ]
    march, april = dyad_series(events, "state:XKS", "state:XNV")
    assert (march.start, march.events, march.score) == (dt.date(2025, 3, 1), 2, 1.5)
    assert march.by_type == {"AID": 1, "CONSULT": 1}
    assert (april.events, april.score) == (1, -2.0)


def test_event_stage_keeps_the_first_record_of_each_id() -> None:
    # Regression (issue 5): on news-2022 two quotes at one place got one id and the store
    # refused the batch; the stage now keeps the first of each id, in order.
    from newslens.events.stage import _first_of_each

    first, second, again = event("e1", "a1"), event("e2", "a2"), event("e1", "a3")
    assert _first_of_each([first, second, again]) == (first, second)
