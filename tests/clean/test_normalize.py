"""Normalisation and stable identifiers."""

from __future__ import annotations

import pytest

from newslens.clean.normalize import article_id, body_hash, join_paragraphs, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cafe\u0301 owners", "Café owners"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("no\u00a0break\u2009thin", "no break thin"),
        ("tab\tand   spaces", "tab and spaces"),
        ("bell\x07 char", "bell char"),
        ("“curly” ‘quotes’ stay", "“curly” ‘quotes’ stay"),
        ("Fish &amp; chips &#8212; &quot;fresh&quot;", 'Fish & chips — "fresh"'),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("  padded line  \n  next  ", "padded line\nnext"),
        # an acute accent typed for an apostrophe, between letters only
        ("Kestria\u00b4s army, don\u00b4t", "Kestria\u2019s army, don\u2019t"),
        ("\u00b4quoted\u00b4 and 5\u00b4", "\u00b4quoted\u00b4 and 5\u00b4"),
    ],
)
def test_normalize_text_cases(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_keeps_entities_when_asked() -> None:
    assert normalize_text("AT&amp;T", unescape=False) == "AT&amp;T"


def test_normalize_is_idempotent() -> None:
    once = normalize_text("A\u00a0b &amp; c\n\n\n d\u200b")
    assert normalize_text(once) == once


def test_normalize_join_paragraphs_one_blank_line() -> None:
    assert join_paragraphs(["a", " ", "b "]) == "a\n\nb"


def test_article_id_stable_and_keyed() -> None:
    first = article_id("https://example.org/a", "Body text.")
    assert first == article_id("https://example.org/a", "Body text.")
    assert len(first) == 16 and int(first, 16) >= 0
    assert first != article_id("https://example.org/b", "Body text.")
    assert first != article_id("https://example.org/a", "Body text!")


@pytest.mark.parametrize("variant", ["body  TEXT.", "Body\n\ntext.", " body text. "])
def test_body_hash_ignores_case_and_whitespace(variant: str) -> None:
    assert body_hash(variant) == body_hash("Body text.")
