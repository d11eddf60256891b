"""Calendar arithmetic for time expressions: months, weeks, weekdays, seasons, intervals.

Intervals are ``(earliest, latest)`` pairs of days, both inclusive.
"""

from __future__ import annotations

import calendar
import datetime as dt

Interval = tuple[dt.date, dt.date]


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> Interval:
    """The whole of a month."""
    return dt.date(year, month, 1), month_end(year, month)


def year_interval(year: int) -> Interval:
    """The whole of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to a shorter month's end (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_units(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` moved by ``count`` days, weeks, months or years."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "month":
        return add_months(day, count)
    return add_months(day, 12 * count)


def unit_interval(day: dt.date, unit: str) -> Interval:
    """The calendar day, week (Monday to Sunday), month or year that contains ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return month_interval(day.year, day.month)
    return year_interval(day.year)


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` on or after ``day``."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (Feb 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_in_year(year: int, month: int, day: int) -> dt.date:
    """``month``/``day`` in ``year``; Feb 29 falls back to Feb 28 in a common year."""
    return safe_date(year, month, day) or dt.date(year, month, 28)


def season_interval(start_year: int, months: tuple[int, int]) -> Interval:
    """The season that starts in ``start_year`` (winter: Dec of that year to the end of Feb)."""
    first, last = months
    end_year = start_year + (1 if last < first else 0)
    return dt.date(start_year, first, 1), month_end(end_year, last)


def clamp(interval: Interval) -> Interval:
    """An interval whose end is never before its start (``earlier this month`` on the 1st)."""
    earliest, latest = interval
    return earliest, max(earliest, latest)
