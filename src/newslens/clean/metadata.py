"""Metadata read from the text itself: title, byline, dateline, outlet signatures, republication
cues, "Published …" lines and truncation. Cue patterns live in ``data/signatures.toml``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newslens.clean.boilerplate import is_headline_shaped, is_sentence_like, word_count
from newslens.clean.dates import DateInfo, parse_date
from newslens.clean.lexicon import SignatureCues, full_match
from newslens.clean.outlets import OutletRegistry

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
_NAME_CONNECTORS = frozenset(
    {"of", "the", "and", "&", "de", "del", "der", "van", "von", "la", "le", "al", "bin"}
    | {"da", "dos", "du", "y", "on", "for"}
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]{2,}[\w.]*|\d+)$")
_PERSON_TOKEN = re.compile(r"^[A-Z][a-zA-Z'’.\-]*$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\||\s-\s|\s—\s|/)\s*")


def looks_like_name(text: str, max_words: int = 5) -> bool:
    """True for a short capitalised name ("National Review", "Daily Planet", "ANH")."""
    words = text.split()
    if not 1 <= len(words) <= max_words or len(text) > 50 or not _NAME_TOKEN.match(words[0]):
        return False
    return all(_NAME_TOKEN.match(w) or w.lower() in _NAME_CONNECTORS for w in words)


def looks_like_person(text: str) -> bool:
    """True for a person's name: two to five capitalised words, no digits ("Jane Doe")."""
    words = [w for w in text.replace(" and ", " ").split() if w.lower() not in _NAME_CONNECTORS]
    return 2 <= len(words) <= 8 and all(_PERSON_TOKEN.match(w) for w in words)


def resolve_outlet(name: str | None, registry: OutletRegistry) -> str | None:
    """The registry's display name for an outlet named in the text, or the name when it looks
    like one; ``None`` for text that is not a name."""
    if not name:
        return None
    name = name.strip(" .,:;'\"’”")
    known = registry.by_name(name)
    if known:
        return known.name
    return name if looks_like_name(name) else None


def split_title_suffix(title: str, registry: OutletRegistry) -> tuple[str, str | None]:
    """Split ``Title | Outlet`` (or ``-``, ``–``, ``—``) into the title and the outlet's name.

    The suffix is only split off when it is a registered outlet or, after ``|``, looks like a
    name; "Ukraine war - live updates" stays whole.
    """
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title.strip(), None
    last = separators[-1]
    head, suffix = title[: last.start()].strip(), title[last.end() :].strip()
    if word_count(head) < 2:
        return title.strip(), None
    known = registry.by_name(suffix)
    if known:
        return head, known.name
    if "|" in last.group(0) and looks_like_name(suffix, max_words=4):
        return head, suffix
    return title.strip(), None


@dataclass(frozen=True)
class TextSignals:
    """What the text says about itself. ``consumed`` are kept-line indices that are metadata
    (title, byline, a "Published" line) and leave the body."""

    title: str | None = None
    author: str | None = None
    byline_outlet: str | None = None
    dateline_outlet: str | None = None
    dateline_month_day: tuple[str, str] | None = None
    notice_outlet: str | None = None
    republished: bool = False
    republished_from: str | None = None
    bio_author: str | None = None
    published: DateInfo = field(default_factory=DateInfo)
    updated: DateInfo = field(default_factory=DateInfo)
    consumed: tuple[int, ...] = ()


