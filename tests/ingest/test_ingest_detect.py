"""Format detection, the registry of readers, and read_paths' errors."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from newslens.errors import UnknownFormatError
from newslens.ingest import detect_format, read_paths, readers
from newslens.records import RawDocument, Reason, Rejected, Source

Read = Callable[..., list[RawDocument | Rejected]]


def test_readers_registered_names_stay() -> None:
    assert readers.names() == [
        "csv",
        "html",
        "json",
        "jsonl",
        "parquet",
        "rss",
        "text",
        "urls",
        "warc",
    ]


@pytest.mark.parametrize(
    "name", ["csv", "html", "json", "jsonl", "parquet", "rss", "text", "urls", "warc"]
)
def test_readers_follow_the_reader_contract(name: str) -> None:
    reader = readers[name]
    assert reader.name == name
    assert all(s.startswith(".") and s == s.lower() for s in reader.suffixes)
    assert callable(reader.sniff) and callable(reader.read)
    assert reader.sniff(b"", "empty") is False


def source(name: str, data: bytes) -> Source:
    return Source(name, opener=lambda: io.BytesIO(data))


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", b"Just words.", "text"),
        ("a.TXT", b"Just words.", "text"),
        ("a.txt", b"https://a.example/1\nhttps://b.example/2\n", "urls"),
        ("a.json", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.json", b'[{"text": "x"}]', "json"),
        ("a", b'  [{"text": "x"}]', "json"),
        ("a", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "rss"),
        ("a", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "rss"),
        ("a", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a", b"PAR1\x00\x00", "parquet"),
        ("a", b"Date,URL,Title,Text\n2022-01-01,u,t,x\n", "csv"),
        ("a", b"title\ttext\nt\tx\n", "csv"),
        ("a", b"Some plain words, nothing else.\nAnother line.\n", "text"),
        ("a.tsv", b"x", "csv"),
        ("a.warc.gz", b"x", "warc"),
        ("a", b"\x89PNG\r\n\x1a\n\x00\x00", None),
        ("a", b"", None),
    ],
)
def test_detect_format_by_suffix_then_sniffing(
    name: str, data: bytes, expected: str | None
) -> None:
    assert detect_format(source(name, data)) == expected


def test_detect_format_sees_through_gzip(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_bytes(gzip.compress(b"Date,URL,Title,Text\n2022-01-01,u,t,x\n"))
    (doc,) = read_paths([path])
    assert isinstance(doc, RawDocument) and doc.input_format == "csv"


def test_read_paths_unknown_format_lists_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError, match=r"--format docx.*csv, html, json"):
        read_paths([tmp_path], fmt="docx")


def test_read_paths_explicit_format_overrides_detection(read: Read) -> None:
    (doc,) = read("page.txt", "<html><body><p>x</p></body></html>", fmt="html")
    assert isinstance(doc, RawDocument) and doc.content_type == "html"


def test_read_paths_undetectable_input_is_unknown_format(
    monkeypatch: pytest.MonkeyPatch, read: Read
) -> None:
    monkeypatch.setattr(readers["text"], "sniff", lambda head, name: False)
    (item,) = read("mystery.bin2", "Readable but claimed by no reader.")
    assert isinstance(item, Rejected) and item.reason is Reason.UNKNOWN_FORMAT
    assert "--format" in item.detail
