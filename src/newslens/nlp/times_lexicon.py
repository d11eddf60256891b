"""The word lists of ``data/time.toml`` and the one regular expression built from them.

Everything here is computed once per process (:func:`lexicon` is cached): the time resolver
only runs the compiled pattern over sentence text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: words of relative expressions ("yesterday", "three weeks ago", "its fourth month")
RELATIVE_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "overnight",
    "day",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "days",
    "weeks",
    "months",
    "years",
    "ago",
)


@dataclass(frozen=True)
class Lexicon:
    """Time words by what they mean, and the compiled patterns that find them."""

    months: dict[str, int]  # every form, lower-case, no dot -> month number
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # form -> 0 (Monday) .. 6
    weekday_followers: frozenset[str]
    weekday_preceders: tuple[str, ...]
    seasons: dict[str, tuple[int, int]]
    parts: dict[str, tuple[int, int]]
    numbers: dict[str, tuple[int, int]]  # cardinal word or vague count -> (fewest, most)
    ordinals: dict[str, int]
    recent: dict[str, int]  # unit (plural) -> days back
    named_days: dict[str, tuple[int, int]]
    anchor_keywords: frozenset[str]
    pattern: re.Pattern[str]
    trigger: re.Pattern[str]  # a word every time expression contains: cheap to look for
    future: re.Pattern[str]
    past: re.Pattern[str]
    keyword: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first so a prefix never wins."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)


def _cased(words: list[str]) -> str:
    """Capitalised and upper-case forms only (so "march" and "may" stay words)."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return _alternation(forms)


def _build_pattern(data: dict[str, Any], months: dict[str, int], weekdays: dict[str, int]) -> str:
    ambiguous = set(data["ambiguous_months"])
    full = [forms[0] for forms in data["months"].values()]
    abbreviations = [m for m in months if m not in full and len(m) <= 4]
    misspelt = [m for m in months if m not in full and len(m) > 4]
    month_any = rf"(?:{_cased(full + misspelt)})|(?:{_cased(abbreviations)})\.?"
    month = rf"(?:{month_any})(?![\w’'])"
    bare_month = _cased([m for m in full if m not in ambiguous])
    weekday = _cased(list(weekdays))
    season = _alternation(list(data["seasons"]))
    parts = _alternation([p for p in data["parts_of_month"] if " " in p])
    numbers = data["numbers"]
    count = _alternation(numbers["cardinals"] + list(numbers["vague"])) + r"|\d{1,4}"
    ordinal = _alternation(numbers["ordinals"]) + r"|\d{1,4}(?:st|nd|rd|th)"
    named = _alternation(list(data["named_days"]))
    keywords = _alternation(data["anchors"]["keywords"])
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]|20)\d\d"
    preps = r"in|since|during|until|till|by|through|throughout|from|before|after|of|last|this|next"
    no_digit = r"(?![\d/,.]\d|\w)"
    rules = {
        "iso": rf"\b(?P<iso_y>{year})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])\b",
        "num": rf"\b(?P<num_a>\d{{1,2}})[/.](?P<num_b>\d{{1,2}})[/.](?P<num_y>{year})\b",
        "md": rf"\b(?P<md_m>{month})\s+(?P<md_d>{day})\b(?:,?\s+(?P<md_y>{year})\b)?{no_digit}",
        "dm": rf"\b(?P<dm_d>{day})\s+(?:of\s+)?(?P<dm_m>{month})(?:,?\s+(?P<dm_y>{year})\b)?",
        "my": rf"\b(?P<my_m>{month})(?:\s+of)?,?\s+(?P<my_y>{year})\b{no_digit}",
        "part": rf"\b(?i:(?:in\s+)?(?P<part_p>early|mid|late|{parts})(?:\s+in|\s+of|-|\s+)?\s*)"
        rf"(?P<part_m>{month})(?:,?\s+(?P<part_y>{year})\b)?",
        "pmonth": rf"\b(?i:(?P<pm_p>{preps})\s+)(?P<pm_m>{_cased(full)})(?![\w’']|,?\s+\d)",
        "bmonth": rf"\b(?P<bm_m>{bare_month})(?![\w’']|,?\s+\d)",
        "year": rf"\b(?i:(?P<yr_p>{preps}|early|late|mid-?)\s+(?:the\s+year\s+)?)(?P<yr_y>{year})"
        rf"\b(?![-/–]\d)",
        "weekday": rf"\b(?i:(?P<wd_p>on|last|next|this\s+coming|this\s+past|coming|this|past)\s+)?"
        rf"(?P<wd_d>{weekday})\b(?i:\s+(?:morning|afternoon|evening|night))?",
        "named": rf"\b(?i:(?:on\s+)?(?P<nd_n>{named}))\b(?:\s+(?P<nd_y>{year})\b)?",
        "season": rf"\b(?i:(?:(?P<se_p>in|during|over|this|last|next|since|until|by|throughout|"
        rf"through|early|late|mid)\s+(?:the\s+)?|(?P<se_the>the\s+))(?P<se_s>{season})"
        rf"(?:\s+of)?(?:\s+(?P<se_y>{year}))?)\b",
        "ago": rf"\b(?i:(?P<ago_n>{count})\s+(?P<ago_u>day|week|month|year)s?\s+ago)\b",
        "recent": r"\b(?i:(?:(?:in|over|during)\s+)?(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+"
        r"(?P<rc_u>days|weeks|months|years))\b",
        "past": rf"\b(?i:(?:(?:in|over|during)\s+)?(?:the\s+|this\s+)(?:past|last)\s+"
        rf"(?:(?P<pa_n>{count})\s+)?(?P<pa_u>day|week|month|year)s?)\b",
        "period": r"\b(?i:(?:(?P<pe_w>earlier|later)\s+(?:in\s+)?)?(?P<pe_p>this|last|next)\s+"
        r"(?P<pe_u>week|month|year))\b",
        "day": r"\b(?i:(?P<dy>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|"
        r"this\s+(?:morning|afternoon|evening)|last\s+night|earlier\s+today|later\s+today|"
        r"overnight|the\s+day\s+before(?=\s*(?:[,.;:!?)]|$))))\b",
        "dur": rf"\b(?i:(?:now\s+)?(?:into|in|entering|enters|entered)\s+(?:its|their|the)\s+"
        rf"(?P<du_o>{ordinal})\s+(?P<du_u>day|week|month|year))\b",
        "ndur": rf"\b(?i:(?:(?P<nd_q>more\s+than|just\s+over|over|nearly|almost|about|around|some|"
        rf"roughly|less\s+than|fewer\s+than)\s+)?(?P<nd_c>{count})\s+(?P<nd_u>day|week|month|year)"
        rf"s?\s+(?P<nd_r>into|after|since|of|after\s+the\s+start\s+of)(?:\s+[\w’'-]+){{0,3}}?\s+"
        rf"(?P<nd_k>{keywords}))\b",
    }
    return "|".join(f"(?P<{name}>{body})" for name, body in rules.items())