def read_signals(
    kept: Sequence[str],
    all_lines: Sequence[str],
    registry: OutletRegistry,
    cues: SignatureCues,
    *,
    find_title: bool = True,
) -> TextSignals:
    """Read the metadata signatures of a text.

    ``kept`` are the body lines left after boilerplate removal (title, byline and dateline are
    looked for there); ``all_lines`` are every line of the input, removed ones included (player
    notices and republication footers are junk for the body but evidence for the metadata).
    """
    consumed: list[int] = []
    title = None
    if find_title and len(kept) > 1 and _is_title_line(kept[0], registry, cues):
        title = kept[0]
        consumed.append(0)
    author = byline_outlet = None
    published = updated = DateInfo()
    for i, line in enumerate(kept[: cues.byline_max_line]):
        if i in consumed:
            continue
        match = full_match(cues.byline, line)
        if match and not is_sentence_like(line) and (author or byline_outlet) is None:
            author, byline_outlet, day = read_byline(
                match.group("name"), registry, cues.staff_suffixes
            )
            if author or byline_outlet:
                consumed.append(i)
                published = day if published == DateInfo() else published
                continue
        date_match = full_match(cues.published_line, line) if i < cues.published_max_line else None
        if date_match and published == DateInfo():
            published = parse_date(date_match.group("date"))
            if published != DateInfo():
                consumed.append(i)
                continue
        updated_match = full_match(cues.updated_line, line) if i < cues.published_max_line else None
        if updated_match and updated == DateInfo():
            updated = parse_date(updated_match.group("date"))
            if updated != DateInfo():
                consumed.append(i)
    # A sign-off byline at the end ("By Velmar Herald Staff", "Von unserem Korrespondenten, …").
    first_tail = max(len(kept) - cues.byline_tail_lines, cues.byline_max_line, 1)
    for i in range(first_tail, len(kept)):
        match = full_match(cues.byline, kept[i])
        if not match or (is_sentence_like(kept[i]) and not match.group("name")[-1:].isdigit()):
            continue
        tail_author, tail_outlet, day = read_byline(
            match.group("name"), registry, cues.staff_suffixes
        )
        if tail_author or tail_outlet:
            consumed.append(i)
            author, byline_outlet = author or tail_author, byline_outlet or tail_outlet
            published = day if published == DateInfo() else published
    # A republication footer ("This story was first published by …") is metadata, not body.
    for i in range(max(len(kept) - 2, 1), len(kept)):
        if i not in consumed and full_match(cues.republication, kept[i]):
            consumed.append(i)
    dateline_outlet, month_day = _find_dateline(kept, registry, cues)
    notice_outlet = None
    republished, republished_from = False, None
    for line in all_lines:
        match = full_match(cues.outlet, line)
        if match and notice_outlet is None:
            notice_outlet = resolve_outlet(match.group("outlet"), registry)
        match = full_match(cues.republication, line)
        if match:
            republished = True
            named = match.groupdict().get("outlet")
            republished_from = republished_from or resolve_outlet(named, registry)
    return TextSignals(
        title=title,
        author=author,
        byline_outlet=byline_outlet,
        dateline_outlet=dateline_outlet,
        dateline_month_day=month_day,
        notice_outlet=notice_outlet,
        republished=republished,
        republished_from=republished_from,
        bio_author=_bio_author(all_lines),
        published=published,
        updated=updated,
        consumed=tuple(sorted(consumed)),
    )


