"""Time expressions in news text, resolved to a day or an interval.

One compiled regular expression (built from ``data/time.toml``) runs over each sentence; each match
becomes a resolver: a fixed interval for stated dates ("Feb. 24, 2022", "March 2022"), a function
of the publication day for relative ones ("on Tuesday", "last month", "Feb. 24" without a year), or
a function of an event's start for durations ("now into its fourth month" of a war). News
conventions decide the open cases: a weekday or a date without a year is the one on or before
publication (news reports the past) unless the sentence points to the future ("will", "is expected
to", "next"). When only bounds of the publication day are known, a relative expression resolves to
the interval it spans over those bounds; with nothing known it keeps ``date``, ``earliest`` and
``latest`` ``None``. Nothing resolves to a single day the text does not pin.

``anchor`` on each :class:`TimeExpression` says what it was resolved against: ``published`` (the
publication day), ``stated`` (an explicit date), ``event`` (a duration from an event's start),
``inferred`` (publication bounds, or a year taken from a known event on the same day).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence

from newslens.nlp.times_calendar import Interval
from newslens.nlp.times_lexicon import lexicon
from newslens.nlp.times_rules import EXPLICIT_DAY_RULES, Parsed, is_future, parse_match
from newslens.records import Sentence, TimeExpression

__all__ = ["infer_publication", "resolve_times"]

Bounds = tuple[dt.date, dt.date | None]

_BEFORE = 48  # the longest words before a trigger ("over the past few" days)
_AFTER = 64  # and after it ("100 days into Russia's invasion", "December 24, 2022")
_TODAY_BEFORE = re.compile(r"(?i:\btoday\s*[,(–—-]?\s*(?:\w+day\s*,?\s*)?)$")


class _Found:
    """One match with its parse and what resolved it (mutable only while resolving)."""

    __slots__ = ("bounds", "end", "future", "how", "parsed", "sentence", "start")

    def __init__(self, sentence: Sentence, start: int, end: int, parsed: Parsed, future: bool):
        self.sentence = sentence
        self.start = start
        self.end = end
        self.parsed = parsed
        self.future = future
        self.bounds: Bounds | None = None
        self.how = "published"


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The lexicon pattern's matches in ``text``, left to right, without overlaps.

    The full pattern only runs in a window around each trigger word (every expression holds
    one), which keeps the cost a small fraction of a parse on text with few time words.
    """
    lex = lexicon()
    cursor = 0
    for trigger in lex.trigger.finditer(text):
        if trigger.end() <= cursor:
            continue
        window_end = trigger.end() + _AFTER
        found = lex.pattern.search(text, max(cursor, trigger.start() - _BEFORE), window_end)
        while found is not None:
            # the window may cut an expression short ("June 13" of "June 13, 1956"): match
            # again at the same start over the whole text
            match = lex.pattern.match(text, found.start()) or found
            yield match
            cursor = match.end()
            if cursor > trigger.start():
                break
            found = lex.pattern.search(text, cursor, window_end)


def _find(sentences: Sequence[Sentence]) -> list[_Found]:
    """Every time expression in ``sentences``, parsed but not yet resolved."""
    found: list[_Found] = []
    for sentence in sentences:
        text = sentence.text
        for match in _matches(text):
            future = is_future(text, match.start())
            parsed = parse_match(match, text, future)
            if parsed is not None:
                found.append(_Found(sentence, match.start(), match.end(), parsed, future))
    return found


def _over_bounds(
    parsed: Parsed, published: dt.date | None, earliest: dt.date | None, latest: dt.date | None
) -> tuple[Interval, str] | None:
    """A relative expression against the publication day, or across its known bounds."""
    resolve = parsed.relative
    if resolve is None:
        return None
    if published is not None:
        return resolve(published), "stated" if parsed.explicit else "published"
    if earliest is not None and latest is not None:
        low, high = resolve(earliest), resolve(latest)
        return (low[0], max(low[1], high[1])), "inferred"
    return None


def _same_day_anchor(parsed: Parsed, anchors: Mapping[str, dt.date]) -> dt.date | None:
    """The year of a yearless date taken from a known event on the same day (Feb 24 -> 2022)."""
    if parsed.month_day is None:
        return None
    years = {d for d in anchors.values() if (d.month, d.day) == parsed.month_day}
    return years.pop() if len(years) == 1 else None


def _text_anchors(found: Sequence[_Found]) -> dict[str, dt.date]:
    """Events the article dates itself: a sentence naming a war, invasion, operation… and one
    stated past day ("since the invasion began on Feb. 24") anchors that keyword."""
    keyword = lexicon().keyword
    days: dict[int, set[dt.date]] = {}
    by_index: dict[int, Sentence] = {}
    # "February 25, a day after the start of the conflict": the date there is not the start
    relative = {i.sentence.index for i in found if i.parsed.duration and not i.parsed.now}
    for item in found:
        if item.sentence.index in relative:
            continue
        if item.parsed.rule in EXPLICIT_DAY_RULES and item.bounds and not item.future:
            low, high = item.bounds
            if low == high:
                days.setdefault(item.sentence.index, set()).add(low)
                by_index[item.sentence.index] = item.sentence
    anchors: dict[str, dt.date] = {}
    for index, dates in days.items():
        if len(dates) == 1:
            day = next(iter(dates))
            for word in keyword.findall(by_index[index].text):
                anchors.setdefault(word.lower(), day)
    return anchors


