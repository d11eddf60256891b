"""Decoding and refusals shared by every reader: BOMs, legacy encodings, empty and binary."""

from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from newslens.records import RawDocument, Reason, Rejected

TEXT = "Le café « Müller » a fermé — naïve coöperation, 2022.\nSecond line.\n"


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16 le bom"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16 be bom"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32 bom"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 bom"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.replace("—", "-").replace("«", '"').replace("»", '"').encode("latin-1"), "latin-1"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_text_reader_decodes_encodings(
    read: Callable[..., list[object]], encoded: bytes, label: str
) -> None:
    (doc,) = read("article.txt", encoded)
    assert isinstance(doc, RawDocument), label
    assert "café" in doc.content and "Müller" in doc.content and "naïve" in doc.content
    assert not doc.content.startswith("\ufeff")


def test_text_reader_replaces_a_stray_byte_in_utf8_and_notes_it(
    read: Callable[..., list[object]],
) -> None:
    data = "Zürich — Genève. ".encode() * 20 + b"bad \xff byte. " + "Ünïcode ok.".encode()
    (doc,) = read("stray.txt", data)
    assert isinstance(doc, RawDocument)
    assert "Zürich" in doc.content and "\ufffd" in doc.content
    assert dict(doc.extra)["decoding"].startswith("1 undecodable byte")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", Reason.EMPTY),
        ("blank.txt", b"  \n\t \r\n", Reason.EMPTY),
        ("empty.csv", b"", Reason.EMPTY),
        ("empty.jsonl", b"", Reason.EMPTY),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), Reason.BINARY),
        ("doc.pdf", b"%PDF-1.7\n" + bytes(range(256)), Reason.BINARY),
        ("archive.csv", b"PK\x03\x04" + bytes(100), Reason.BINARY),
        ("nul.txt", b"text with \x00 nul bytes\x00\x00", Reason.BINARY),
        ("noext", b"\xff\xd8\xff\xe0" + bytes(64), Reason.BINARY),
        ("noext-empty", b"", Reason.EMPTY),
    ],
)
def test_readers_refuse_bad_input(
    read: Callable[..., list[object]], name: str, data: bytes, reason: Reason
) -> None:
    (item,) = read(name, data)
    assert isinstance(item, Rejected)
    assert item.reason is reason
    assert item.source_path == name
    assert item.detail.startswith(f"{name}: ")
    assert len(item.sample) <= 64 * 1024