def _build_trigger(data: dict[str, Any], months: dict[str, int], weekdays: dict[str, int]) -> str:
    """Words of which every time expression holds at least one (a 4-digit year counts)."""
    words = list(months) + list(weekdays) + list(data["seasons"]) + list(RELATIVE_WORDS)
    words += [name.split()[0] for name in data["named_days"]]
    return rf"(?i:\b(?:{_alternation(words)})(?:s|['’]s)?\b)|\b(?:1[89]|20)\d\d\b"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The time lexicon from ``data/time.toml``, with its patterns compiled (once)."""
    text = resources.files("newslens").joinpath("data", "time.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    months = {form: int(n) for n, forms in data["months"].items() for form in forms}
    weekdays = {form: int(n) for n, forms in data["weekdays"].items() for form in forms}
    numbers = data["numbers"]
    counts = {w: (i, i) for i, w in enumerate(numbers["cardinals"])}
    counts.update({w: (lo, hi) for w, (lo, hi) in numbers["vague"].items()})
    context = data["context"]
    return Lexicon(
        months=months,
        ambiguous_months=frozenset(data["ambiguous_months"]),
        weekdays=weekdays,
        weekday_followers=frozenset(data["weekday_names"]["followed_by"]),
        weekday_preceders=tuple(data["weekday_names"]["preceded_by"]),
        seasons={k: (v[0], v[1]) for k, v in data["seasons"].items()},
        parts={k: (v[0], v[1]) for k, v in data["parts_of_month"].items()},
        numbers=counts,
        ordinals={w: i for i, w in enumerate(numbers["ordinals"])},
        recent=dict(data["recent"]),
        named_days={k: (v[0], v[1]) for k, v in data["named_days"].items()},
        anchor_keywords=frozenset(data["anchors"]["keywords"]),
        pattern=re.compile(_build_pattern(data, months, weekdays)),
        trigger=re.compile(_build_trigger(data, months, weekdays)),
        future=re.compile(rf"(?i:\b(?:{_alternation(context['future'])})\b(?!\s+have\b))"),
        past=re.compile(rf"(?i:\b(?:{_alternation(context['past'])})\b)"),
        keyword=re.compile(rf"(?i:\b(?:{_alternation(data['anchors']['keywords'])})\b)"),
    )


def normal(word: str) -> str:
    """A matched word as the lexicon keys it: lower-case, single spaces, straight apostrophe."""
    return " ".join(word.lower().replace("’", "'").rstrip(".").split())
