"""Metadata from text and columns: titles, outlets, bylines, datelines, dates, truncation."""

from __future__ import annotations

import datetime as dt

import pytest

from newslens.clean import Cleaner
from newslens.clean.dates import DateInfo, parse_date, take_date_header
from newslens.clean.metadata import is_truncated, split_title_suffix
from newslens.clean.outlets import OutletRegistry
from newslens.records import Article, RawDocument

BODY = (
    "The harbour authority said on Thursday that the new ferry line would open in May.\n\n"
    "Officials expect the first crossing to sell out within hours."
)
REGISTRY = OutletRegistry.load()


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
    ("first_line", "title", "outlet"),
    [
        ("Harbour ferry line to open in May", "Harbour ferry line to open in May", None),
        (
            "Harbour ferry line to open in May | Reuters",
            "Harbour ferry line to open in May",
            "Reuters",
        ),
        (
            "Harbour ferry line to open in May - The Guardian",
            "Harbour ferry line to open in May",
            "The Guardian",
        ),
        (
            "Harbour ferry line to open in May | Daily Planet",
            "Harbour ferry line to open in May",
            "Daily Planet",
        ),
        ("Harbour ferry plans - live updates", "Harbour ferry plans - live updates", None),
        ("The ferry line opens in May.", None, None),
        ("Ferry", None, None),
    ],
)
def test_title_from_first_line(
    cleaner: Cleaner, first_line: str, title: str | None, outlet: str | None
) -> None:
    article = _one(cleaner, f"{first_line}\n\n{BODY}")
    assert (article.title, article.outlet) == (title, outlet)
    assert (first_line in article.body) is (title is None)


def test_title_column_wins_and_duplicate_line_leaves_body(cleaner: Cleaner) -> None:
    article = _one(cleaner, f"Ferry plans unveiled\n\n{BODY}", title="Ferry plans unveiled | CNN")
    assert article.title == "Ferry plans unveiled"
    assert article.body == BODY


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry talks stall | Politico Europe", ("Ferry talks stall", "Politico Europe")),
        ("Ferry talks stall — BBC News", ("Ferry talks stall", "BBC")),
        ("Kyiv - Odesa ferry resumes", ("Kyiv - Odesa ferry resumes", None)),
    ],
)
def test_title_suffix_split(title: str, expected: tuple[str, str | None]) -> None:
    assert split_title_suffix(title, REGISTRY) == expected


@pytest.mark.parametrize(
    ("url", "outlet", "original"),
    [
        ("https://www.reuters.com/world/ferry", "Reuters", None),
        ("https://edition.cnn.com/2022/05/01/ferry", "CNN", None),
        ("https://www.dailymail.co.uk/wires/ap/article-1/ferry.html", "Daily Mail", "AP"),
        ("https://www.dailymail.co.uk/news/article-2/ferry.html", "Daily Mail", None),
        ("https://unknown.example.org/ferry", None, None),
    ],
)
def test_outlet_from_url(
    cleaner: Cleaner, url: str, outlet: str | None, original: str | None
) -> None:
    article = _one(cleaner, BODY, url=url)
    assert (article.outlet, article.original_outlet) == (outlet, original)


@pytest.mark.parametrize(
    ("text", "outlet", "original", "author"),
    [
        (f"By Jane Roe\n\n{BODY}", None, None, "Jane Roe"),
        (f"By Jane Roe and John Doe\n\n{BODY}", None, None, "Jane Roe and John Doe"),
        (f"By Jane Roe, Reuters\n\n{BODY}", "Reuters", None, "Jane Roe"),
        (f"By Euronews with AP\n\n{BODY}", "Euronews", None, None),
        (f"By the time the ferry came, the crowd had gone.\n\n{BODY}", None, None, None),
        (f"May 3 (Reuters) - {BODY}", "Reuters", None, None),
        (f"ODESA, Ukraine (AP) — {BODY}", "AP", None, None),
        (f"NEW You can now listen to Fox News articles!\n\n{BODY}", "Fox News", None, None),
        (
            f"{BODY}\n\nThis article originally appeared on The Moscow Times.",
            None,
            "The Moscow Times",
            None,
        ),
        (f"{BODY}\n\nRepublished from Meduza.", None, "Meduza", None),
        (
            f"Ferry line to open | Daily Planet\n\n{BODY}\n\nOriginal source",
            None,
            "Daily Planet",
            None,
        ),
    ],
)
def test_outlet_and_author_from_text(
    cleaner: Cleaner, text: str, outlet: str | None, original: str | None, author: str | None
) -> None:
    article = _one(cleaner, text)
    assert (article.outlet, article.original_outlet, article.author) == (outlet, original, author)


