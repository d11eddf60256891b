"""The text and HTML readers: one file, one document; gzip transparent; size limit."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import pytest

from newslens.records import RawDocument, Reason, Rejected

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Talks end</title></head>"
    "<body><article><h1>Talks end</h1><p>Ministers met on Tuesday in Vienna.</p></article>"
    "</body></html>"
)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "fmt"),
    [
        ("note.txt", "Title\n\nBody sentence one.", "text", "text"),
        ("note.md", "# Title\n\nBody.", "text", "text"),
        ("page.html", PAGE, "html", "html"),
        ("page.htm", PAGE, "html", "html"),
        ("page.html.gz", gzip.compress(PAGE.encode()), "html", "html"),
        ("page-without-suffix", PAGE, "html", "html"),
        ("note.txt.gz", gzip.compress(b"Gzipped text body."), "text", "text"),
    ],
)
def test_whole_file_readers_yield_one_document(
    read: Callable[..., list[object]], name: str, data: str | bytes, content_type: str, fmt: str
) -> None:
    (doc,) = read(name, data, outlet="Daily Example")
    assert isinstance(doc, RawDocument)
    assert doc.source_path == name
    assert doc.content_type == content_type
    assert doc.input_format == fmt
    assert doc.outlet == "Daily Example"
    expected = gzip.decompress(data) if isinstance(data, bytes) else data.encode()
    assert doc.content == expected.decode()


def test_html_reader_keeps_markup_for_the_cleaner(read: Callable[..., list[object]]) -> None:
    (doc,) = read("page.html", PAGE)
    assert isinstance(doc, RawDocument)
    assert "<p>Ministers met" in doc.content
    assert doc.title is None  # extraction is the cleaner's job


def test_html_reader_uses_declared_charset(read: Callable[..., list[object]]) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 cr\xe8me</p></body>'
    (doc,) = read("legacy.html", page.encode("cp1252"))
    assert isinstance(doc, RawDocument)
    assert "Café crème" in doc.content


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.txt.gz"])
def test_whole_file_readers_refuse_too_large(read: Callable[..., list[object]], name: str) -> None:
    data = ("A sentence of the very long article. " * 10_000).encode()
    if name.endswith(".gz"):
        data = gzip.compress(data)
    (item,) = read(name, data, max_document_bytes=100_000)
    assert isinstance(item, Rejected)
    assert item.reason is Reason.TOO_LARGE
    assert "100,000-byte limit" in item.detail
    assert 0 < len(item.sample) <= 64 * 1024


def test_gzip_damaged_is_malformed_file(read: Callable[..., list[object]]) -> None:
    text = " ".join(f"sentence {i} of {i * 7919 % 10007} words." for i in range(5000))
    data = gzip.compress(text.encode())
    data = data[: len(data) // 2]
    (item,) = read("cut.txt.gz", data)
    assert isinstance(item, Rejected)
    assert item.reason is Reason.MALFORMED_FILE
    assert "cut.txt.gz" in item.detail
