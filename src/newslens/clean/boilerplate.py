"""Text-level boilerplate removal: player notices, captions and credits, widgets, related tails.

Signals are general: the shape of a line (terminal punctuation, length, hashtags), its position
(head or tail of the text), cue phrases kept as data (``data/boilerplate.toml``) and repetition
across a batch. A line shaped like a sentence is only removed when a strong cue matches the whole
line, or when it sits inside a block a cue opens (an author bio) or is a verbatim repeat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newslens.clean.lexicon import BoilerplateCues, full_match

# A sentence ends with . ! ? or an ellipsis, optionally followed by closing quotes or brackets;
# a closing quote alone also ends one (“… in bilateral relations” at the end of a quote).
_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’»)\]]*|[\"”’»]|[.!?…]\s*[\"”’»][)\]]?)$")
_HASHTAG = re.compile(r"#\w+")
_WORD = re.compile(r"\w+")
# Where a caption glued to a paragraph may begin: after a sentence end (or a previous credit's
# closing bracket), before a capital letter or an opening quote.
_CAPTION_START = re.compile(r"(?:[.!?][\"'”’]?|\))\s+(?=[A-Z“\"‘])")
#: a line ending with a photo credit is a caption when it is at most this long
_CAPTION_MAX_WORDS = 60


def is_sentence_like(line: str) -> bool:
    """True when ``line`` ends like a sentence (terminal punctuation or a closing quote)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def word_count(line: str) -> int:
    """Number of word tokens in ``line``."""
    return len(_WORD.findall(line))


def is_headline_shaped(line: str, max_words: int = 25) -> bool:
    """True for a short line without terminal punctuation (a headline, label or heading)."""
    return not is_sentence_like(line) and 0 < word_count(line) <= max_words and len(line) <= 200


def is_hashtag_line(line: str) -> bool:
    """True when most tokens of ``line`` are hashtags (at least two of them)."""
    tokens = line.split()
    tags = [t for t in tokens if _HASHTAG.fullmatch(t.strip(",;"))]
    return len(tags) >= 2 and len(tags) * 2 >= len(tokens)


def credit_match(line: str, cues: BoilerplateCues) -> re.Match[str] | None:
    """The photo credit that ends ``line``, if any."""
    for pattern in cues.credit:
        match = pattern.search(line)
        if match:
            return match
    return None


@dataclass(frozen=True)
class CleanedLines:
    """Lines kept as body paragraphs and the lines (or inline pieces) removed, in text order."""

    kept: tuple[str, ...]
    removed: tuple[str, ...]


def remove_boilerplate(
    lines: Sequence[str],
    cues: BoilerplateCues,
    *,
    repeated: frozenset[str] = frozenset(),
    gentle: bool = False,
) -> CleanedLines:
    """Remove boilerplate from a text's non-empty lines (one paragraph per line).

    ``repeated`` holds short lines seen in several documents of the batch from different sources.
    ``gentle`` (for bodies an HTML extractor already cleaned) skips the shape-only rules.
    """
    n = len(lines)
    drop = [False] * n
    caption = [False] * n
    trimmed: dict[int, str] = {}
    inline_removed: dict[int, list[str]] = {}
    for i, line in enumerate(lines):
        related = full_match(cues.related_prefix, line) and not is_sentence_like(line)
        if full_match(cues.strong, line) or is_hashtag_line(line) or related:
            drop[i] = True
        elif credit_match(line, cues):
            if word_count(line) <= _CAPTION_MAX_WORDS:
                drop[i] = caption[i] = True
            else:
                trimmed[i], pieces = strip_trailing_captions(line, cues)
                inline_removed[i] = pieces
        elif not gentle and line in repeated and not is_sentence_like(line):
            drop[i] = True
    _drop_caption_repeats(lines, drop, caption)
    if not gentle:
        # An extractor's output repeats lines on purpose (a meal plan, the same question put to
        # each interviewee); only a text scrape repeats paragraphs by accident.
        _drop_exact_repeats(lines, drop)
    _drop_tail_lists(lines, drop, cues)
    _drop_bio(lines, drop, cues)
    _drop_gallery(lines, drop, caption, cues, gentle=gentle)
    kept: list[str] = []
    removed: list[str] = []
    for i, (line, dropped) in enumerate(zip(lines, drop, strict=True)):
        if dropped:
            removed.append(line)
            continue
        removed.extend(inline_removed.get(i, ()))
        line, piece = strip_inline_tail(trimmed.get(i, line), cues)
        if piece:
            removed.append(piece)
        kept.append(line)
    return CleanedLines(tuple(kept), tuple(removed))


