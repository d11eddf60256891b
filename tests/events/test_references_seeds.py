"""Actor references and quote speakers of ../shared/seeds against the hand gold in tests/data.

The gold lists every reference a careful reader resolves (names, titles, role descriptions,
pronouns, possessives, groups, blocs, regions, outlets; place uses and expletives as negatives)
and every attributed statement. The floors are the figures measured when the gold was written
(benchmarks/seeds_references.py prints them); the issue's target is 95 % for both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslens.evaluate_references import (
    ReadArticle,
    load_gold,
    quotes_in_body,
    read_articles,
    score_mentions,
    score_quotes,
)

pytestmark = pytest.mark.shared

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def seeds() -> dict[str, ReadArticle]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: these tests need the shared seeds beside the project")
    pytest.importorskip("spacy")
    raw = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}
    return read_articles(raw)


def test_seed_references_resolve_as_a_careful_reader_does(seeds: dict[str, ReadArticle]) -> None:
    gold = [
        r for r in load_gold(GOLD / "seeds_mentions.jsonl") if r["context"] in seeds[r["seed"]].body
    ]
    texts = {k: a.body for k, a in seeds.items()}
    views = {k: (a.doc, a.actor_at) for k, a in seeds.items()}
    score = score_mentions(gold, texts, views)
    assert score.share >= 0.95, score.wrong  # the target (249/261 on 2026-12-07)
    # every named form, title, metonym, outlet, region and national branch is right
    for kind in ("name", "alias", "title", "metonymy", "media", "region", "national-branch"):
        right, total = score.by_kind[kind]
        assert right == total, (kind, [w for w in score.wrong if w["kind"] == kind])


def test_seed_quote_speakers(seeds: dict[str, ReadArticle]) -> None:
    bodies = {k: a.body for k, a in seeds.items()}
    gold = quotes_in_body(load_gold(GOLD / "seeds_quotes.jsonl"), bodies)
    score = score_quotes(gold, {k: a.quotes for k, a in seeds.items()})
    assert score.share >= 0.95, score.wrong  # the target (60/60 on 2026-12-07, stop 26)


def test_seed_group_and_ordinal_references(seeds: dict[str, ReadArticle]) -> None:
    def at(seed: str, context: str, word: str) -> set[str]:
        article = seeds[seed]
        start = article.body.index(context) + context.index(word)
        span = article.doc.char_span(start, start + len(word), alignment_mode="expand")
        return {a for tok in span for a in article.actor_at.get(tok.i, ())}

    xi, putin = "person:xi-jinping", "person:vladimir-putin"
    assert at("001", "The two leaders agreed", "The two leaders") == {xi, putin}
    assert at("001", "since the latter ordered", "the latter") == {putin}
    assert at("001", "said his government is", "his government") == {"state:CHN"}
    assert at("001", '"It was agreed to expand', "It") == set()
    assert at("004", "that China's Red Cross would", "China's Red Cross") == {"org:chn-red-cross"}
    assert at("001", "Moscow and the West over", "West") == {"bloc:west"}
