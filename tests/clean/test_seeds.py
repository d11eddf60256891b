"""The five seed texts in ../shared/seeds: metadata a careful reader finds, junk gone, body kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from newslens.clean import clean_documents, normalize_text
from newslens.clean.boilerplate import is_sentence_like
from newslens.records import Article, RawDocument

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}"),
]


class Digest(str):
    """An expected title given by the start of its SHA-256, so no publisher's headline is
    committed: it compares equal to the title whose digest starts so."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return False
        return hashlib.sha256(other.encode()).hexdigest().startswith(str.__str__(self))

    __hash__ = str.__hash__


# What each text states (prefix of the file name -> expected metadata). 002 is a National Review
# piece republished by a site the text does not name (only an unregistered "ANH" inside the
# removed author bio), so its outlet stays unknown and National Review is the original outlet.
EXPECTED = {
    "000": dict(
        title=None, outlet="Fox News", original_outlet=None, published=dt.date(2022, 4, 19)
    ),
    "001": dict(title=None, outlet=None, original_outlet=None, published=None),
    "002": dict(
        title=Digest("8233dd5acfd01e52ea74cb4c4d45c4af"),
        outlet=None,
        original_outlet="National Review",
        published=None,
    ),
    "003": dict(
        title=Digest("340e8d8c499940abff5bc749b936384c"),
        outlet="Euronews",
        original_outlet=None,
        published=None,
    ),
    "004": dict(title=None, outlet="UPI", original_outlet=None, published=dt.date(2022, 3, 7)),
}
REMOVED_COUNT = {"000": 1, "001": 0, "002": 6, "003": 14, "004": 4}

# Generic junk markers: every removed line must carry one, sit under a heading that opens a junk
# block, or be the caption that a removed line repeats with its credit.
JUNK = re.compile(
    r"listen to|Photo|Copyright|Share this|Copy|ADVERTISEMENT|Advertisement|For more watch|"
    r"Original source|^#|^By |Scenes from|You might also like|About the Author|\([^()]+/[^()]+\)$",
)
BLOCK_HEADINGS = ("You might also like", "About the Author")


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    docs = [RawDocument(source_path=p.name, content=p.read_text("utf-8")) for p in _seed_files()]
    result = clean_documents(docs)
    assert result.dropped == ()
    return {a.source_path[:3]: a for a in result.outputs}


def _seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def _original_lines(prefix: str) -> list[str]:
    path = next(p for p in _seed_files() if p.name.startswith(prefix))
    text = normalize_text(path.read_text("utf-8"))
    text = re.sub(r"^date \d{4}-\d{2}-\d{2}\s*", "", text)
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
@pytest.mark.parametrize("field", ["title", "outlet", "original_outlet", "published"])
def test_seed_metadata_matches_text(articles: dict[str, Article], prefix: str, field: str) -> None:
    expected = EXPECTED[prefix][field]
    actual = getattr(articles[prefix], field)
    assert (expected == actual) if isinstance(expected, Digest) else (actual == expected)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_is_english_and_not_truncated(articles: dict[str, Article], prefix: str) -> None:
    article = articles[prefix]
    assert article.language == "en"
    assert article.truncated is False
    assert article.author is None  # no seed names the writer of its text


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_junk_lines_removed(articles: dict[str, Article], prefix: str) -> None:
    article = articles[prefix]
    assert len(article.removed_lines) == REMOVED_COUNT[prefix]
    in_block = False
    for line in article.removed_lines:
        in_block = in_block or line in BLOCK_HEADINGS
        repeated_caption = any(
            other.startswith(line) and other != line for other in article.removed_lines
        )
        assert JUNK.search(line) or in_block or repeated_caption, line
    for line in article.body.split("\n\n"):
        assert not JUNK.search(line), line


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_sentences_kept(articles: dict[str, Article], prefix: str) -> None:
    article = articles[prefix]
    removed = set(article.removed_lines)
    for line in _original_lines(prefix):
        if not is_sentence_like(line) or line in removed:
            continue
        # an inline widget cut from a paragraph's end leaves the paragraph's sentences intact
        kept = re.sub(r"\s+Advertisement$", "", line)
        assert kept in article.body, kept[:80]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_cleaning_is_idempotent(articles: dict[str, Article], prefix: str) -> None:
    again = clean_documents(
        [RawDocument(source_path=p.name, content=p.read_text("utf-8")) for p in _seed_files()]
    )
    assert {a.source_path[:3]: a for a in again.outputs}[prefix] == articles[prefix]
