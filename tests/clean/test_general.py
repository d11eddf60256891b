"""General metadata shapes on sentences written for these tests: wire datelines, sign-off bylines,
republication footers, ambiguous numeric dates, truncation marks, markup lines, other languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newslens.clean import Cleaner
from newslens.clean.dates import DateInfo, numeric_order, parse_date
from newslens.clean.lexicon import signature_cues
from newslens.clean.metadata import is_truncated, parse_byline
from newslens.clean.outlets import OutletRegistry
from newslens.records import Article, RawDocument

REGISTRY = OutletRegistry.load()
CUES = signature_cues()
TAIL = "\n\nThe council will meet again next week to review the plan."
DEMO = Path(__file__).resolve().parents[2] / "src/newslens/data/demo/articles"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    stage = Cleaner()
    stage.setup()
    return stage


def _one(cleaner: Cleaner, content: str, **fields: str) -> Article:
    result = cleaner([RawDocument(source_path="case.txt", content=content, **fields)])
    assert result.dropped == ()
    return result.outputs[0]


@pytest.mark.parametrize(
    ("opening", "original"),
    [
        ("HARBOURTON (AP) — The ferry line opened on Thursday after years of delay.", "AP"),
        ("HARBOURTON, Westland (Reuters) - The ferry line opened on Thursday.", "Reuters"),
        ("HARBOURTON, March 3 (Reuters) -- The ferry line opened on Thursday.", "Reuters"),
        ("HARBOURTON/LOWBRIDGE (Reuters) ― The ferry line opened on Thursday.", "Reuters"),
        ("(Reuters) - The ferry line opened on Thursday after years of delay.", "Reuters"),
        ("(CNN) -- The ferry line opened on Thursday after years of delay.", "CNN"),
        ("(CNN)The ferry line opened on Thursday after years of delay.", "CNN"),
        ("HARBOURTON, 5 mar (AFP) -- La línea de ferry abrió el jueves.", "AFP"),
    ],
)
def test_wire_datelines_name_the_original(cleaner: Cleaner, opening: str, original: str) -> None:
    article = _one(cleaner, opening + TAIL, url="https://www.theguardian.com/world/x")
    assert article.outlet == "The Guardian"
    assert article.original_outlet == original
    assert opening in article.body  # a dateline stays in its sentence


def test_parenthesised_acronym_mid_sentence_is_no_dateline(cleaner: Cleaner) -> None:
    text = "The Harbour Workers Union (HWU) – the largest in the port – called a strike." + TAIL
    article = _one(cleaner, text)
    assert article.outlet is None and article.original_outlet is None


@pytest.mark.parametrize(
    ("byline", "author", "outlet"),
    [
        ("Jane Doe and John Roe | Reuters", "Jane Doe and John Roe", "Reuters"),
        ("Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", "Reuters"),
        ("Jane Doe, Associated Press", "Jane Doe", "AP"),
        ("Reuters Staff", None, "Reuters"),
        ("Daily Planet Staff", None, "Daily Planet"),
        ("our correspondent, Reuters", None, "Reuters"),
        ("the way, this is not a byline", None, None),
    ],
)
def test_byline_shapes(byline: str, author: str | None, outlet: str | None) -> None:
    assert parse_byline(byline, REGISTRY, CUES.staff_suffixes) == (author, outlet)


@pytest.mark.parametrize(
    ("signoff", "author", "outlet", "published"),
    [
        ("By Daily Planet Staff", None, "Daily Planet", None),
        ("By Jane Doe, Reuters", "Jane Doe", "Reuters", None),
        ("Von unserem Korrespondenten, Reuters, 16. April 2031", None, "Reuters", "2031-04-16"),
    ],
)
def test_signoff_byline_at_the_end(
    cleaner: Cleaner, signoff: str, author: str | None, outlet: str | None, published: str | None
) -> None:
    text = "The ferry line opened on Thursday after years of delay." + TAIL + "\n\n" + signoff
    article = _one(cleaner, text)
    assert (article.author, article.outlet) == (author, outlet)
    assert (article.published.isoformat() if article.published else None) == published
    assert signoff not in article.body and signoff in article.removed_lines
    assert not article.truncated


@pytest.mark.parametrize(
    ("footer", "original"),
    [
        ("This article originally appeared on Daily Planet.", "Daily Planet"),
        ("This story was first published by Reuters.", "Reuters"),
        ("Republished with permission from The Guardian.", "The Guardian"),
        ("Source: Reuters", "Reuters"),
        ("Original source: Daily Planet, https://planet.example/a/b", "Daily Planet"),
    ],
)
def test_republication_footers(cleaner: Cleaner, footer: str, original: str) -> None:
    text = "Ferry line opens after years of delay - Harbour Times\n\n" + TAIL.strip()
    article = _one(cleaner, text + "\n\n" + footer, url="https://content-site.example/a")
    assert article.original_outlet == original
    assert footer not in article.body


def test_title_suffix_names_the_republisher_when_the_footer_names_the_original(
    cleaner: Cleaner,
) -> None:
    text = "Ferry line opens after years of delay | Reuters\n\n" + TAIL.strip()
    article = _one(cleaner, text + "\n\nOriginal source: The Guardian, https://g.example/x")
    assert (article.outlet, article.original_outlet) == ("Reuters", "The Guardian")


@pytest.mark.parametrize(
    ("value", "dayfirst", "expected"),
    [
        ("03/04/2031", None, DateInfo(None, dt.date(2031, 3, 4), dt.date(2031, 4, 3))),
        ("03/04/2031", True, DateInfo(dt.date(2031, 4, 3))),
        ("03/04/2031", False, DateInfo(dt.date(2031, 3, 4))),
        ("25/03/2031", None, DateInfo(dt.date(2031, 3, 25))),
        ("03/25/2031 14:20", None, DateInfo(dt.date(2031, 3, 25))),
        ("04/04/2031", None, DateInfo(dt.date(2031, 4, 4))),
        ("31/31/2031", None, DateInfo()),
    ],
)
def test_ambiguous_numeric_dates_never_guessed(
    value: str, dayfirst: bool | None, expected: DateInfo
) -> None:
    assert parse_date(value, dayfirst) == expected


def test_numeric_order() -> None:
    assert numeric_order("25/03/2031") is True
    assert numeric_order("03/25/2031") is False
    assert numeric_order("03/04/2031") is None
    assert numeric_order("2031-03-04") is None


def test_other_dates_of_the_input_settle_the_convention(cleaner: Cleaner) -> None:
    body = "The ferry line opened on Thursday after years of delay." + TAIL
    docs = [
        RawDocument(source_path="dump.csv#1", content=body, published="25/03/2031"),
        RawDocument(source_path="dump.csv#2", content=body + " Again.", published="03/04/2031"),
        RawDocument(source_path="other.csv#1", content=body + " Once.", published="03/04/2031"),
    ]
    out = {a.source_path: a for a in cleaner(docs).outputs}
    assert out["dump.csv#2"].published == dt.date(2031, 4, 3)
    assert out["other.csv#1"].published is None
    assert out["other.csv#1"].published_earliest == dt.date(2031, 3, 4)


@pytest.mark.parametrize(
    ("last", "cut"),
    [
        ("The ferry line opened on Thursday [...]", True),
        ("The ferry line opened on Thursday. Read more", True),
        ("The ferry line opened on Thursday. Continue reading", True),
        ("The ferry line opened on Thursday after years of del", True),
        ("The ferry line opened on Thursday and the", True),
        ("The ferry line opened on Thursday. (Jane Doe/Harbour Times via AP)", False),
        ("The ferry line opened on Thursday. Additional reporting by Jane Doe", False),
        ("The ferry line opened on Thursday. Watch the ceremony below:", False),
        ("The ferry opened. Follow us at https://planet.example/ferry", False),
        ("The ferry line opened on Thursday. With Associated Press", False),
        ("The ferry line opened on Thursday. With the harbour full, the", True),
        ("The ferry line opened on Thursday.", False),
    ],
)
def test_truncation_marks_and_footers(last: str, cut: bool) -> None:
    assert is_truncated("First paragraph.\n\n" + last, CUES) is cut


@pytest.mark.parametrize(
    "line",
    ["<script>window.ads && ads.push('slot-1')</script>", '<div class="promo"></div>'],
)
def test_markup_lines_are_removed(cleaner: Cleaner, line: str) -> None:
    article = _one(cleaner, "The ferry line opened on Thursday." + TAIL + "\n\n" + line)
    assert line in article.removed_lines and "<" not in article.body
    assert not article.truncated


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Die neue Fährlinie wurde am Donnerstag nach jahrelanger Verzögerung eröffnet. "
            "Der Hafenrat will den Fahrplan im Mai überprüfen.",
            "de",
        ),
        (
            "La nueva línea de ferry se inauguró el jueves tras años de retraso. "
            "El consejo del puerto revisará el horario en mayo.",
            "es",
        ),
    ],
)
def test_non_english_bodies_kept_whole(cleaner: Cleaner, text: str, language: str) -> None:
    article = _one(cleaner, text)
    assert article.language == language
    assert article.body == text and not article.truncated


def test_demo_metadata_fixed_cases(cleaner: Cleaner) -> None:
    from newslens.ingest import read_paths
    from newslens.records import ReadOptions, Rejected

    paths = [DEMO / "text", DEMO / "jsonl"]
    docs = [d for d in read_paths(paths, "auto", ReadOptions()) if not isinstance(d, Rejected)]
    out = {a.source_path.rsplit("/", 1)[-1]: a for a in cleaner(docs).outputs}
    assert (out["005.txt"].outlet, out["005.txt"].original_outlet) == (
        "NewsHarbor24",
        "The Meridian Post",
    )
    assert not out["005.txt"].truncated  # the <script> line is junk, not a cut sentence
    assert out["101_es.txt"].outlet == "El Observador Austral"
    assert out["102_de.txt"].outlet == "Morgenrundschau"
    assert out["102_de.txt"].published == dt.date(2025, 4, 16)
    assert not out["102_de.txt"].truncated
    assert out["021_crlf.txt"].outlet == "Velmar Herald" and out["021_crlf.txt"].author is None
    assert out["009.txt"].truncated
    jsonl3 = out["dump.jsonl#3"]  # "03/04/2025": never read as Mar 4
    assert jsonl3.published is None
    assert jsonl3.published_earliest == dt.date(2025, 3, 4)
    assert jsonl3.published_latest == dt.date(2025, 4, 3)
