"""Timelines from hand-made bundles: what goes in, where it is dated, how it is ranked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newslens.analysis import Bundle, Scope, SourceArticle
from newslens.analysis.timeline import build_timeline
from newslens.records import Actor, Event, Evidence, Story

D = dt.date
CONTRACT = [
    "date",
    "date_earliest",
    "date_latest",
    "type",
    "source",
    "target",
    "summary",
    "citations",
]


def article(
    aid: str,
    outlet: str,
    published: dt.date | None,
    copy_of: str | None = None,
    **more: object,
) -> SourceArticle:
    return SourceArticle(
        id=aid,
        url=f"https://example.test/{aid}",
        outlet=outlet,
        title=f"Title {aid}",
        published=published,
        duplicate_of=copy_of,
        **more,  # type: ignore[arg-type]
    )


ARTICLES = {
    "a1": article("a1", "Harbour Post", D(2025, 3, 4)),
    "a2": article("a2", "Valley Courier", D(2025, 3, 5)),
    "a3": article("a3", "Ridge Times", D(2025, 3, 5)),
    "a4": article("a4", "Coast Wire", D(2025, 3, 5), copy_of="a2"),
    "a5": article("a5", "Harbour Post", D(2025, 4, 20)),
    "u1": article(
        "u1", "Nightly", None, published_earliest=D(2025, 2, 1), published_latest=D(2025, 2, 28)
    ),
    "n1": article("n1", None, None),  # type: ignore[arg-type]
    "n2": article("n2", "Coast Wire", None),
}
ACTORS = {
    "state:XKS": Actor("state:XKS", "Kestria", "state", "XKS"),
    "state:XNV": Actor("state:XNV", "Norvadia", "state", "XNV"),
    "person:lenz": Actor("person:lenz", "Dario Lenz", "person", "XKS", "government"),
}
TUESDAY = D(2025, 3, 4)
MEET = "Kestria and Norvadia held talks in Port Seren on Tuesday about the border crossings."


def ev(
    eid: str,
    etype: str,
    articles: list[str],
    sentence: str = MEET,
    source: str | None = "state:XKS",
    target: str | None = "state:XNV",
    date: dt.date | None = TUESDAY,
    **flags: object,
) -> Event:
    evidence = tuple(Evidence(a, 0, sentence, ARTICLES[a].outlet) for a in articles)
    return Event(eid, etype, source, target, evidence, date=date, **flags)  # type: ignore[arg-type]


def bundle(*events: Event, stories: tuple[Story, ...] = (), **scope: object) -> Bundle:
    return Bundle(
        scope=Scope(actors=("state:XKS", "state:XNV"), **scope),  # type: ignore[arg-type]
        articles=ARTICLES,
        events=events,
        actors=ACTORS,
        stories=stories,
        sides={"person:lenz": "state:XKS"},
    )


def test_timeline_entries_carry_the_contract_fields() -> None:
    entries = build_timeline(bundle(ev("e1", "CONSULT", ["a1", "a2"])))
    record = entries[0].to_dict()
    assert all(k in record for k in CONTRACT)
    json.dumps(record)
    assert record["date"] == "2025-03-04"
    assert {c["outlet"] for c in record["citations"]} == {"Harbour Post", "Valley Courier"}
    assert record["summary"] == MEET


@pytest.mark.parametrize("flag", ["negated", "hypothetical"])
def test_timeline_leaves_out_what_did_not_happen(flag: str) -> None:
    unreal = ev("e1", "SANCTION", ["a1"], "Norvadia could impose sanctions.", **{flag: True})
    assert build_timeline(bundle(unreal), milestones=False) == []
    kept = build_timeline(bundle(unreal), milestones=False, include_unrealised=True)
    assert [e.type for e in kept] == ["SANCTION"]


def test_timeline_copies_count_once() -> None:
    (entry,) = build_timeline(bundle(ev("e1", "CONSULT", ["a2", "a4"])), milestones=False)
    assert [c.article_id for c in entry.citations] == ["a2"]
    assert entry.outlets == 1


def test_timeline_background_lands_on_its_own_stated_date() -> None:
    restated = ev(
        "e2",
        "ASSAULT",
        ["a5"],
        "Since the shelling of 2 February, trade has stalled.",
        date=D(2025, 2, 2),
        background=True,
    )
    (entry,) = build_timeline(bundle(restated), milestones=False)
    assert entry.date == D(2025, 2, 2)
    assert entry.background


def test_timeline_undated_background_folds_into_the_firsthand_report() -> None:
    firsthand = ev("e1", "CONSULT", ["a1"])
    restated = ev(
        "e2",
        "CONSULT",
        ["a5"],
        "After their talks in Port Seren, both sides went quiet.",
        date=None,
        background=True,
    )
    (entry,) = build_timeline(bundle(firsthand, restated), milestones=False)
    assert entry.date == D(2025, 3, 4)
    assert [c.article_id for c in entry.citations] == ["a1", "a5"]
    assert not entry.background


def test_timeline_folds_citations_without_outlet_or_date() -> None:
    firsthand = ev("e1", "CONSULT", ["a1", "n2"])
    restated = ev(
        "e2",
        "CONSULT",
        ["n1"],
        "After their talks in Port Seren, both sides went quiet.",
        date=None,
        background=True,
    )
    (entry,) = build_timeline(bundle(firsthand, restated), milestones=False)
    assert [c.article_id for c in entry.citations] == ["a1", "n1", "n2"]


def test_timeline_unmatched_undated_background_is_before_its_article() -> None:
    restated = ev(
        "e2",
        "COERCE",
        ["a5"],
        "Norvadia had earlier closed the crossings to lorries.",
        date=None,
        background=True,
    )
    (entry,) = build_timeline(bundle(restated), milestones=False)
    assert entry.date is None and entry.date_earliest is None
    assert entry.date_latest == D(2025, 4, 20)


def test_timeline_undated_act_in_an_undated_article_takes_its_interval() -> None:
    undated = ev("e1", "CONSULT", ["u1"], date=None)
    (entry,) = build_timeline(bundle(undated), milestones=False)
    assert (entry.date_earliest, entry.date_latest) == (D(2025, 2, 1), D(2025, 2, 28))


def test_timeline_ranks_by_independent_outlets_under_the_cap() -> None:
    wide = ev("e1", "CONSULT", ["a1", "a2", "a3"])
    narrow = ev(
        "e2", "AID", ["a5"], "Norvadia sent grain to the flooded valley towns.", date=D(2025, 4, 19)
    )
    (kept,) = build_timeline(bundle(narrow, wide), limit=1, milestones=False)
    assert kept.event_ids == ("e1",)
    both = build_timeline(bundle(narrow, wide), limit=5, milestones=False)
    assert [e.event_ids for e in both] == [("e1",), ("e2",)]  # date order once chosen


def test_timeline_one_sentence_two_sources_is_one_entry() -> None:
    line = "Kestria and the Teran Basin Council called on Norvadia to reopen the crossings."
    a = ev("e1", "DEMAND", ["a1"], line)
    b = ev("e2", "DEMAND", ["a1"], line, source="org:tbc")
    (entry,) = build_timeline(bundle(a, b), milestones=False)
    assert entry.source == "Kestria and org:tbc"
    assert entry.event_ids == ("e1", "e2")


def test_timeline_scope_dates_filter_entries() -> None:
    early = ev("e1", "CONSULT", ["a1"])
    late = ev(
        "e2", "AID", ["a5"], "Norvadia sent grain to the flooded valley towns.", date=D(2025, 4, 19)
    )
    entries = build_timeline(bundle(early, late, date_from=D(2025, 4, 1)), milestones=False)
    assert [e.event_ids for e in entries] == [("e2",)]


def test_timeline_story_milestone_only_where_events_miss_it() -> None:
    covered = Story("s1", "Talks in Port Seren", (), (), D(2025, 3, 4), D(2025, 3, 5), ("a1",), ())
    missed = Story(
        "s2", "Grain reaches the valley", (), (), D(2025, 4, 20), D(2025, 4, 20), ("a5",), ()
    )
    entries = build_timeline(bundle(ev("e1", "CONSULT", ["a1"]), stories=(covered, missed)))
    assert [(e.kind, e.type) for e in entries] == [("event", "CONSULT"), ("story", "STORY")]
    assert entries[1].summary == "Grain reaches the valley"


def test_timeline_marks_events_between_the_asked_for_actors() -> None:
    between = ev("e1", "CONSULT", ["a1"], source="person:lenz")
    (entry,) = build_timeline(bundle(between), milestones=False)
    assert entry.between_scope
    aside = ev("e2", "CONSULT", ["a1"], target="org:tbc")
    (entry,) = build_timeline(bundle(aside), milestones=False)
    assert not entry.between_scope


def test_timeline_of_an_empty_bundle_is_empty() -> None:
    assert build_timeline(Bundle(scope=Scope(), articles={})) == []


def test_timeline_shows_a_sentence_once_with_its_other_readings() -> None:
    line = "Norvadia pressed Kestria to hand over the patrol, accusing it of shielding the guards."
    demand = ev("e1", "DEMAND", ["a1", "a2"], line, source="state:XNV", target="state:XKS")
    accuse = ev("e2", "DISAPPROVE", ["a1"], line, source="state:XNV", target="state:XKS")
    (entry,) = build_timeline(bundle(demand, accuse), milestones=False)
    assert entry.type == "DEMAND"  # reported by more outlets, so ranked first
    assert entry.also == ("DISAPPROVE Norvadia → Kestria",)
    assert set(entry.event_ids) == {"e1", "e2"}


def test_timeline_joins_names_that_contain_and_without_splitting_them() -> None:
    line = "Bosnia and Herzegovina and the Teran Basin Council called on Norvadia to act."
    actors = {
        **ACTORS,
        "state:BIH": Actor("state:BIH", "Bosnia and Herzegovina", "state", "BIH"),
    }
    a = ev("e1", "DEMAND", ["a1"], line, source="state:BIH")
    b = ev("e2", "DEMAND", ["a1"], line, source="state:BIH", target="state:XKS")
    scope = Bundle(scope=Scope(), articles=ARTICLES, events=(a, b), actors=actors)
    (entry,) = build_timeline(scope, milestones=False)
    assert entry.source == "Bosnia and Herzegovina"
    assert entry.target == "Norvadia and Kestria"
    c = ev("e3", "DEMAND", ["a1"], line, source="org:tbc")
    scope = Bundle(scope=Scope(), articles=ARTICLES, events=(a, b, c), actors=actors)
    (entry,) = build_timeline(scope, milestones=False)
    assert entry.source == "Bosnia and Herzegovina and org:tbc"