def parse_byline(
    name: str, registry: OutletRegistry, staff_suffixes: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """``(author, outlet)`` from a byline's text: "Jane Doe", "Jane Doe, Reuters",
    "Jane Doe and John Roe | Reuters", "Euronews with AP" and "Reuters Staff" (an outlet, not an
    author)."""
    author, outlet, _date = read_byline(name, registry, staff_suffixes)
    return author, outlet


def read_byline(
    name: str, registry: OutletRegistry, staff_suffixes: Sequence[str] = ()
) -> tuple[str | None, str | None, DateInfo]:
    """``(author, outlet, date)`` from a byline's text. Parts are split on commas and bars; each
    is a person, an outlet (registered, or named with a staff word: "Velmar Herald Staff"), a
    date, or a lower-case descriptor ("our correspondent"); any other part makes the line no
    byline (``None, None``)."""
    name = name.strip()
    first = re.split(r"\s+with\s+", name, maxsplit=1)[0].strip()
    known = _outlet_name(first, registry, staff_suffixes)
    if known:
        return None, known, DateInfo()
    persons: list[str] = []
    outlet, date = None, DateInfo()
    for part in (p.strip() for p in _AUTHOR_SPLIT.split(name)):
        if not part:
            continue
        found = _outlet_name(part, registry, staff_suffixes)
        if found and outlet is None:
            outlet = found
        elif looks_like_person(part) and not _is_staff(part, staff_suffixes):
            persons.append(part)
        elif date == DateInfo() and re.search(r"\d{4}", part) and parse_date(part) != DateInfo():
            date = parse_date(part)
        elif not part[:1].islower():
            return None, None, DateInfo()
    return (", ".join(persons) or None), outlet, date


def _is_staff(text: str, staff_suffixes: Sequence[str]) -> bool:
    folded = " ".join(text.casefold().split())
    return any(folded == s or folded.endswith(" " + s) for s in staff_suffixes)


def _outlet_name(text: str, registry: OutletRegistry, staff_suffixes: Sequence[str]) -> str | None:
    known = registry.by_name(text)
    if known:
        return known.name
    folded = " ".join(text.split())
    for suffix in sorted(staff_suffixes, key=len, reverse=True):
        if folded.casefold().endswith(" " + suffix):
            head = folded[: -len(suffix)].strip()
            known = registry.by_name(head)
            if known:
                return known.name
            return head if looks_like_name(head, max_words=4) else None
    return None


def _is_title_line(line: str, registry: OutletRegistry, cues: SignatureCues) -> bool:
    if not is_headline_shaped(line, max_words=30) or word_count(line) < 3:
        return False
    if line.endswith((":", ",", ";")) or full_match(cues.byline, line):
        return False
    for patterns in (cues.published_line, cues.updated_line):
        date_line = full_match(patterns, line)
        if date_line and parse_date(date_line.group("date")) != DateInfo():
            return False
    return not _dateline(line, registry, cues)


def _dateline(
    line: str, registry: OutletRegistry, cues: SignatureCues
) -> tuple[str, tuple[str, str] | None] | None:
    head = line[: cues.dateline_max_offset + 10]
    for pattern in cues.dateline:
        match = pattern.search(head)
        if not match or match.start() > cues.dateline_max_offset:
            continue
        outlet = resolve_outlet(match.group("outlet"), registry)
        if outlet is None:
            continue
        groups = match.groupdict()
        month, day = groups.get("month"), groups.get("day")
        return outlet, (month, day) if month and day else None
    return None


def _find_dateline(
    kept: Sequence[str], registry: OutletRegistry, cues: SignatureCues
) -> tuple[str | None, tuple[str, str] | None]:
    for line in kept[:4]:
        found = _dateline(line, registry, cues)
        if found:
            return found
    return None, None


def _bio_author(all_lines: Sequence[str]) -> str | None:
    # "About the Author" followed by a line that is just a person's name.
    for i, line in enumerate(all_lines[:-1]):
        if re.fullmatch(r"about the (author|writer|reporter)", line, re.IGNORECASE):
            candidate = all_lines[i + 1]
            return candidate if looks_like_person(candidate) else None
    return None


_LAST_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=\S)")


def is_truncated(body: str, cues: SignatureCues | None = None) -> bool:
    """True when the body's last paragraph stops mid-sentence, on an ellipsis or on a cut mark
    ("[…]", "Read more"); a last paragraph that ends with a footer, a credit or the
    introduction of an embed (``cues.complete_tails``) is not cut."""
    last = body.rstrip().rsplit("\n", 1)[-1].strip()
    if not last:
        return False
    if cues and any(_ends_with(p, last) for p in cues.truncation_marks):
        return True
    if re.search(r"(…|\.\.\.)[\"'”’»)\]]*$", last) and not re.search(r"[\"”’»]$", last):
        return True
    if is_sentence_like(last):
        return False
    # A whole parenthetical footer, e.g. "(Reporting by Jane Doe; editing by John Roe)".
    if last.startswith("(") and last.endswith(")"):
        return False
    if cues is None:
        return True
    ends = list(_LAST_SENTENCE_END.finditer(last))
    tail = last[ends[-1].end() :] if ends else last
    if any(_ends_with(p, tail) for p in cues.complete_tails):
        return False
    return not any(p.match(tail) for p in cues.complete_tail_starts)


def _ends_with(pattern: re.Pattern[str], text: str) -> bool:
    return re.search(f"(?:{pattern.pattern})\\Z", text, pattern.flags) is not None
