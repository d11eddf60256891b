"""The bundled demo corpus is what its README says: every format, the gold labels, the bad inputs.

Counting uses plain Python (csv, json, gzip, xml.etree), pyarrow and warcio, never newslens itself,
so the corpus is checked independently of the readers; the last tests then check the readers
against it when ``newslens.ingest.read_paths`` exists.
"""

from __future__ import annotations

import csv
import gzip
import json
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

DEMO = Path(__file__).resolve().parents[1] / "src" / "newslens" / "data" / "demo"
ARTICLES = DEMO / "articles"
GOLD = DEMO / "gold" / "stories.jsonl"
OUTLETS = DEMO.parent / "outlets" / "demo.toml"
ATOM = "{http://www.w3.org/2005/Atom}"

# Inputs that must be refused (quarantined), never dropped: path -> acceptable reasons.
BAD_INPUTS = {
    "articles/bad/empty.txt": {"empty"},
    "articles/bad/corrupt_0042.txt": {"binary", "undecodable"},
    "articles/csv/export.csv#3": {"malformed_row"},
    "articles/csv/export.csv#4": {"empty", "malformed_row", "no_article"},
}
# Readable, but no article in it: refused by the reader or, later, by the cleaner (no_article).
NO_ARTICLE_PAGES = {"articles/html/index.html"}
# The WARC's 404 response (record 6) and its request record (2) are not articles.
WARC_NOT_ARTICLES = {"articles/warc/crawl.warc.gz#2", "articles/warc/crawl.warc.gz#6"}
NON_ENGLISH = {"articles/text/101_es.txt", "articles/text/102_de.txt"}


