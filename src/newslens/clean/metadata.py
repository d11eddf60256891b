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
    published = DateInfo()
    for i, line in enumerate(kept[: cues.byline_max_line]):
        if i in consumed:
            continue
        match = full_match(cues.byline, line)
        if match and not is_sentence_like(line) and (author or byline_outlet) is None:
            author, byline_outlet = parse_byline(match.group("name"), registry)
            if author or byline_outlet:
                consumed.append(i)
                continue
        date_match = full_match(cues.published_line, line) if i < cues.published_max_line else None
        if date_match and published == DateInfo():
            published = parse_date(date_match.group("date"))
            if published != DateInfo():
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
        consumed=tuple(sorted(consumed)),
    )


def parse_byline(name: str, registry: OutletRegistry) -> tuple[str | None, str | None]:
    """``(author, outlet)`` from a byline's text: "Jane Doe", "Jane Doe, Reuters",
    "Euronews with AP" (an outlet, not an author)."""
    name = name.strip()
    first = re.split(r"\s+with\s+", name, maxsplit=1)[0].strip()
    known = registry.by_name(first)
    if known:
        return None, known.name
    parts = [p for p in _AUTHOR_SPLIT.split(name) if p]
    if not parts:
        return None, None
    outlet = None
    if len(parts) > 1:
        known = registry.by_name(parts[-1])
        if known:
            outlet = known.name
            parts = parts[:-1]
    person = ", ".join(parts) if all(looks_like_person(p) for p in parts) else None
    return person, outlet


def _is_title_line(line: str, registry: OutletRegistry, cues: SignatureCues) -> bool:
    if not is_headline_shaped(line, max_words=30) or word_count(line) < 3:
        return False
    if line.endswith((":", ",", ";")) or full_match(cues.byline, line):
        return False
    date_line = full_match(cues.published_line, line)
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


def is_truncated(body: str) -> bool:
    """True when the body's last paragraph stops mid-sentence (or on an ellipsis)."""
    last = body.rstrip().rsplit("\n", 1)[-1].strip()
    if not last:
        return False
    if re.search(r"(…|\.\.\.)[\"'”’»)\]]*$", last) and not re.search(r"[\"”’»]$", last):
        return True
    if is_sentence_like(last):
        return False
    # A whole parenthetical footer, e.g. "(Reporting by Jane Doe; editing by John Roe)".
    return not (last.startswith("(") and last.endswith(")"))