@pytest.mark.parametrize(
    ("fields", "outlet", "original"),
    [
        ({"outlet": "reuters"}, "Reuters", "AP"),
        ({"outlet": "Harbour Gazette"}, "Harbour Gazette", "AP"),
        ({"outlet": "AP"}, "AP", None),
        ({"url": "https://www.bbc.co.uk/news/ferry"}, "BBC", "AP"),
    ],
)
def test_outlet_column_wins_and_wire_dateline_is_original(
    cleaner: Cleaner, fields: dict[str, str], outlet: str, original: str | None
) -> None:
    article = _one(cleaner, f"LONDON (AP) — {BODY}", **fields)
    assert (article.outlet, article.original_outlet) == (outlet, original)


@pytest.mark.parametrize(
    ("text", "fields", "published", "earliest", "latest"),
    [
        (f"date 2022-04-19 {BODY}", {}, dt.date(2022, 4, 19), None, None),
        (BODY, {"published": "2022-03-07T10:15:00Z"}, dt.date(2022, 3, 7), None, None),
        (BODY, {"published": "Mon, 07 Mar 2022 10:15:00 GMT"}, dt.date(2022, 3, 7), None, None),
        (BODY, {"published": "March 7, 2022"}, dt.date(2022, 3, 7), None, None),
        (BODY, {"published": "2022"}, None, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        (BODY, {"published": "March 2022"}, None, dt.date(2022, 3, 1), dt.date(2022, 3, 31)),
        (BODY, {"published": "not a date"}, None, None, None),
        (f"March 7 (UPI) -- {BODY}", {}, None, None, None),
        (f"March 7 (UPI) -- {BODY}", {"published": "2022"}, dt.date(2022, 3, 7), None, None),
        (f"Published March 8, 2022\n\n{BODY}", {}, dt.date(2022, 3, 8), None, None),
        (f"Updated March 9, 2022\n\n{BODY}", {}, None, None, dt.date(2022, 3, 9)),
        (
            f"Title here now\n\nLast updated: 9 March 2022, 10:14 GMT\n\n{BODY}",
            {},
            None,
            None,
            dt.date(2022, 3, 9),
        ),
        (
            f"Updated 10:32 AM ET, Mon March 7, 2022\n\n{BODY}",
            {"published": "2022-03-06"},
            dt.date(2022, 3, 6),
            None,
            None,
        ),
        (BODY, {"url": "https://example.org/2021/11/30/ferry"}, dt.date(2021, 11, 30), None, None),
    ],
)
def test_dates_stated_never_invented(
    cleaner: Cleaner,
    text: str,
    fields: dict[str, str],
    published: dt.date | None,
    earliest: dt.date | None,
    latest: dt.date | None,
) -> None:
    article = _one(cleaner, text, **fields)
    assert (article.published, article.published_earliest, article.published_latest) == (
        published,
        earliest,
        latest,
    )
    assert "date 2022" not in article.body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date 2022-04-19 NEW headline", (dt.date(2022, 4, 19), "NEW headline")),
        ("date 2022-13-45 text", (None, "date 2022-13-45 text")),
        ("The date 2022-04-19 was set.", (None, "The date 2022-04-19 was set.")),
    ],
)
def test_dates_header(text: str, expected: tuple[dt.date | None, str]) -> None:
    assert take_date_header(text) == expected


def test_dates_parse_empty() -> None:
    assert parse_date("  ") == DateInfo()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The ferry sailed at noon.", False),
        ("“We will sail,” he said.", False),
        ("He called the plan “a disgrace”", False),
        ("Who pays?", False),
        ("(Reporting by Jane Roe; editing by John Doe)", False),
        ("The ferry sailed at noon and the", True),
        ("The ferry sailed at noon…", True),
        ("The ferry sailed at noon...", True),
        ("The minister said that", True),
        ("", False),
    ],
)
def test_truncation_detected(body: str, expected: bool) -> None:
    assert is_truncated(body) is expected


@pytest.mark.parametrize(
    ("text", "fields", "language"),
    [
        (BODY, {}, "en"),
        ("Le ministre a annoncé jeudi que la nouvelle ligne de ferry ouvrira en mai.", {}, "fr"),
        ("Der Minister sagte am Donnerstag, die neue Fährlinie werde im Mai eröffnet.", {}, "de"),
        (BODY, {"language": "en-GB"}, "en"),
    ],
)
def test_language_detected(
    cleaner: Cleaner, text: str, fields: dict[str, str], language: str
) -> None:
    assert _one(cleaner, text, **fields).language == language


@pytest.mark.parametrize(
    "line",
    ["Updated March 9, 2022", "Last updated: 9 March 2022, 10:14 GMT", "Modified 2022-03-09"],
)
def test_updated_line_is_metadata_not_title_nor_body(cleaner: Cleaner, line: str) -> None:
    article = _one(cleaner, f"{line}\n\n{BODY}")
    assert article.title is None
    assert line not in article.body
    assert line in article.removed_lines
