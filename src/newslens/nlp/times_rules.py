"""What each kind of matched time expression means: a stated interval, a function of the
publication day, or a function of an event's start (see :mod:`newslens.nlp.times`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newslens.nlp.times_calendar import (
    Interval,
    add_units,
    clamp,
    day_in_year,
    month_end,
    month_interval,
    safe_date,
    season_interval,
    unit_interval,
    weekday_on_or_after,
    weekday_on_or_before,
    year_interval,
)
from newslens.nlp.times_lexicon import Lexicon, lexicon, normal

Relative = Callable[[dt.date], Interval]
Duration = Callable[[dt.date], tuple[dt.date, dt.date | None]]

#: rules that name one calendar day (the ones that can date an event in the text)
EXPLICIT_DAY_RULES = frozenset({"iso", "num", "md", "dm", "named"})
_DAY = dt.timedelta(days=1)
_NOT_A_CLAIM = frozenset({"by", "until", "till", "before", "next"})
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "mid-": (5, 8), "late": (9, 12)}


@dataclass(frozen=True)
class Parsed:
    """What one match means. Exactly one of ``stated``, ``relative``, ``duration`` is set.

    ``month_day`` is set for a day without a year; ``explicit`` for calendar names (dates,
    months, years) as opposed to deictic words ("yesterday"); ``claim`` when the text says the
    thing happened then ("in 2021", not "by 2030"); ``now`` for a duration that dates the
    report itself ("now into its fourth month").
    """

    rule: str
    stated: Interval | None = None
    relative: Relative | None = None
    duration: Duration | None = None
    month_day: tuple[int, int] | None = None
    keyword: str | None = None
    explicit: bool = False
    claim: bool = True
    now: bool = False


def is_future(text: str, start: int) -> bool:
    """Whether a future cue ("will", "is expected to", "scheduled") governs the words before
    ``start``, with no past marker ("since", "began", "said") between the cue and ``start``."""
    lex = lexicon()
    window = text[max(0, start - 100) : start]
    cues = [cue.end() for cue in lex.future.finditer(window)]
    return bool(cues) and lex.past.search(window, cues[-1]) is None


def _occurrence(build: Callable[[int], Interval], mode: str) -> Relative:
    """The occurrence of a yearly interval relative to a day: ``past`` (latest starting on or
    before it), ``future`` (first ending on or after it), ``last`` (latest ended before it),
    ``next`` (first starting after it), ``this`` (the one in its year)."""

    def resolve(day: dt.date) -> Interval:
        years = range(day.year - 2, day.year + 3)
        if mode == "this":
            return build(day.year)
        if mode == "past":
            return build(max(y for y in years if build(y)[0] <= day))
        if mode == "future":
            return build(min(y for y in years if build(y)[1] >= day))
        if mode == "last":
            return build(max(y for y in years if build(y)[1] < day))
        return build(min(y for y in years if build(y)[0] > day))

    return resolve


def _mode(prefix: str | None, future: bool) -> str:
    if prefix in ("last", "next"):
        return prefix
    return "future" if future else "past"


def _day_of(month: int, day: int) -> Callable[[int], Interval]:
    return lambda year: (day_in_year(year, month, day), day_in_year(year, month, day))


def _part_of(month: int, first: int, last: int) -> Callable[[int], Interval]:
    def build(year: int) -> Interval:
        end = month_end(year, month)
        return dt.date(year, month, min(first, end.day)), dt.date(year, month, min(last, end.day))

    return build


def _count(lex: Lexicon, word: str) -> tuple[int, int]:
    key = normal(word)
    if key.isdigit():
        return int(key), int(key)
    return lex.numbers[key]


def _weekday(lex: Lexicon, m: re.Match[str], text: str, future: bool) -> Parsed | None:
    before = text[: m.start("wd_d")].lower().rstrip()
    if any(
        before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum())
        for p in lex.weekday_preceders
    ):
        return None
    after = text[m.end("wd_d") :].split(None, 1)
    if after and after[0][:1].isupper() and normal(after[0]).strip(",;:") in lex.weekday_followers:
        return None
    weekday = lex.weekdays[normal(m["wd_d"])]
    prefix = normal(m["wd_p"] or "")
    if prefix in ("next", "this coming", "coming"):
        return Parsed("weekday", relative=lambda d: _one(weekday_on_or_after(d + _DAY, weekday)))
    if prefix in ("last", "this past", "past"):
        return Parsed("weekday", relative=lambda d: _one(weekday_on_or_before(d - _DAY, weekday)))
    if future:
        return Parsed("weekday", relative=lambda d: _one(weekday_on_or_after(d, weekday)))
    return Parsed("weekday", relative=lambda d: _one(weekday_on_or_before(d, weekday)))


def _one(day: dt.date) -> Interval:
    return day, day


def _day_rule(m: re.Match[str], lex: Lexicon, future: bool, rule: str) -> Parsed | None:
    month = lex.months[normal(m[f"{rule}_m"])]
    day = int(m[f"{rule}_d"].rstrip("stndrh"))
    if m[f"{rule}_y"]:
        stated = safe_date(int(m[f"{rule}_y"]), month, day)
        return Parsed(rule, stated=_one(stated), explicit=True) if stated else None
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 is allowed
        return None
    return Parsed(
        rule,
        relative=_occurrence(_day_of(month, day), _mode(None, future)),
        month_day=(month, day),
        explicit=True,
    )


def _relative_day(word: str) -> Relative:
    offsets = {
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before": -1,
        "the day before yesterday": -2,
    }
    if word == "overnight":
        return lambda d: (d - _DAY, d)
    shift = dt.timedelta(days=offsets.get(word, 0))
    return lambda d: _one(d + shift)


def _period(which: str | None, prefix: str, unit: str) -> Relative:
    step = {"last": -1, "next": 1}.get(prefix, 0)

    def resolve(day: dt.date) -> Interval:
        first, last = unit_interval(add_units(day, unit, step), unit)
        if which == "earlier":
            return clamp((first, day - _DAY))
        if which == "later":
            return clamp((day + _DAY, last))
        return first, last

    return resolve


def _ago(counts: tuple[int, int], unit: str) -> Relative:
    fewest, most = counts

    def resolve(day: dt.date) -> Interval:
        return unit_interval(add_units(day, unit, -most), unit)[0], unit_interval(
            add_units(day, unit, -fewest), unit
        )[1]

    return resolve


def _duration(first: int, last: int | None, unit: str, inclusive: bool) -> Duration:
    """Days after an event's start: from ``first`` units to ``last`` units (exclusive unless
    ``inclusive``; ``None``: open)."""

    def resolve(start: dt.date) -> tuple[dt.date, dt.date | None]:
        low = add_units(start, unit, first)
        if last is None:
            return low, None
        high = add_units(start, unit, last)
        return low, high if inclusive or high == low else high - _DAY

    return resolve


def _season(lex: Lexicon, m: re.Match[str], text: str, future: bool) -> Parsed | None:
    after = text[m.end() :].split(None, 1)
    if after and after[0][:1].isupper():  # "the Winter Olympics", "the Spring Festival"
        return None
    months = lex.seasons[normal(m["se_s"])]

    def build(year: int) -> Interval:
        return season_interval(year, months)

    if m["se_y"]:
        return Parsed("season", stated=build(int(m["se_y"])), explicit=True)
    prefix = normal(m["se_p"] or "")
    return Parsed(
        "season",
        relative=_occurrence(build, _mode(prefix, future)),
        claim=prefix not in _NOT_A_CLAIM,
    )


def _month(m: re.Match[str], lex: Lexicon, group: str, prefix: str | None, future: bool) -> Parsed:
    month = lex.months[normal(m[group])]
    rule = group.split("_")[0]

    def build(year: int) -> Interval:
        return month_interval(year, month)

    mode = "this" if prefix == "this" else _mode(prefix, future)
    return Parsed(
        rule, relative=_occurrence(build, mode), explicit=True, claim=prefix not in _NOT_A_CLAIM
    )


def parse_match(m: re.Match[str], text: str, future: bool) -> Parsed | None:
    """What a match of the lexicon's pattern means (None: not a time expression after all)."""
    lex = lexicon()
    rule = m.lastgroup
    if rule == "iso":
        day = safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return Parsed(rule, stated=_one(day), explicit=True) if day else None
    if rule == "num":
        a, b, year = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
        if a != b and a <= 12 and b <= 12:
            return Parsed(rule)  # 03/04/2022: March 4 or April 3, the text does not say
        month, day_ = (b, a) if a > 12 or a == b else (a, b)
        num_day = safe_date(year, month, day_)
        return Parsed(rule, stated=_one(num_day), explicit=True) if num_day else None
    if rule in ("md", "dm"):
        return _day_rule(m, lex, future, rule)
    if rule == "my":
        return Parsed(
            rule,
            stated=month_interval(int(m["my_y"]), lex.months[normal(m["my_m"])]),
            explicit=True,
        )
    if rule == "part":
        first, last = lex.parts[normal(m["part_p"]).rstrip("-")]
        build = _part_of(lex.months[normal(m["part_m"])], first, last)
        if m["part_y"]:
            return Parsed(rule, stated=build(int(m["part_y"])), explicit=True)
        return Parsed(rule, relative=_occurrence(build, _mode(None, future)), explicit=True)
    if rule == "pmonth":
        return _month(m, lex, "pm_m", normal(m["pm_p"]), future)
    if rule == "bmonth":
        return _month(m, lex, "bm_m", None, future)
    if rule == "year":
        year, prefix = int(m["yr_y"]), normal(m["yr_p"])
        if prefix in _YEAR_PARTS:
            first, last = _YEAR_PARTS[prefix]
            stated = dt.date(year, first, 1), month_end(year, last)
        else:
            stated = year_interval(year)
        return Parsed(rule, stated=stated, explicit=True, claim=prefix not in _NOT_A_CLAIM)
    if rule == "weekday":
        return _weekday(lex, m, text, future)
    if rule == "named":
        month, day_ = lex.named_days[normal(m["nd_n"])]
        if m["nd_y"]:
            return Parsed(rule, stated=_one(dt.date(int(m["nd_y"]), month, day_)), explicit=True)
        return Parsed(
            rule,
            relative=_occurrence(_day_of(month, day_), _mode(None, future)),
            month_day=(month, day_),
            explicit=True,
        )
    if rule == "season":
        return _season(lex, m, text, future)
    if rule == "ago":
        return Parsed(rule, relative=_ago(_count(lex, m["ago_n"]), normal(m["ago_u"])))
    if rule == "recent":
        back = dt.timedelta(days=lex.recent[normal(m["rc_u"])])
        return Parsed(rule, relative=lambda d: (d - back, d))
    if rule == "past":
        most = _count(lex, m["pa_n"])[1] if m["pa_n"] else 1
        unit = normal(m["pa_u"])
        return Parsed(rule, relative=lambda d: (add_units(d, unit, -most), d))
    if rule == "period":
        which = normal(m["pe_w"]) if m["pe_w"] else None
        return Parsed(rule, relative=_period(which, normal(m["pe_p"]), normal(m["pe_u"])))
    if rule == "day":
        return Parsed(rule, relative=_relative_day(normal(m["dy"])))
    if rule == "dur":
        word = normal(m["du_o"])
        nth = int(word[:-2]) if word[:1].isdigit() else lex.ordinals[word]
        if nth < 1:
            return None
        return Parsed(rule, duration=_duration(nth - 1, nth, normal(m["du_u"]), False), now=True)
    if rule == "ndur":
        fewest, most = _count(lex, m["nd_c"])
        unit, qualifier = normal(m["nd_u"]), normal(m["nd_q"] or "")
        keyword = normal(m["nd_k"])
        if qualifier in ("more than", "over", "just over"):
            duration = _duration(most, None, unit, True)
        elif qualifier in ("nearly", "almost", "less than", "fewer than"):
            duration = _duration(max(fewest - 1, 0), most, unit, True)
        elif qualifier:
            duration = _duration(max(fewest - 1, 0), most + 1, unit, True)
        elif unit == "day" and fewest == most:
            duration = _duration(most, most, unit, True)
        else:
            duration = _duration(fewest, most + 1, unit, False)
        # "100 days of the war" describes now; "two days into the war" a moment in the story
        now = normal(m["nd_r"]) in ("of", "since")
        return Parsed(rule, duration=duration, keyword=keyword, now=now)
    return None
