"""Text normalisation and stable identifiers.

Normalised text is Unicode NFC, without zero-width or control characters, with whitespace collapsed
inside lines and paragraphs separated by exactly one blank line. Curly quotes stay as they are: they
are the text's own and later stages (quotes, sentence splitting) rely on them. A spacing acute
accent between two letters ("Ukraine´s", "don´t", as some wire feeds write the apostrophe) becomes
the apostrophe it stands for, so that the parser sees a possessive or a contraction.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

# Zero-width and invisible formatting characters that scrapers leave in text.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad]"
)
# C0/C1 control characters except tab and newline, which are whitespace we handle below.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# "Ukraine´s": an acute accent (U+00B4) typed for an apostrophe, between two letters.
_ACUTE_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u00b4(?=[^\W\d_])")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def normalize_text(text: str, *, unescape: bool = True) -> str:
    """Return ``text`` normalised, keeping its line structure.

    Line breaks are kept (a single newline stays a single newline) so that line-level cleaning can
    see the input's lines; use :func:`join_paragraphs` for the final body. HTML entities are
    unescaped when ``unescape`` is true (text inputs scraped from pages often carry them).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unescape and _ENTITY.search(text):
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = _ACUTE_APOSTROPHE.sub("\u2019", text)
    # Every Unicode space separator (no-break space, thin space, ideographic space) becomes " ".
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Join paragraphs with one blank line between them, dropping empty ones."""
    return "\n\n".join(p for p in (p.strip() for p in paragraphs) if p)


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    return " ".join(text.split())


def body_hash(body: str) -> str:
    """SHA-256 hex of ``body`` lowercased, whitespace collapsed (for exact-copy detection)."""
    return hashlib.sha256(collapse_whitespace(body).lower().encode("utf-8")).hexdigest()


def article_id(key: str, body: str) -> str:
    """Stable 16-hex-character id from a provenance key (URL, else source path) and a text.

    The same input always gets the same id, so re-ingesting it changes nothing.
    """
    digest = hashlib.sha256()
    digest.update(key.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()[:16]
