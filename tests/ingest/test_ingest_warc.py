"""WARC crawls written with warcio in the test: HTML responses become documents."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newslens.records import RawDocument, Reason, Rejected

Read = Callable[..., list[RawDocument | Rejected]]

PAGE = b"<html><head><title>Dam report</title></head><body><p>The dam held.</p></body></html>"


def crawl(gzip_records: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    records = [
        ("https://a.example/dam", "200 OK", "text/html; charset=utf-8", PAGE),
        ("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://a.example/gone", "404 Not Found", "text/html", b"<html>missing</html>"),
        ("https://a.example/river", "200 OK", "text/html", PAGE.replace(b"dam", b"river")),
    ]
    for url, status, ctype, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2023-01-15T10:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "gzip_records"),
    [("crawl.warc.gz", True), ("crawl.warc", False), ("crawl-no-suffix", True)],
)
def test_warc_reader_yields_html_responses(read: Read, name: str, gzip_records: bool) -> None:
    first, gone, second = read(name, crawl(gzip_records))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    # the HTML error page is quarantined with its status, never passed over in silence
    assert isinstance(gone, Rejected) and gone.reason == Reason.FETCH_FAILED
    assert "404" in gone.detail and "https://a.example/gone" in gone.detail
    assert first.url == "https://a.example/dam" and second.url == "https://a.example/river"
    assert first.content == PAGE.decode() and first.content_type == "html"
    assert first.input_format == "warc"
    assert first.published is None
    assert dict(first.extra)["crawled"] == "2023-01-15T10:00:00Z"
    assert first.source_path.startswith(f"{name}#")


def test_warc_reader_whole_file_gzip(read: Read) -> None:
    (first, _gone, _second) = read("crawl.warc.gz", gzip.compress(crawl(False)))
    assert isinstance(first, RawDocument) and first.url == "https://a.example/dam"


def test_warc_reader_refuses_garbage(read: Read) -> None:
    (item,) = read("bad.warc", b"WARC/1.0\r\nnot really a warc record at all\r\n\r\n")
    assert isinstance(item, Rejected)
    assert item.reason in (Reason.MALFORMED_FILE, Reason.NO_ARTICLE)