def _event_for(
    item: _Found, text_anchors: dict[str, dt.date], given: Mapping[str, dt.date]
) -> dt.date | None:
    """The start of the event a duration counts from: the keyword it names (or its sentence
    names), else the only event date the article and the caller know."""
    words = [item.parsed.keyword] if item.parsed.keyword else []
    words += [w.lower() for w in lexicon().keyword.findall(item.sentence.text)]
    for word in words:
        if word in text_anchors:
            return text_anchors[word]
        if word in given:
            return given[word]
    distinct = set(text_anchors.values()) | set(given.values())
    return distinct.pop() if len(distinct) == 1 else None


def _resolve(
    sentences: Sequence[Sentence],
    published: dt.date | None,
    earliest: dt.date | None,
    latest: dt.date | None,
    anchors: Mapping[str, dt.date],
) -> list[_Found]:
    if published is None and earliest is not None and earliest == latest:
        published = earliest
    found = _find(sentences)
    for item in found:
        parsed = item.parsed
        if parsed.stated is not None:
            item.bounds, item.how = parsed.stated, "stated"
            continue
        result = _over_bounds(parsed, published, earliest, latest)
        if result is not None:
            item.bounds, item.how = result
            if published is None and parsed.explicit and result[0][0] == result[0][1]:
                item.how = "inferred"
            continue
        day = _same_day_anchor(parsed, anchors) if published is None else None
        if day is not None:
            item.bounds, item.how = (day, day), "inferred"
    text_anchors = _text_anchors(found)
    for item in found:
        duration = item.parsed.duration
        if duration is None:
            continue
        start = _event_for(item, text_anchors, anchors)
        if start is not None:
            item.bounds, item.how = duration(start), "event"
    return found


def _record(article_id: str, item: _Found) -> TimeExpression:
    sentence = item.sentence
    low, high = item.bounds if item.bounds else (None, None)
    return TimeExpression(
        article_id=article_id,
        sentence_index=sentence.index,
        start=sentence.start + item.start,
        end=sentence.start + item.end,
        text=sentence.text[item.start : item.end],
        date=low if low is not None and low == high else None,
        earliest=low,
        latest=high,
        anchor=item.how,
    )


def resolve_times(
    article_id: str,
    sentences: Sequence[Sentence],
    published: dt.date | None,
    published_earliest: dt.date | None = None,
    published_latest: dt.date | None = None,
    anchors: Mapping[str, dt.date] | None = None,
) -> list[TimeExpression]:
    """Every time expression in ``sentences`` (body offsets), resolved as far as the text allows.

    ``published`` is the article's publication day; without it, ``published_earliest`` and
    ``published_latest`` (both needed) turn relative expressions into intervals. ``anchors`` maps
    event keywords ("invasion", "war") to the day they began, for durations and for the year of a
    yearless date on that same day.
    """
    given = {k.lower(): v for k, v in (anchors or {}).items()}
    found = _resolve(sentences, published, published_earliest, published_latest, given)
    return [_record(article_id, item) for item in found]


def infer_publication(
    sentences: Sequence[Sentence],
    times: Sequence[TimeExpression],
    anchors: Mapping[str, dt.date] | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """Bounds of the publication day of an undated article, from what its text says.

    A duration from a dated event ("now into its fourth month" of a war begun Feb 24, 2022) gives
    both bounds; every stated past date (with a year, or a year known from ``anchors``) is a lower
    bound; "today, March 3, 2022" pins the day. ``times`` may carry expressions resolved
    elsewhere (their ``stated`` ones count too; durations are always recomputed here, since
    only those that describe the present, such as "now into its fourth month", date the report).
    Returns ``(None, None)`` when the text says nothing, ``(earliest, None)`` when it only gives
    a lower bound.
    """
    given = {k.lower(): v for k, v in (anchors or {}).items()}
    lows: list[dt.date] = []
    event_lows: list[dt.date] = []
    highs: list[dt.date] = []
    by_index = {s.index: s for s in sentences}
    for item in _resolve(sentences, None, None, None, given):
        if item.bounds is None:
            continue
        low, high = item.bounds
        if item.how == "event":
            if not item.parsed.now:
                continue
            event_lows.append(low)
            if high is not None:
                highs.append(high)
        elif item.parsed.explicit and item.parsed.claim and not item.future:
            if low == high and _TODAY_BEFORE.search(item.sentence.text[: item.start]):
                return low, low
            lows.append(low)
    for time in times:
        sentence = by_index.get(time.sentence_index)
        if time.earliest is None or sentence is None:
            continue
        if time.anchor == "stated" and not is_future(sentence.text, time.start - sentence.start):
            lows.append(time.earliest)
    latest = min(highs) if highs else None
    earliest = max(lows + event_lows) if lows or event_lows else None
    if earliest is not None and latest is not None and earliest > latest:
        earliest = max(event_lows) if event_lows else None  # a stated date contradicts the event
        if earliest is not None and earliest > latest:
            return None, None
    return earliest, latest
