"""Whole-file readers: plain text and HTML pages, one file = one raw document.

The HTML reader does not extract anything: the cleaner runs trafilatura and htmldate on every
document whose ``content_type`` is ``"html"``, whichever reader produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newslens.ingest.base import readers
from newslens.ingest.decode import binary_kind, detect_encoding, read_text_document
from newslens.records import ContentType, RawDocument, ReadOptions, Rejected, Source

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)


class TextReader:
    """Plain text (``.txt``, ``.md``): the whole file is one document's content."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text", ".md")

    def sniff(self, head: bytes, name: str) -> bool:
        """Anything that is not binary and decodes is text: the fallback of ``--format auto``."""
        return bool(head) and binary_kind(head) is None and detect_encoding(head) is not None

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield the file as one text document, or its refusal."""
        yield whole_file_document(source, options, self.name, "text")


class HtmlReader:
    """An HTML page (``.html``, ``.htm``): one document with ``content_type="html"``."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, head: bytes, name: str) -> bool:
        """True when a doctype, ``<html>``, ``<head>`` or ``<body>`` tag opens the input."""
        return _HTML_START.search(head[:2048]) is not None

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield the page as one HTML document, decoded with its declared charset if any."""
        yield whole_file_document(source, options, self.name, "html", hint=declared_charset)


def whole_file_document(
    source: Source,
    options: ReadOptions,
    input_format: str,
    content_type: ContentType,
    hint: Callable[[bytes], str | None] | None = None,
) -> RawDocument | Rejected:
    """One input file as one raw document, or the reason it cannot be read."""
    decoded = read_text_document(source, options, hint)
    if isinstance(decoded, Rejected):
        return decoded
    return RawDocument(
        source_path=source.name,
        content=decoded.text,
        content_type=content_type,
        input_format=input_format,
        outlet=options.outlet,
        extra=decoded.extra(),
    )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


readers.add("text", TextReader())
readers.add("html", HtmlReader())