def strip_trailing_captions(line: str, cues: BoilerplateCues) -> tuple[str, list[str]]:
    """Cut photo captions (each ending with its credit) from the end of a long paragraph.

    Scrapes often glue a gallery's captions to the last paragraph, or hold a whole article on one
    line that ends with them. Each caption starts after the last sentence end before its credit
    (a sentence end followed by a capital letter or an opening quote, so "Aug. 28" stays whole).
    """
    pieces: list[str] = []
    while True:
        match = credit_match(line, cues)
        if match is None:
            break
        starts = [m.end() for m in _CAPTION_START.finditer(line, 0, match.start())]
        start = starts[-1] if starts else 0
        if start == 0 or word_count(line[start : match.start()]) > _CAPTION_MAX_WORDS:
            break  # no sentence before it, or too long for a caption: leave the text alone
        pieces.insert(0, line[start:].strip())
        line = line[:start].rstrip()
    return line, pieces


def strip_inline_tail(line: str, cues: BoilerplateCues) -> tuple[str, str | None]:
    """Cut widget text glued after a paragraph's last sentence ("… parties." Advertisement)."""
    for pattern in cues.inline_tail:
        match = re.search(rf"(?<=[.!?\"”’])\s+({pattern.pattern})\s*$", line, re.IGNORECASE)
        if match:
            return line[: match.start()].rstrip(), match.group(1)
    return line, None


def _drop_caption_repeats(lines: Sequence[str], drop: list[bool], caption: list[bool]) -> None:
    # A caption is often printed twice: alone, then again with its credit appended.
    for i, line in enumerate(lines):
        if drop[i]:
            continue
        for j in range(i + 1, min(i + 4, len(lines))):
            if caption[j] and lines[j].startswith(line) and len(line) >= 15:
                drop[i] = caption[i] = True
                break


def _drop_exact_repeats(lines: Sequence[str], drop: list[bool]) -> None:
    # A paragraph repeated verbatim is a scraping artefact; the first copy stays in the body.
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line in seen and not drop[i]:
            drop[i] = True
        seen.add(line)


def _drop_tail_lists(lines: Sequence[str], drop: list[bool], cues: BoilerplateCues) -> None:
    # "You might also like" and the related headlines under it; a sentence ends the list.
    i = 0
    while i < len(lines):
        if is_sentence_like(lines[i]) or not full_match(cues.tail_headings, lines[i]):
            i += 1
            continue
        drop[i] = True
        i += 1
        while i < len(lines) and (drop[i] or is_headline_shaped(lines[i])):
            drop[i] = True
            i += 1


def _drop_bio(lines: Sequence[str], drop: list[bool], cues: BoilerplateCues) -> None:
    # An author bio box near the end: the heading and everything after it.
    for i, line in enumerate(lines):
        after = len(lines) - i - 1
        if after <= cues.bio_max_lines and full_match(cues.bio_headings, line):
            for j in range(i, len(lines)):
                drop[j] = True
            return


def _drop_gallery(
    lines: Sequence[str],
    drop: list[bool],
    caption: list[bool],
    cues: BoilerplateCues,
    *,
    gentle: bool,
) -> None:
    # A closing gallery: a heading followed only by captions (and other junk) up to the end.
    last_kept = max((i for i in range(len(lines)) if not drop[i]), default=-1)
    if last_kept < 0 or is_sentence_like(lines[last_kept]):
        return
    tail = range(last_kept + 1, len(lines))
    has_caption = any(caption[j] for j in tail)
    cue = full_match(cues.gallery_headings, lines[last_kept]) is not None
    by_shape = has_caption and not gentle and is_headline_shaped(lines[last_kept], max_words=15)
    if by_shape or (cue and is_headline_shaped(lines[last_kept])):
        drop[last_kept] = True
