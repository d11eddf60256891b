"""Publication dates from metadata strings, date headers, datelines and URLs.

A date is only set when the input states it: a month and day without a year stay unknown unless a
year is known from elsewhere, and partial dates ("2022", "March 2022") become bounds, not dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from dataclasses import dataclass

from dateutil import parser as date_parser

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9

_DATE_HEADER = re.compile(
    r"^date:?\s+(\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+|$)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
# A numeric date whose first two fields could be day/month or month/day ("03/04/2031").
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?=$|[\sT,])")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")
_DEFAULT_A = dt.datetime(2000, 1, 1)
_DEFAULT_B = dt.datetime(2001, 2, 2)


@dataclass(frozen=True)
class DateInfo:
    """A known date, or bounds on an unknown one, or nothing."""

    published: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None

    @property
    def year(self) -> int | None:
        """The year, when the date or both bounds fall in one year."""
        if self.published:
            return self.published.year
        if self.earliest and self.latest and self.earliest.year == self.latest.year:
            return self.earliest.year
        return None


def _valid_year(year: int) -> bool:
    return 1800 <= year <= 2200


def _month_bounds(year: int, month: int) -> DateInfo:
    last = calendar.monthrange(year, month)[1]
    return DateInfo(None, dt.date(year, month, 1), dt.date(year, month, last))


def numeric_order(value: str | None) -> bool | None:
    """What a numeric date says about its input's convention: ``True`` when it can only be read
    day first ("25/03/2031"), ``False`` when only month first ("03/25/2031"), else ``None``."""
    match = _NUMERIC_DATE.match(value or "")
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second >= 1:
        return True
    if second > 12 >= first >= 1:
        return False
    return None


def _numeric_date(match: re.Match[str], dayfirst: bool | None) -> DateInfo:
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if year < 100:
        year += 2000 if year < 70 else 1900
    readings: set[dt.date] = set()
    orders: tuple[tuple[int, int], ...] = ((first, second), (second, first))
    if dayfirst is not None:
        orders = (orders[1],) if dayfirst else (orders[0],)
    for month, day in orders:
        try:
            readings.add(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings or not _valid_year(year):
        return DateInfo()
    if len(readings) == 1:
        return DateInfo(next(iter(readings)))
    # Ambiguous and nothing settles the convention: an interval, never a guess.
    return DateInfo(None, min(readings), max(readings))


def parse_date(value: str | None, dayfirst: bool | None = None) -> DateInfo:
    """Parse a metadata date string in any common format; partial dates give bounds.

    ISO timestamps ("2022-03-07T10:15:00Z") give their date. A numeric date that reads both
    ways ("03/04/2031") is read by ``dayfirst`` when the input's other dates settle the
    convention (see :func:`numeric_order`); otherwise it gives the interval between its two
    readings, never a guess. Unparseable values give nothing.
    """
    if not value or not value.strip():
        return DateInfo()
    text = value.strip()
    if match := _NUMERIC_DATE.match(text):
        return _numeric_date(match, dayfirst)
    if match := _YEAR.match(text):
        year = int(match.group(1))
        if _valid_year(year):
            return DateInfo(None, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return DateInfo()
    if match := _YEAR_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        return _month_bounds(year, month) if 1 <= month <= 12 and _valid_year(year) else DateInfo()
    if (match := _MONTH_YEAR.match(text)) and match.group(1).lower() in MONTHS:
        return _month_bounds(int(match.group(2)), MONTHS[match.group(1).lower()])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text):
        try:
            return DateInfo(dt.date.fromisoformat(text[:10]))
        except ValueError:
            return DateInfo()
    try:
        # Parsing twice with different defaults shows which parts the string really states.
        # Time zone names dateutil does not know ("ET") only matter for the time: stay quiet.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            first = date_parser.parse(text, default=_DEFAULT_A, fuzzy=False)
            second = date_parser.parse(text, default=_DEFAULT_B, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return DateInfo()
    if first.year != second.year or not _valid_year(first.year):
        return DateInfo()
    if first.month != second.month:
        return DateInfo(None, dt.date(first.year, 1, 1), dt.date(first.year, 12, 31))
    if first.day != second.day:
        return _month_bounds(first.year, first.month)
    return DateInfo(first.date())


def take_date_header(text: str) -> tuple[dt.date | None, str]:
    """Split a leading ``date YYYY-MM-DD`` header off ``text``; returns (date, rest)."""
    match = _DATE_HEADER.match(text)
    if not match:
        return None, text
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, text
    return day, text[match.end() :]


def date_from_url(url: str | None) -> dt.date | None:
    """A full date written in a URL path (``/2022/03/07/``), if any."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def month_day(month: str, day: str, year: int | None) -> dt.date | None:
    """The date for a dateline's month and day, only when ``year`` is known."""
    number = MONTHS.get(month.lower().rstrip("."))
    if year is None or number is None:
        return None
    try:
        return dt.date(year, number, int(day))
    except ValueError:
        return None
