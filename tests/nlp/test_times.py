"""Time expressions: news conventions over tricky sentences written for these tests.

Publication day for most cases: Tuesday 2022-04-19 (``P``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newslens.nlp.times import infer_publication, resolve_times
from newslens.records import Sentence, TimeExpression

D = dt.date
P = D(2022, 4, 19)  # a Tuesday
WAR = {"war": D(2022, 2, 24)}
OFFSET = 7  # sentences start inside a body, so offsets must be body offsets


def sentences(*texts: str) -> list[Sentence]:
    """Sentences of a body made of ``texts`` joined by one space, after a 7-character header."""
    out: list[Sentence] = []
    start = OFFSET
    for index, text in enumerate(texts):
        out.append(Sentence("a1", index, start, start + len(text), text))
        start += len(text) + 1
    return out


def times(*texts: str, published: dt.date | None = P, **kwargs: object) -> list[TimeExpression]:
    return resolve_times("a1", sentences(*texts), published, **kwargs)  # type: ignore[arg-type]


def only(found: list[TimeExpression], short: str) -> TimeExpression:
    """The one expression whose text contains ``short``."""
    hits = [t for t in found if short in t.text]
    assert len(hits) == 1, f"{short!r} in {[t.text for t in found]}"
    return hits[0]


Span = tuple[dt.date, dt.date] | None

CASES: list[tuple[str, str, dt.date | None, str, Span]] = [
    # weekdays: on or before publication, same day when published on that weekday
    ("weekday-same-day", "China on Tuesday promised support.", P, "on Tuesday", (P, P)),
    (
        "weekday-bare",
        "The minister said Monday that talks go on.",
        P,
        "Monday",
        (D(2022, 4, 18),) * 2,
    ),
    ("weekday-earlier", "Talks were held on Wednesday.", P, "Wednesday", (D(2022, 4, 13),) * 2),
    (
        "weekday-last-same",
        "Last Tuesday the ministers met.",
        P,
        "Last Tuesday",
        (D(2022, 4, 12),) * 2,
    ),
    ("weekday-last", "The envoy arrived last Friday.", P, "last Friday", (D(2022, 4, 15),) * 2),
    ("weekday-next", "The envoy arrives next Friday.", P, "next Friday", (D(2022, 4, 22),) * 2),
    ("weekday-future-today", "The summit will open on Tuesday.", P, "Tuesday", (P, P)),
    ("weekday-future", "The summit will open on Thursday.", P, "Thursday", (D(2022, 4, 21),) * 2),
    ("weekday-coming", "This coming Sunday voters go.", P, "Sunday", (D(2022, 4, 24),) * 2),
    ("weekday-night", "Rescuers worked through Sunday night.", P, "Sunday", (D(2022, 4, 17),) * 2),
    ("weekday-misspelt", "Officials met on Wendesday.", P, "Wendesday", (D(2022, 4, 13),) * 2),
    # relative days and periods
    ("yesterday", "Officials spoke yesterday.", P, "yesterday", (D(2022, 4, 18),) * 2),
    ("tomorrow", "Officials will speak tomorrow.", P, "tomorrow", (D(2022, 4, 20),) * 2),
    ("tonight", "He speaks tonight.", P, "tonight", (P, P)),
    ("this-morning", "Sirens sounded this morning.", P, "this morning", (P, P)),
    ("last-night", "Fighting continued last night.", P, "last night", (D(2022, 4, 18),) * 2),
    ("day-before", "He had met the envoy the day before.", P, "day before", (D(2022, 4, 18),) * 2),
    ("overnight", "Troops advanced overnight.", P, "overnight", (D(2022, 4, 18), P)),
    ("last-week", "Talks took place last week.", P, "last week", (D(2022, 4, 11), D(2022, 4, 17))),
    (
        "earlier-week",
        "Talks took place earlier this week.",
        P,
        "earlier this week",
        (D(2022, 4, 18), D(2022, 4, 18)),
    ),
    ("this-week", "Talks take place this week.", P, "this week", (D(2022, 4, 18), D(2022, 4, 24))),
    ("next-week", "Talks resume next week.", P, "next week", (D(2022, 4, 25), D(2022, 5, 1))),
    (
        "earlier-month",
        "It warned earlier this month.",
        P,
        "earlier this month",
        (D(2022, 4, 1), D(2022, 4, 18)),
    ),
    ("this-month", "It warned this month.", P, "this month", (D(2022, 4, 1), D(2022, 4, 30))),
    ("last-month", "Last month, the two met.", P, "Last month", (D(2022, 3, 1), D(2022, 3, 31))),
    ("last-year", "Trade grew last year.", P, "last year", (D(2021, 1, 1), D(2021, 12, 31))),
    ("this-year", "Trade grew this year.", P, "this year", (D(2022, 1, 1), D(2022, 12, 31))),
    (
        "earlier-year",
        "They met earlier this year.",
        P,
        "earlier this year",
        (D(2022, 1, 1), D(2022, 4, 18)),
    ),
    (
        "later-year",
        "They meet later this year.",
        P,
        "later this year",
        (D(2022, 4, 20), D(2022, 12, 31)),
    ),
    ("recent-weeks", "In recent weeks, envoys toured.", P, "recent weeks", (D(2022, 3, 8), P)),
    ("recent-days", "Shelling grew in recent days.", P, "recent days", (D(2022, 4, 12), P)),
    ("days-ago", "They met two days ago.", P, "two days ago", (D(2022, 4, 17),) * 2),
    ("weeks-ago", "They met three weeks ago.", P, "weeks ago", (D(2022, 3, 28), D(2022, 4, 3))),
    ("month-ago", "They met a month ago.", P, "a month ago", (D(2022, 3, 1), D(2022, 3, 31))),
    ("past-weeks", "Over the past two weeks prices rose.", P, "past two weeks", (D(2022, 4, 5), P)),
    # explicit dates
    ("abbrev-dot", "The invasion began on Feb. 24.", P, "Feb. 24", (D(2022, 2, 24),) * 2),
    ("full-month", "It began on February 24.", P, "February 24", (D(2022, 2, 24),) * 2),
    ("day-month", "It began on 24 February.", P, "24 February", (D(2022, 2, 24),) * 2),
    ("misspelt", "It began on 24 Febuary.", P, "24 Febuary", (D(2022, 2, 24),) * 2),
    ("misspelt-of", "It began on the 24th of Febraury.", P, "Febraury", (D(2022, 2, 24),) * 2),
    (
        "with-year",
        "It began on Feb 24, 2022.",
        D(2023, 1, 5),
        "Feb 24, 2022",
        (D(2022, 2, 24),) * 2,
    ),
    ("numeric-dmy", "Filed on 24/02/2022.", P, "24/02/2022", (D(2022, 2, 24),) * 2),
    ("numeric-mdy", "Filed on 02/24/2022.", P, "02/24/2022", (D(2022, 2, 24),) * 2),
    ("numeric-ambiguous", "Filed on 03/04/2022.", P, "03/04/2022", None),
    ("iso", "Filed on 2022-02-24.", P, "2022-02-24", (D(2022, 2, 24),) * 2),
    (
        "month-year",
        "Prices rose in March 2022.",
        D(2023, 6, 1),
        "March 2022",
        (D(2022, 3, 1), D(2022, 3, 31)),
    ),
    ("year", "Trade grew in 2021.", P, "in 2021", (D(2021, 1, 1), D(2021, 12, 31))),
    (
        "late-month",
        "Russia attacked in late February.",
        P,
        "late February",
        (D(2022, 2, 20), D(2022, 2, 28)),
    ),
    ("early-month", "Talks began early March.", P, "early March", (D(2022, 3, 1), D(2022, 3, 10))),
    ("mid-month", "Talks stalled by mid-April.", P, "mid-April", (D(2022, 4, 11), D(2022, 4, 20))),
    (
        "since-month",
        "The protests since March have grown.",
        P,
        "March",
        (D(2022, 3, 1), D(2022, 3, 31)),
    ),
    (
        "bare-month",
        "In their February call, they agreed.",
        P,
        "February",
        (D(2022, 2, 1), D(2022, 2, 28)),
    ),
    ("year-boundary", "Talks began on Dec. 28.", D(2022, 1, 3), "Dec. 28", (D(2021, 12, 28),) * 2),
    (
        "future-boundary",
        "The vote will be held on Jan. 5.",
        D(2021, 12, 20),
        "Jan. 5",
        (D(2022, 1, 5),) * 2,
    ),
    (
        "future-expected",
        "Talks are expected to resume on April 25.",
        P,
        "April 25",
        (D(2022, 4, 25),) * 2,
    ),
    ("past-later-day", "Talks resumed on April 25.", P, "April 25", (D(2021, 4, 25),) * 2),
    (
        "since-not-future",
        "It will be the first visit since the war began on March 3.",
        P,
        "March 3",
        (D(2022, 3, 3),) * 2,
    ),
    ("may-future", "Workers may strike in May.", P, "May", (D(2022, 5, 1), D(2022, 5, 31))),
    ("may-with-day", "May 9 parades went ahead.", P, "May 9", (D(2021, 5, 9),) * 2),
    (
        "named-day",
        "They met on Christmas Day.",
        D(2022, 1, 3),
        "Christmas Day",
        (D(2021, 12, 25),) * 2,
    ),
    # seasons
    ("spring", "Xi visited in the spring.", P, "spring", (D(2022, 3, 1), D(2022, 5, 31))),
    (
        "spring-future",
        "He expects Xi to visit in the spring.",
        D(2022, 12, 30),
        "spring",
        (D(2023, 3, 1), D(2023, 5, 31)),
    ),
    ("last-summer", "They met last summer.", P, "last summer", (D(2021, 6, 1), D(2021, 8, 31))),
    (
        "this-winter",
        "Gas ran short this winter.",
        D(2022, 1, 15),
        "this winter",
        (D(2021, 12, 1), D(2022, 2, 28)),
    ),
    (
        "fall-of-year",
        "They met in the fall of 2021.",
        P,
        "fall of 2021",
        (D(2021, 9, 1), D(2021, 11, 30)),
    ),
    # no publication day: intervals or nothing, never an invented day
    ("undated-weekday", "China on Tuesday promised support.", None, "Tuesday", None),
    ("undated-date", "It began on Feb. 24.", None, "Feb. 24", None),
    ("undated-yesterday", "Officials spoke yesterday.", None, "yesterday", None),
]


@pytest.mark.parametrize(
    ("text", "published", "short", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_times_resolve_case(
    text: str, published: dt.date | None, short: str, expected: Span
) -> None:
    found = only(times(text, published=published), short)
    assert (found.earliest, found.latest) == (expected or (None, None))
    assert found.date == (expected[0] if expected and expected[0] == expected[1] else None)


NOT_TIMES = [
    ("sunday-times", "The Sunday Times reported the claims."),
    ("mail-on-sunday", "The Mail on Sunday said so."),
    ("bloody-sunday", "Bloody Sunday is remembered in Derry."),
    ("super-tuesday", "Super Tuesday decided the race."),
    ("may-modal", "He may resign if pressed."),
    ("march-noun", "Thousands joined a march to protest the war."),
    ("march-capital", "March organisers said the route was set."),
    ("may-name", "May's government fell."),
    ("fall-verb", "Prices may fall sharply."),
    ("spring-verb", "Protests spring up in the summer heat of cities."),
    ("winter-olympics", "They met at the Winter Olympics in Beijing."),
    ("impossible-day", "It began on Feb. 30."),
    ("thousands", "Some 5,000 people fled."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_TIMES], ids=[c[0] for c in NOT_TIMES])
def test_times_not_a_date(text: str) -> None:
    found = times(text)
    assert [t for t in found if t.date or t.earliest] == [] or text.startswith("Protests"), found
    if not text.startswith("Protests"):
        assert found == []


def test_times_spring_verb_keeps_only_the_season() -> None:
    found = times("Protests spring up in the summer heat of cities.")
    assert [t.text for t in found] == ["in the summer"]


def test_times_offsets_are_body_offsets() -> None:
    first, second = "China on Tuesday promised support.", "It began on Feb. 24."
    body = "HEADER " + first + " " + second
    found = resolve_times("a1", sentences(first, second), P)
    for t in found:
        assert body[t.start : t.end] == t.text
    assert [t.sentence_index for t in found] == [0, 1]


def test_times_anchor_kinds() -> None:
    found = times("China on Tuesday promised support.", "It began on Feb. 24, 2022.")
    assert [t.anchor for t in found] == ["published", "stated"]


# durations from an event's start
def test_times_duration_from_anchors_argument() -> None:
    found = only(
        times("The war, now in its third week, goes on.", published=None, anchors=WAR), "third week"
    )
    assert (found.earliest, found.latest, found.anchor) == (D(2022, 3, 10), D(2022, 3, 16), "event")


def test_times_duration_more_than_days_is_open_ended() -> None:
    found = only(
        times("After more than 100 days of the war, talks stall.", published=None, anchors=WAR),
        "100 days",
    )
    assert (found.earliest, found.latest) == (D(2022, 6, 4), None)


def test_times_duration_from_anchor_in_text() -> None:
    texts = (
        "Russia launched its invasion on Feb. 24, 2022.",
        "The invasion, now into its fourth month, drags on.",
    )
    found = only(times(*texts, published=None), "fourth month")
    assert (found.earliest, found.latest, found.anchor) == (D(2022, 5, 24), D(2022, 6, 23), "event")
    assert infer_publication(sentences(*texts), times(*texts, published=None)) == (
        D(2022, 5, 24),
        D(2022, 6, 23),
    )


def test_times_duration_without_anchor_stays_unresolved() -> None:
    found = only(times("The siege, now in its third week, goes on.", published=None), "third week")
    assert (found.date, found.earliest, found.latest) == (None, None, None)


def test_times_yearless_date_takes_year_from_same_day_anchor() -> None:
    found = only(times("It began on Feb. 24.", published=None, anchors=WAR), "Feb. 24")
    assert (found.date, found.anchor) == (D(2022, 2, 24), "inferred")


def test_times_weekday_over_publication_bounds() -> None:
    found = only(
        times(
            "Xi on Wednesday called Putin.",
            published=None,
            published_earliest=D(2022, 5, 24),
            published_latest=D(2022, 6, 23),
        ),
        "Wednesday",
    )
    assert (found.date, found.earliest, found.latest) == (None, D(2022, 5, 18), D(2022, 6, 22))
    assert found.anchor == "inferred"


def test_times_yearless_date_across_year_bounds_is_an_interval() -> None:
    found = only(
        times(
            "They met on Dec. 28.",
            published=None,
            published_earliest=D(2021, 12, 1),
            published_latest=D(2022, 1, 10),
        ),
        "Dec. 28",
    )
    assert (found.date, found.earliest, found.latest) == (None, D(2020, 12, 28), D(2021, 12, 28))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Today, March 3, 2022, the talks opened.",), (D(2022, 3, 3), D(2022, 3, 3))),
        (("The ceasefire was agreed on March 3, 2022.",), (D(2022, 3, 3), None)),
        (("The vote will take place on March 3, 2023.",), (None, None)),
        (("A vote is planned by 2030.",), (None, None)),
        (("Officials spoke yesterday.", "Talks were held on Tuesday."), (None, None)),
        (("It began on Feb. 24.",), (None, None)),
    ],
    ids=[
        "today-pins",
        "stated-lower-bound",
        "future-ignored",
        "by-year-ignored",
        "nothing",
        "no-year",
    ],
)
def test_times_infer_publication(
    texts: tuple[str, ...], expected: tuple[dt.date | None, dt.date | None]
) -> None:
    sents = sentences(*texts)
    assert infer_publication(sents, resolve_times("a1", sents, None)) == expected


def test_times_infer_publication_with_anchors() -> None:
    texts = ("Putin ordered the operation on February 24, which is now into its fourth month.",)
    sents = sentences(*texts)
    assert infer_publication(sents, [], {"invasion": D(2022, 2, 24)}) == (
        D(2022, 5, 24),
        D(2022, 6, 23),
    )
    assert infer_publication(sents, resolve_times("a1", sents, None)) == (None, None)


def test_times_empty() -> None:
    assert resolve_times("a1", [], P) == []
    assert infer_publication([], []) == (None, None)


def test_times_duration_in_the_story_does_not_date_the_report() -> None:
    texts = ("Martial law began on February 25, a day after the start of the conflict.",)
    sents = sentences(*texts)
    # the only duration is in the story, and "February 25" has no year: nothing dates the report
    assert infer_publication(sents, [], {"conflict": D(2022, 2, 24)}) == (None, None)
    found = only(resolve_times("a1", sents, None, anchors={"conflict": D(2022, 2, 24)}), "a day")
    assert found.date == D(2022, 2, 25)
