"""Extractive summaries over hand-built bundles (fictional outlets, countries and sentences)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from newslens.analysis.bundle import Bundle, Citation, Scope, SourceArticle
from newslens.analysis.summary import Summary, SummarySentence, cite_label, summarize
from newslens.errors import ConfigError
from newslens.records import Actor, Event, Evidence, Sentence

D1, D2, D3, D4 = (dt.date(2031, 5, day) for day in (3, 4, 5, 6))

SIGNED = "Valdoria and Marenland signed a grain corridor agreement in the port of Kelmar on Monday."
SIGNED_AGAIN = (
    "Valdoria and Marenland signed a grain corridor agreement at the port of Kelmar Monday."
)
SIGNED_THIRD = (
    "On Monday Valdoria and Marenland signed the grain corridor agreement in Kelmar port."
)
SHIPS = "The first convoy of twelve cargo ships is expected to leave Kelmar within a fortnight."
PRICES = "Wheat futures fell sharply in Tessaly after traders welcomed news of the corridor."
INSPECT = (
    "Inspectors from the Harbour Authority will check every vessel before it enters the strait."
)
PROTEST = "Farmers in northern Marenland protested outside the parliament against cheaper imports."
FUNDING = (
    "The Delmar Development Bank pledged funds to repair the damaged grain terminals at Kelmar."
)
DOCKS = "Dock workers in Kelmar ended a two-day strike after the agreement was announced."
MINISTER = "Foreign minister Arno Velt said the corridor would stay open for at least one year."


def art(
    article_id: str,
    outlet: str | None,
    published: dt.date | None = None,
    *,
    duplicate_of: str | None = None,
    original_outlet: str | None = None,
) -> SourceArticle:
    return SourceArticle(
        id=article_id,
        url=f"https://example.test/{article_id}",
        outlet=outlet,
        title=None,
        published=published,
        original_outlet=original_outlet,
        duplicate_of=duplicate_of,
    )


def split(article_id: str, texts: Sequence[str]) -> tuple[Sentence, ...]:
    found, start = [], 0
    for index, text in enumerate(texts):
        found.append(Sentence(article_id, index, start, start + len(text), text))
        start += len(text) + 1
    return tuple(found)


def bundle_of(
    docs: Mapping[SourceArticle, Sequence[str]],
    *,
    scope: Scope | None = None,
    events: tuple[Event, ...] = (),
    actors: Mapping[str, Actor] | None = None,
) -> Bundle:
    return Bundle(
        scope=scope or Scope(),
        articles={a.id: a for a in docs},
        sentences={a.id: split(a.id, texts) for a, texts in docs.items()},
        events=events,
        actors=actors or {},
    )


def corridor() -> Bundle:
    """Four outlets on one story; the signing is reported by three of them."""
    return bundle_of(
        {
            art("a1", "Harbor Ledger", D1): [SIGNED, SHIPS, PRICES, MINISTER],
            art("a2", "Northgate Times", D2): [SIGNED_AGAIN, INSPECT, PROTEST],
            art("a3", "Plainview Courier", D3): [SIGNED_THIRD, FUNDING, SHIPS],
            art("a4", "Ridge Gazette", None): [PROTEST, DOCKS, FUNDING, INSPECT],
        }
    )


def texts_of(bundle: Bundle) -> dict[str, set[str]]:
    return {aid: {s.text for s in sentences} for aid, sentences in bundle.sentences.items()}


def small() -> Bundle:
    return bundle_of({art("s1", "Ridge Gazette", D2): [SHIPS, PRICES, INSPECT]})


def wired() -> Bundle:
    return bundle_of(
        {
            art("w1", "Wire Service", D1): [SIGNED, SHIPS, FUNDING],
            art("w2", "Harbor Ledger", D2, duplicate_of="w1", original_outlet="Wire Service"): [
                SIGNED,
                SHIPS,
                FUNDING,
            ],
            art("n1", "Northgate Times", D3): [PROTEST, INSPECT, MINISTER],
        }
    )


@pytest.mark.parametrize("build", [corridor, small, wired], ids=["corridor", "small", "wired"])
def test_summary_sentences_are_verbatim_from_their_article(build: Callable[[], Bundle]) -> None:
    bundle = build()
    texts = texts_of(bundle)
    summary = summarize(bundle, sentences=5)
    assert summary.sentences
    for sentence in summary.sentences:
        assert sentence.text in texts[sentence.article_id]
        source = bundle.sentences[sentence.article_id][sentence.sentence_index]
        assert source.text == sentence.text
        assert sentence.citations[0].article_id == sentence.article_id
        for citation in sentence.citations[1:]:
            assert citation.article_id in texts


def test_summary_orders_sentences_chronologically_undated_last() -> None:
    summary = summarize(corridor(), sentences=8)
    dates = [s.date for s in summary.sentences]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert None in dates
    assert dates.index(None) == len(dated)
    assert dates[-1] is None


def test_summary_ranks_sentence_of_three_outlets_above_one() -> None:
    summary = summarize(corridor(), sentences=8, relevance_weight=1.0)
    by_text = {s.text: s for s in summary.sentences}
    signed = by_text[SIGNED]
    assert {c.outlet for c in signed.citations} == {
        "Harbor Ledger",
        "Northgate Times",
        "Plainview Courier",
    }
    assert signed.score == 1.0
    assert signed.score > by_text[PRICES].score
    assert summarize(corridor(), sentences=1).sentences[0].text == SIGNED


def test_summary_wire_copy_adds_no_weight_and_is_not_cited() -> None:
    with_copy = wired()
    without = Bundle(
        scope=with_copy.scope,
        articles={k: v for k, v in with_copy.articles.items() if k != "w2"},
        sentences={k: v for k, v in with_copy.sentences.items() if k != "w2"},
    )
    assert summarize(with_copy, sentences=6) == summarize(without, sentences=6)
    for sentence in summarize(with_copy, sentences=6).sentences:
        assert all(c.article_id != "w2" for c in sentence.citations)


def test_summary_copy_id_in_article_ids_stands_for_its_original() -> None:
    summary = summarize(wired(), sentences=6, article_ids=["w2"])
    assert summary.sentences
    assert {s.article_id for s in summary.sentences} == {"w1"}


def test_summary_article_ids_restrict_the_quoted_articles() -> None:
    summary = summarize(corridor(), sentences=8, article_ids={"a2", "a4"})
    assert {s.article_id for s in summary.sentences} <= {"a2", "a4"}
    assert all(c.article_id in {"a2", "a4"} for s in summary.sentences for c in s.citations)


TALKS = "Negotiators from Valdoria and Marenland resumed border talks in the town of Orvik today."
TALKS_TOO = (
    "Negotiators from Valdoria and Marenland resumed border talks in Orvik despite the storm."
)


def test_summary_mmr_avoids_two_near_identical_sentences() -> None:
    bundle = bundle_of(
        {
            art("m1", "Harbor Ledger", D1): [TALKS, PRICES],
            art("m2", "Northgate Times", D2): [TALKS_TOO, FUNDING],
        }
    )
    relevance_only = {
        s.text for s in summarize(bundle, sentences=2, relevance_weight=1.0).sentences
    }
    assert relevance_only == {TALKS, TALKS_TOO}
    diverse = {s.text for s in summarize(bundle, sentences=2, relevance_weight=0.5).sentences}
    assert len(diverse & {TALKS, TALKS_TOO}) == 1


def test_summary_collapses_identical_sentences_into_one_citing_all() -> None:
    bundle = bundle_of(
        {
            art("i1", "Harbor Ledger", D1): [SHIPS, PRICES],
            art("i2", "Northgate Times", D2): [SHIPS.upper().capitalize(), INSPECT],
        }
    )
    summary = summarize(bundle, sentences=5)
    ships = [s for s in summary.sentences if s.text.casefold() == SHIPS.casefold()]
    assert len(ships) == 1
    assert [c.article_id for c in ships[0].citations] == ["i1", "i2"]


@pytest.mark.parametrize(
    "bad",
    [
        "He said the grain corridor through Kelmar would stay open for another year.",
        "She told reporters the grain corridor through Kelmar would stay open all year.",
        "They signed the grain corridor agreement in Kelmar after three weeks of talks.",
        "It was the first grain corridor agreement signed in Kelmar since the blockade began.",
        "This means the grain corridor through Kelmar will stay open for another year.",
        "But the grain corridor agreement signed in Kelmar still needs approval by parliament.",
        "However, the grain corridor agreement signed in Kelmar still needs parliament's approval.",
        "Also, the grain corridor agreement signed in Kelmar covers sunflower oil and barley.",
        "Will the grain corridor agreement signed in Kelmar survive the coming winter storms?",
        "Photo by Lena Marsh shows the grain corridor agreement being signed in Kelmar.",
        "Copyright 2031 Harbor Ledger, the grain corridor agreement signed in Kelmar is covered.",
        "Valdoria's minister Arno Velt meets envoys in Kelmar. (Lena Marsh/Harbor Ledger)",
        "Share this story about the grain corridor agreement signed in Kelmar with friends.",
        "Click here for our live coverage of the grain corridor agreement signed in Kelmar.",
        "Readers who subscribe get alerts on the grain corridor agreement signed in Kelmar.",
        "THE GRAIN CORRIDOR AGREEMENT WAS SIGNED IN KELMAR ON MONDAY BY BOTH GOVERNMENTS.",
        "The grain corridor agreement signed in Kelmar by both governments on Monday morning",
        "Grain corridor agreement signed.",
        "Kelmar grain corridor ministers " * 16 + "agreed.",
        "Valdoria's foreign minister Arno Velt at the Kelmar port ceremony on Monday.",
    ],
)
def test_summary_skips_pronoun_led_and_boilerplate_sentences(bad: str) -> None:
    bundle = bundle_of(
        {
            art("b1", "Harbor Ledger", D1): [bad, SIGNED],
            art("b2", "Northgate Times", D2): [bad, SHIPS],
        }
    )
    texts = [s.text for s in summarize(bundle, sentences=8).sentences]
    assert bad not in texts
    assert texts == [SIGNED, SHIPS]


@pytest.mark.parametrize("cap", [0, 1, 2, 3, 5])
def test_summary_sentences_cap_holds(cap: int) -> None:
    summary = summarize(corridor(), sentences=cap)
    assert len(summary.sentences) == cap


def test_summary_of_empty_bundle_is_empty() -> None:
    assert summarize(Bundle(scope=Scope(), articles={})) == Summary()
    no_text = Bundle(scope=Scope(), articles={"e1": art("e1", "Harbor Ledger", D1)})
    assert summarize(no_text).sentences == ()
    assert Summary().to_dict() == {"sentences": []}


def test_summary_of_single_article_works() -> None:
    summary = summarize(small(), sentences=2)
    assert len(summary.sentences) == 2
    assert all(len(s.citations) == 1 for s in summary.sentences)
    assert [s.sentence_index for s in summary.sentences] == sorted(
        s.sentence_index for s in summary.sentences
    )


def test_summary_is_deterministic_whatever_the_mapping_order() -> None:
    bundle = corridor()
    reversed_bundle = Bundle(
        scope=bundle.scope,
        articles=dict(reversed(list(bundle.articles.items()))),
        sentences=dict(reversed(list(bundle.sentences.items()))),
    )
    first = summarize(bundle, sentences=4)
    assert summarize(bundle, sentences=4) == first
    assert summarize(reversed_bundle, sentences=4) == first


def test_summary_boosts_event_evidence_and_scope_actors() -> None:
    docs = {
        art("v1", "Harbor Ledger", D1): [SHIPS, FUNDING],
        art("v2", "Northgate Times", D2): [INSPECT, PROTEST],
    }
    plain = {s.text: s.score for s in summarize(bundle_of(docs), sentences=4).sentences}
    event = Event(
        id="e1",
        type="AID",
        source="org:delmar-bank",
        target=None,
        evidence=(Evidence("v1", 1, FUNDING, "Harbor Ledger"),),
    )
    evidenced = {
        s.text: s.score for s in summarize(bundle_of(docs, events=(event,)), sentences=4).sentences
    }
    assert evidenced[FUNDING] / evidenced[SHIPS] > plain[FUNDING] / plain[SHIPS]
    farmers = Actor(id="state:MRN", name="Marenland", kind="state", aliases=("Marenlandic",))
    scoped = bundle_of(docs, scope=Scope(actors=("state:MRN",)), actors={"state:MRN": farmers})
    named = {s.text: s.score for s in summarize(scoped, sentences=4).sentences}
    assert named[PROTEST] / named[INSPECT] > plain[PROTEST] / plain[INSPECT]


def test_summary_rejects_bad_settings() -> None:
    with pytest.raises(ConfigError, match="negative"):
        summarize(corridor(), sentences=-1)
    with pytest.raises(ConfigError, match=r"outside \[0, 1\]"):
        summarize(corridor(), relevance_weight=1.5)


def test_summary_to_dict_is_json_serialisable() -> None:
    data = summarize(corridor(), sentences=3).to_dict()
    decoded = json.loads(json.dumps(data))
    assert decoded == data
    first = data["sentences"][0]
    assert set(first) == {
        "text",
        "article_id",
        "sentence_index",
        "date",
        "score",
        "cite",
        "citations",
    }
    assert first["date"] == D1.isoformat()
    assert set(first["citations"][0]) == {"article_id", "outlet", "url", "published"}


@pytest.mark.parametrize(
    ("outlet", "published", "label"),
    [
        ("Harbor Ledger", dt.date(2022, 4, 19), "[Harbor Ledger, 2022-04-19]"),
        (None, dt.date(2022, 4, 19), "[unknown outlet, 2022-04-19]"),
        ("Ridge Gazette", None, "[Ridge Gazette, undated]"),
        (None, None, "[unknown outlet, undated]"),
    ],
)
def test_cite_label_formats_outlet_and_date(
    outlet: str | None, published: dt.date | None, label: str
) -> None:
    citation = Citation("x1", outlet, None, published)
    assert cite_label(citation) == label
    sentence = SummarySentence(SHIPS, "x1", 0, published, (citation, citation), 1.0)
    assert sentence.cite_labels() == f"{label} {label}"


CHINA = re.compile(r"\b(China|Chinese|Beijing|Xi)\b")
RUSSIA = re.compile(r"\b(Russia|Russian|Moscow|Putin)\b")


@pytest.mark.shared
def test_summary_of_seed_articles_links_china_and_russia(
    shared_path: Callable[..., Path],
) -> None:
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    assert len(seeds) == 5
    docs: dict[SourceArticle, list[str]] = {}
    for number, path in enumerate(seeds):
        body = path.read_text(encoding="utf-8")
        parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"”’)])\s+|\n+", body)
        docs[art(f"seed{number}", None)] = [p.strip() for p in parts if p.strip()]
    bundle = bundle_of(docs)
    texts = texts_of(bundle)
    summary = summarize(bundle, sentences=6)
    assert 0 < len(summary.sentences) <= 6
    for sentence in summary.sentences:
        assert sentence.text in texts[sentence.article_id]
    assert any(CHINA.search(s.text) and RUSSIA.search(s.text) for s in summary.sentences)
