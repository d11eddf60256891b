"""CSV/TSV and Parquet readers: column mapping, malformed rows, every row accounted for."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newslens.errors import ColumnMapError
from newslens.records import RawDocument, Reason, Rejected

Read = Callable[..., list[RawDocument | Rejected]]
Split = Callable[..., tuple[list[RawDocument], list[Rejected]]]


def table(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


ROWS = [
    ["Date", "URL", "Title", "Text", "section"],
    ["2022-03-01", "https://example.org/a", "Talks", "Envoys met in Geneva.", "world"],
    ["2022-03-02", "https://example.org/b", "Deal", "A deal was signed.", "politics"],
]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("dump.csv", table(ROWS)),
        ("dump.tsv", table(ROWS, "\t")),
        ("semicolons.csv", table(ROWS, ";")),
        ("dump.csv.gz", gzip.compress(table(ROWS).encode())),
        ("no-suffix", table(ROWS)),
    ],
)
def test_csv_reader_maps_columns(read: Read, name: str, data: str | bytes) -> None:
    first, second = read(name, data)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source_path == f"{name}#1" and second.source_path == f"{name}#2"
    assert first.input_format == "csv"
    assert (first.published, first.url, first.title) == (
        "2022-03-01",
        "https://example.org/a",
        "Talks",
    )
    assert first.content == "Envoys met in Geneva."
    assert first.extra == (("section", "world"),)


@pytest.mark.parametrize(
    "header",
    [
        ["", "headline", "published_at", "Article Body", "Link", "BYLINE", "site_name", "lang"],
        [
            "Unnamed: 0",
            "Headline",
            "pubDate",
            "articleBody",
            "href",
            "authors",
            "Publisher",
            "Language",
        ],
    ],
)
def test_csv_reader_maps_column_variants_and_drops_index(read: Read, header: list[str]) -> None:
    row = [
        "0",
        "T",
        "2022-01-05",
        "Body text.",
        "https://x.example/1",
        "A. Writer",
        "The Example",
        "en",
    ]
    (doc,) = read("variants.csv", table([header, row]))
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.published, doc.content, doc.url) == (
        "T",
        "2022-01-05",
        "Body text.",
        "https://x.example/1",
    )
    assert (doc.author, doc.outlet, doc.language) == ("A. Writer", "The Example", "en")
    assert doc.extra == ()


def test_csv_reader_outlet_option_wins(read: Read) -> None:
    rows = [["text", "source"], ["Body.", "Column Outlet"]]
    (doc,) = read("o.csv", table(rows), outlet="Given Outlet")
    assert isinstance(doc, RawDocument) and doc.outlet == "Given Outlet"


def test_csv_reader_malformed_row_is_refused_and_reading_goes_on(read: Read, split: Split) -> None:
    data = "Title,Text\nOne,First body.\nTwo,Second,extra,fields\nThree,Third body.\n"
    docs, rejected = split(read("bad.csv", data))
    assert [d.title for d in docs] == ["One", "Three"]
    assert [d.source_path for d in docs] == ["bad.csv#1", "bad.csv#3"]
    (bad,) = rejected
    assert bad.reason is Reason.MALFORMED_ROW and bad.source_path == "bad.csv#2"
    assert "row 2 has 4 fields but the header has 2" in bad.detail
    assert "fix the quoting" in bad.detail


def test_csv_reader_empty_text_row_is_refused(read: Read, split: Split) -> None:
    docs, rejected = split(read("e.csv", "Title,Text\nA,Body.\nB,   \n"))
    assert len(docs) == 1
    assert rejected[0].reason is Reason.EMPTY and rejected[0].source_path == "e.csv#2"
    assert "row 2" in rejected[0].detail


def test_csv_reader_field_over_the_limit_is_a_malformed_row(read: Read, split: Split) -> None:
    data = "Title,Text\nA,Short body.\nB," + "x" * 5000 + "\nC,Another body.\n"
    docs, rejected = split(read("long.csv", data, max_document_bytes=1000))
    assert [d.title for d in docs] == ["A", "C"]
    assert rejected[0].reason is Reason.MALFORMED_ROW and rejected[0].source_path == "long.csv#2"


def test_csv_reader_map_overrides_automatic_mapping(read: Read) -> None:
    rows = [["Title", "Text", "story"], ["T", "teaser", "The full story."]]
    (doc,) = read("m.csv", table(rows), column_map=(("story", "body"), ("Text", "extra")))
    assert isinstance(doc, RawDocument)
    assert doc.content == "The full story."
    assert doc.extra == (("Text", "teaser"),)


def test_csv_reader_unknown_map_column_raises_listing_columns(read: Read) -> None:
    with pytest.raises(ColumnMapError, match=r"no column 'missing'.*'Title', 'Text'"):
        read("m.csv", "Title,Text\nT,B\n", column_map=(("missing", "body"),))


def test_csv_reader_without_body_column_is_malformed_file(read: Read) -> None:
    (item,) = read("nobody.csv", "Title,URL\nT,https://x.example\n", fmt="csv")
    assert isinstance(item, Rejected) and item.reason is Reason.MALFORMED_FILE
    assert "'Title', 'URL'" in item.detail and "--map" in item.detail


def test_csv_reader_header_only_is_reported(read: Read) -> None:
    (item,) = read("header.csv", "Title,Text\n")
    assert isinstance(item, Rejected) and item.reason is Reason.NO_ARTICLE


def test_csv_reader_utf16_and_latin1(read: Read) -> None:
    data = "Title,Text\nCafé,Crème brûlée sold out.\n"
    for encoded in (data.encode("utf-16"), data.encode("latin-1")):
        (doc,) = read("enc.csv", encoded)
        assert isinstance(doc, RawDocument)
        assert (doc.title, doc.content) == ("Café", "Crème brûlée sold out.")


def test_parquet_reader_streams_rows(read: Read, tmp_path: Path, split: Split) -> None:
    count = 700  # more than one batch
    frame = pa.table(
        {
            "headline": [f"Title {i}" for i in range(count)],
            "content": [f"Body {i}." if i != 5 else "" for i in range(count)],
            "published": [f"2022-01-{i % 28 + 1:02d}" for i in range(count)],
            "views": list(range(count)),
        }
    )
    path = tmp_path / "dump.parquet"
    pq.write_table(frame, path)
    docs, rejected = split(read("dump.parquet", path.read_bytes()))
    assert len(docs) == count - 1 and len(rejected) == 1
    assert rejected[0].source_path == "dump.parquet#6" and rejected[0].reason is Reason.EMPTY
    assert docs[0].title == "Title 0" and docs[0].content == "Body 0."
    assert docs[0].published == "2022-01-01" and docs[0].extra == (("views", "0"),)
    assert docs[-1].source_path == f"dump.parquet#{count}"


def test_parquet_reader_damaged_file_is_malformed(read: Read) -> None:
    (item,) = read("broken.parquet", b"PAR1" + b"garbage" * 10)
    assert isinstance(item, Rejected) and item.reason is Reason.MALFORMED_FILE
