"""Terms and the proper-noun entity extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from newslens.records import ArticleText
from newslens.stories import article_date, extract_entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Talks resumed after President Elena Moravec met Dario Lenz.",
            ["elena moravec", "dario lenz"],
        ),
        ("The Teran Basin Council met in Port Seren.", ["teran basin council", "port seren"]),
        ("Officials said the road was closed. Talks resumed.", []),
        ("Norvadia's army moved on Monday in March.", []),
        (
            "Then Kestria objected. In Dorun, NATO and Kestria's allies met.",
            ["kestria", "dorun", "nato", "kestria"],
        ),
    ],
    ids=["titles-stripped", "multiword", "sentence-start", "lone-start", "mixed"],
)
def test_extract_entities_finds_proper_nouns(text: str, expected: list[str]) -> None:
    assert [key for key, _ in extract_entities(text)] == expected


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"published": dt.date(2025, 3, 3)}, dt.date(2025, 3, 3)),
        (
            {"published_earliest": dt.date(2025, 3, 1), "published_latest": dt.date(2025, 3, 5)},
            dt.date(2025, 3, 3),
        ),
        ({"published_earliest": dt.date(2025, 3, 1)}, None),
        (
            {"published_earliest": dt.date(2025, 1, 1), "published_latest": dt.date(2025, 12, 31)},
            None,
        ),
        ({}, None),
    ],
    ids=["published", "interval-middle", "one-bound", "wide-interval", "none"],
)
def test_article_date_falls_back_to_interval(
    dates: dict[str, dt.date], expected: dt.date | None
) -> None:
    assert article_date(ArticleText(id="a", seq=0, body="", **dates)) == expected


def test_spelling_variants_and_diacritics_fold_to_one_key() -> None:
    from newslens.stories.text import extract_entities, fold, normalise_name, stopwords, terms

    assert fold("Zoë Kürten") == "Zoe Kurten"
    assert normalise_name("Kiev") == normalise_name("Kyiv") == "kyiv"
    assert normalise_name("Zaporozhye") == normalise_name("Zaporizhzhia")
    assert normalise_name("Zelenskiy") == normalise_name("Zelenskyy") == "zelensky"
    assert normalise_name("Donetsk People's Republic") == "dpr"
    assert terms("Kiev and Kharkov", stopwords()) == ["kyiv", "kharkiv"]
    keys = [k for k, _ in extract_entities("Talvanese President Elena Moravec met Zoë Kürten.")]
    assert keys == ["elena moravec", "zoe kurten"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 7 (UPI) -- Ferry crews went back to work. More.", "Ferry crews went back to work."),
        ("VELMAR, Norvadia (CPA) — The talks resumed. More.", "The talks resumed."),
        ("(Reuters) - Britain sanctioned four tycoons. More.", "Britain sanctioned four tycoons."),
        ("The talks (in Geneva) - resumed today. More.", "The talks (in Geneva) - resumed today."),
    ],
)
def test_first_sentence_drops_a_wire_dateline(text: str, expected: str) -> None:
    from newslens.stories.text import first_sentence

    assert first_sentence(text) == expected
