"""JSON and JSONL readers: the usual shapes, streaming, bad items."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

import pytest

from newslens.errors import ColumnMapError
from newslens.records import RawDocument, Reason, Rejected

Read = Callable[..., list[RawDocument | Rejected]]
Split = Callable[..., tuple[list[RawDocument], list[Rejected]]]

ARTICLES = [
    {
        "title": "Ports reopen",
        "url": "https://news.example/ports",
        "publishedAt": "2022-05-02T10:00:00Z",
        "content": "The ports reopened on Monday.",
        "source": {"id": None, "name": "Example Wire"},
        "author": "J. Doe",
    },
    {
        "headline": "Grain moves",
        "articleBody": "Ships left Odesa.",
        "lang": "en",
        "tags": ["a", "b"],
    },
]


@pytest.mark.parametrize(
    "shape",
    [
        ARTICLES,
        {"status": "ok", "totalResults": 2, "articles": ARTICLES},
        {"data": {"items": ARTICLES}},
        {"meta": {"page": 1}, "payload": ARTICLES},
    ],
    ids=["array", "articles-key", "nested-data-items", "only-list"],
)
def test_json_reader_reads_shapes(read: Read, shape: object) -> None:
    first, second = read("dump.json", json.dumps(shape))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source_path == "dump.json#1" and second.source_path == "dump.json#2"
    assert (first.title, first.url, first.published) == (
        "Ports reopen",
        "https://news.example/ports",
        "2022-05-02T10:00:00Z",
    )
    assert (first.outlet, first.author, first.content) == (
        "Example Wire",
        "J. Doe",
        "The ports reopened on Monday.",
    )
    assert (second.title, second.content, second.language) == (
        "Grain moves",
        "Ships left Odesa.",
        "en",
    )
    assert second.extra == (("tags", "a, b"),)


def test_json_reader_single_article_object(read: Read) -> None:
    (doc,) = read("one.json", json.dumps(ARTICLES[0]))
    assert isinstance(doc, RawDocument)
    assert doc.source_path == "one.json" and doc.title == "Ports reopen"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"title": "no body", "x": 1}', Reason.MALFORMED_FILE),
        ('[{"title": "a", "text": "b"', Reason.MALFORMED_FILE),
        ('"just a string"', Reason.MALFORMED_FILE),
        ("[]", Reason.NO_ARTICLE),
    ],
)
def test_json_reader_refuses_bad_files(read: Read, data: str, reason: Reason) -> None:
    (item,) = read("bad.json", data)
    assert isinstance(item, Rejected) and item.reason is reason
    assert item.detail.startswith("bad.json")


def test_json_reader_refuses_items_that_are_not_objects(read: Read, split: Split) -> None:
    docs, rejected = split(read("mixed.json", json.dumps([{"text": "Body."}, 42, {"text": ""}])))
    assert len(docs) == 1
    assert [(r.source_path, r.reason) for r in rejected] == [
        ("mixed.json#2", Reason.MALFORMED_ROW),
        ("mixed.json#3", Reason.EMPTY),
    ]


def test_json_reader_streams_an_array_over_the_limit(read: Read, split: Split) -> None:
    items = [
        {"title": f"T{i}", "text": f"Body number {i}. " * 5, "n": i * 1.5} for i in range(2000)
    ]
    data = json.dumps(items, indent=1)
    docs, rejected = split(read("big.json", data, max_document_bytes=20_000))
    assert len(data) > 20_000 and not rejected
    assert len(docs) == 2000
    assert docs[-1].source_path == "big.json#2000" and docs[-1].title == "T1999"
    assert dict(docs[3].extra) == {"n": "4.5"}


def test_json_reader_refuses_a_big_object_suggesting_jsonl(read: Read) -> None:
    data = json.dumps({"articles": [{"text": "x" * 100} for _ in range(100)]})
    (item,) = read("big.json", data, max_document_bytes=1000)
    assert isinstance(item, Rejected) and item.reason is Reason.TOO_LARGE
    assert "JSONL" in item.detail


def test_json_reader_unknown_map_column_raises(read: Read) -> None:
    with pytest.raises(ColumnMapError, match=r"no column 'story'.*'title'"):
        read("m.json", json.dumps(ARTICLES), column_map=(("story", "body"),))


@pytest.mark.parametrize(
    "name", ["dump.jsonl", "dump.ndjson", "dump.jsonl.gz", "lines.json", "noext"]
)
def test_jsonl_reader_reads_line_by_line(read: Read, split: Split, name: str) -> None:
    lines = [json.dumps(a) for a in ARTICLES] + [
        "",
        "{not json",
        "[1, 2]",
        json.dumps({"text": "Third."}),
    ]
    data = ("\n".join(lines) + "\n").encode()
    if name.endswith(".gz"):
        data = gzip.compress(data)
    docs, rejected = split(read(name, data))
    assert [d.source_path for d in docs] == [f"{name}#1", f"{name}#2", f"{name}#6"]
    assert docs[0].input_format == "jsonl"
    assert [(r.source_path, r.reason) for r in rejected] == [
        (f"{name}#4", Reason.MALFORMED_ROW),
        (f"{name}#5", Reason.MALFORMED_ROW),
    ]
    assert "line 4 is not valid JSON" in rejected[0].detail


def test_jsonl_reader_refuses_a_line_over_the_limit(read: Read, split: Split) -> None:
    data = "\n".join(
        [
            json.dumps({"text": "Short."}),
            json.dumps({"text": "y" * 5000}),
            json.dumps({"text": "Again."}),
        ]
    )
    docs, rejected = split(read("long.jsonl", data, max_document_bytes=1000))
    assert [d.content for d in docs] == ["Short.", "Again."]
    assert rejected[0].reason is Reason.TOO_LARGE and rejected[0].source_path == "long.jsonl#2"
