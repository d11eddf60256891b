"""Find quoted spans in a text by pairing quotation marks (straight and curly).

Double marks (``"`` ``“`` ``”`` and the low ``„``) pair with each other whatever their shape,
because scraped text mixes them (``"willing …”``). Single curly marks (``‘…’``) are a quote
only outside a double quote (inside one they are a nested quote and stay part of its text), when
``‘`` opens a word and a matching ``’`` closes one, so apostrophes (``partnership’s``,
``countries’ ties``) never open or close anything. A quote left open at a paragraph break is
closed there, unless the next paragraph opens with a mark: the newspaper convention for a quote
that runs on over several paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans"]

_DOUBLE_OPEN = frozenset('"“„')
_DOUBLE_CLOSE = frozenset('"”')
_DOUBLE = _DOUBLE_OPEN | _DOUBLE_CLOSE | frozenset("‟")
_MAX_CHARS = 3000  # a quote longer than this is an unbalanced mark, not a quote


@dataclass(frozen=True)
class QuotedSpan:
    """A quote: ``open_at`` the opening mark, [start, end) the words, ``close_at`` the closing
    mark (None when the quote ran to a paragraph break unclosed)."""

    open_at: int
    start: int
    end: int
    close_at: int | None


def _paragraph_break(text: str, k: int) -> bool:
    return text.startswith("\n\n", k) or text.startswith("\n \n", k)


def _singles(text: str, start: int, end: int) -> list[QuotedSpan]:
    """``‘…’`` quotes in text[start:end] (a stretch outside double quotes)."""
    spans: list[QuotedSpan] = []
    k = start
    while k < end:
        k = text.find("‘", k, end)
        if k < 0:
            break
        if k > 0 and text[k - 1].isalnum():
            k += 1
            continue
        close = k + 1
        found = None
        while close < end:
            close = text.find("’", close, end)
            if close < 0:
                break
            after = text[close + 1] if close + 1 < len(text) else " "
            if not after.isalnum() and not text[close - 1].isspace():
                found = close
                break
            close += 1
        if found is None or "\n\n" in text[k:found]:
            k += 1
            continue
        spans.append(QuotedSpan(k, k + 1, found, found))
        k = found + 1
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted span of ``text``, in order (nested quotes stay inside)."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    outside_from = 0
    k, n = 0, len(text)
    while k < n:
        ch = text[k]
        if open_at is not None and _paragraph_break(text, k):
            nxt = k
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if nxt < n and text[nxt] in _DOUBLE_OPEN and nxt + 1 < n and text[nxt + 1].isalnum():
                # a quote running on into the next paragraph: one quote, marks dropped later
                k = nxt + 1
                continue
            spans.append(QuotedSpan(open_at, open_at + 1, k, None))
            open_at, outside_from = None, k
            continue
        if ch in _DOUBLE:
            if open_at is None:
                if ch == "”" and k + 1 < n and not text[k + 1].isalnum():
                    k += 1  # a stray closing mark
                    continue
                spans.extend(_singles(text, outside_from, k))
                open_at = k
            else:
                spans.append(QuotedSpan(open_at, open_at + 1, k, k))
                open_at, outside_from = None, k + 1
        elif open_at is not None and k - open_at > _MAX_CHARS:
            open_at = None  # unbalanced: give the mark up and read on
        k += 1
    if open_at is not None:
        spans.append(QuotedSpan(open_at, open_at + 1, n, None))
        outside_from = n
    spans.extend(_singles(text, outside_from, n))
    kept = [s for s in spans if s.end > s.start and text[s.start : s.end].strip()]
    return sorted(kept, key=lambda s: s.open_at)