def gold() -> list[dict[str, str]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def count_items(rel: str) -> int:
    """How many articles one input holds, counted without newslens."""
    path = ARTICLES / rel
    name = path.name
    if name.endswith(".jsonl.gz"):
        return sum(1 for line in gzip.open(path, "rt", encoding="utf-8") if line.strip())
    if name.endswith(".jsonl"):
        return sum(1 for line in path.open(encoding="utf-8") if line.strip())
    if name.endswith(".json"):
        return len(json.loads(path.read_text(encoding="utf-8")))
    if name.endswith(".csv") or name.endswith(".tsv"):
        delimiter = "\t" if name.endswith(".tsv") else ","
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        width = len(rows[0])
        return sum(1 for row in rows[1:] if len(row) == width and row[-1].strip())
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        return int(pq.read_table(path).num_rows)
    if name.endswith(".xml"):
        root = ET.parse(path).getroot()
        return len(root.findall(".//item")) + len(root.findall(f"{ATOM}entry"))
    if name.endswith(".warc.gz"):
        from warcio.archiveiterator import ArchiveIterator

        with path.open("rb") as f:
            return sum(
                1
                for r in ArchiveIterator(f)
                if r.rec_type == "response" and r.http_headers.get_statuscode() == "200"
            )
    raise AssertionError(f"no counter for {rel}")


def test_demo_corpus_has_45_plus_articles_across_every_format() -> None:
    per_format: Counter[str] = Counter()
    for path in sorted(ARTICLES.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(ARTICLES).as_posix()
        if rel.startswith("bad/") or rel == "html/index.html":
            continue
        if rel.endswith(".txt"):
            per_format["text"] += 1
        elif rel.endswith(".html"):
            per_format["html"] += 1
        else:
            per_format[path.name.split(".", 1)[1]] += count_items(rel)
    assert per_format == {
        "text": 17 + 2,
        "html": 5,
        "json": 4,
        "jsonl": 4,
        "jsonl.gz": 3,
        "csv": 3,
        "tsv": 3,
        "parquet": 3,
        "xml": 6,  # an RSS 2.0 feed and an Atom feed, three entries each
        "warc.gz": 3,
    }
    assert sum(per_format.values()) - len(NON_ENGLISH) >= 45


def test_demo_corpus_stays_small() -> None:
    size = sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file())
    assert size < 1_000_000


def test_demo_gold_source_paths_exist_and_cover_every_article() -> None:
    lines = gold()
    paths = [line["source_path"] for line in lines]
    assert len(paths) == len(set(paths)) == 53
    for path in paths:
        file_part, _, item = path.partition("#")
        assert (DEMO / file_part).is_file(), path
        if item:
            n = int(item)
            if file_part.endswith(".warc.gz"):
                assert 3 <= n <= 5, path  # records 3-5 are the three 200 pages
            elif file_part.endswith(".csv"):
                assert n in (1, 2, 5), path  # rows 3 and 4 are the bad ones
            else:
                assert 1 <= n <= count_items(file_part.removeprefix("articles/")), path
    files = {p.partition("#")[0] for p in paths}
    on_disk = {
        p.relative_to(DEMO).as_posix()
        for p in ARTICLES.rglob("*")
        if p.is_file() and not p.relative_to(ARTICLES).as_posix().startswith("bad/")
    }
    assert on_disk - files == NO_ARTICLE_PAGES


def test_demo_gold_stories_have_three_articles_from_two_outlets() -> None:
    by_label: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in gold():
        by_label[line["label"]].append(line)
    stories = {label for label in by_label if label.startswith("s")}
    distractors = {label for label in by_label if label.startswith("d")}
    assert len(stories) == 11 and len(distractors) == 5
    assert stories | distractors == set(by_label)
    for label in stories:
        members = by_label[label]
        assert 3 <= len(members) <= 7, label
        assert len({m["outlet"] for m in members}) >= 2, label
    for label in distractors:
        assert len(by_label[label]) == 1, label


def test_demo_gold_duplicates_point_to_articles_of_the_same_story() -> None:
    lines = {line["source_path"]: line for line in gold()}
    copies = {p: line["duplicate_of"] for p, line in lines.items() if "duplicate_of" in line}
    assert len(copies) == 5
    for copy, original in copies.items():
        assert lines[original]["label"] == lines[copy]["label"]
        assert lines[original]["outlet"] != lines[copy]["outlet"]


def test_demo_outlets_registry_names_every_gold_outlet() -> None:
    outlets = tomllib.loads(OUTLETS.read_text(encoding="utf-8"))["outlet"]
    names = {o["name"] for o in outlets}
    assert {line["outlet"] for line in gold()} <= names
    for outlet in outlets:
        assert all(d.endswith(".example") for d in outlet["domains"]), outlet["name"]
        country = outlet.get("country")
        assert country is None or (len(country) == 3 and country.startswith("X")), outlet["name"]
    assert sum(1 for o in outlets if o.get("state_media")) == 1
    assert {o["kind"] for o in outlets} >= {"wire", "broadcaster", "newspaper", "content-farm"}


def test_demo_bad_inputs_are_present() -> None:
    assert (ARTICLES / "bad/empty.txt").stat().st_size == 0
    assert (ARTICLES / "bad/corrupt_0042.txt").read_bytes().startswith(b"\x89PNG")
    with (ARTICLES / "csv/export.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows[3]) != 4  # data row 3: broken quoting
    assert rows[4][3] == ""  # data row 4: empty text
    assert "<article" not in (ARTICLES / "html/index.html").read_text(encoding="utf-8")


def test_demo_encoded_texts_have_their_encodings() -> None:
    raw = (ARTICLES / "text/020_latin1.txt").read_bytes()
    assert b"\x93" in raw and "Düsterberg".encode("cp1252") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert (ARTICLES / "text/021_crlf.txt").read_bytes().count(b"\r\n") > 5
    assert (ARTICLES / "text/022_utf16.txt").read_bytes()[:2] == b"\xff\xfe"
    assert (ARTICLES / "text/023_utf8bom.txt").read_bytes()[:3] == b"\xef\xbb\xbf"
    bad = (ARTICLES / "text/024_badbyte.txt").read_bytes()
    assert bad.count(b"\xff") == 1
    with pytest.raises(UnicodeDecodeError):
        bad.decode("utf-8")


def test_demo_truncated_text_stops_mid_sentence() -> None:
    truncated = (ARTICLES / "text/009.txt").read_text(encoding="utf-8")
    assert truncated.endswith("if the")


def _read_corpus() -> tuple[dict[str, Any], dict[str, Any]]:
    ingest = pytest.importorskip("newslens.ingest", reason="the readers are not written yet")
    read_paths = getattr(ingest, "read_paths", None)
    if read_paths is None:
        pytest.skip("newslens.ingest.read_paths is not there yet")
    from newslens.records import RawDocument, ReadOptions, Rejected

    docs: dict[str, Any] = {}
    rejected: dict[str, Any] = {}
    for item in read_paths([ARTICLES], "auto", ReadOptions()):
        path = item.source_path.replace("\\", "/")
        path = path[path.index("articles/") :] if "articles/" in path else path
        if isinstance(item, RawDocument):
            assert path not in docs, f"{path} read twice"
            docs[path] = item
        else:
            assert isinstance(item, Rejected)
            rejected[path] = item
    return docs, rejected


def test_demo_reading_gives_each_good_article_a_raw_document() -> None:
    docs, rejected = _read_corpus()
    expected = {line["source_path"] for line in gold()}
    assert expected - set(docs) == set(), f"not read: {expected - set(docs)}"
    assert set(docs) - expected <= NO_ARTICLE_PAGES
    assert not (set(rejected) & expected)
    assert not (set(docs) & WARC_NOT_ARTICLES)


def test_demo_reading_refuses_each_bad_input_with_a_reason() -> None:
    docs, rejected = _read_corpus()
    for path, reasons in BAD_INPUTS.items():
        assert path in rejected, f"{path} was not quarantined"
        assert str(rejected[path].reason) in reasons, path
        assert path not in docs
    for path in NO_ARTICLE_PAGES:
        # The reader may pass the page on; then cleaning must refuse it with no_article.
        assert path in docs or str(rejected[path].reason) == "no_article"
