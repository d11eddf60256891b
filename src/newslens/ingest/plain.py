"""Whole-file readers: plain text and HTML pages, one file = one raw document.

The HTML reader does not extract anything: the cleaner runs trafilatura and htmldate on every
document whose ``content_type`` is ``"html"``, whichever reader produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslens.ingest.base import readers
from newslens.ingest.decode import binary_kind, decode_document, detect_encoding, read_document
from newslens.records import RawDocument, ReadOptions, Rejected, Source

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
        data = read_document(source, options)
        if isinstance(data, Rejected):
            yield data
            return
        decoded = decode_document(data, source.name)
        if isinstance(decoded, Rejected):
            yield decoded
            return
        yield RawDocument(
            source_path=source.name,
            content=decoded.text,
            content_type="text",
            input_format=self.name,
            outlet=options.outlet,
            extra=decoded.extra(),
        )


class HtmlReader:
    """An HTML page (``.html``, ``.htm``): one document with ``content_type="html"``."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, head: bytes, name: str) -> bool:
        """True when a doctype, ``<html>``, ``<head>`` or ``<body>`` tag opens the input."""
        return _HTML_START.search(head[:2048]) is not None

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield the page as one HTML document, decoded with its declared charset if any."""
        data = read_document(source, options)
        if isinstance(data, Rejected):
            yield data
            return
        decoded = decode_document(data, source.name, hint=declared_charset(data))
        if isinstance(decoded, Rejected):
            yield decoded
            return
        yield RawDocument(
            source_path=source.name,
            content=decoded.text,
            content_type="html",
            input_format=self.name,
            outlet=options.outlet,
            extra=decoded.extra(),
        )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


readers.add("text", TextReader())
readers.add("html", HtmlReader())
