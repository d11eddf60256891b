"""Outlet comparison over hand-built bundles (fictional outlets and sentences)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from newslens.analysis.bundle import Bundle, Scope, SourceArticle
from newslens.analysis.compare import compare_outlets
from newslens.analysis.compare_coverage import near_groups
from newslens.analysis.compare_referents import count_referents, load_referents
from newslens.analysis.compare_sources import (
    SOURCE_KINDS,
    attribution_by_outlet,
    classify_quote,
    load_source_lexicon,
)
from newslens.analysis.compare_terms import distinctive_terms, log_odds, terms_of
from newslens.errors import ConfigError
from newslens.records import Actor, Event, Evidence, Quote, Sentence

DAY = dt.date(2031, 5, 4)
ARLAND = Actor("state:ARL", "Arland", "state", country="ARL", sector="government")
BORVIA = Actor("state:BRV", "Borvia", "state", country="BRV", sector="government")
LUMEN = Actor("org:lumen", "Lumen News", "organisation", "ARL", "media", ("state broadcaster",))
DOVE = Actor("person:ada-dove", "Ada Dove", "person", "BRV", None, ("novelist",))
ACTORS = {a.id: a for a in (ARLAND, BORVIA, LUMEN, DOVE)}


def article(
    article_id: str,
    outlet: str,
    *,
    day: int = 0,
    copy_of: str | None = None,
    original: str | None = None,
) -> SourceArticle:
    return SourceArticle(
        article_id,
        f"https://example.test/{article_id}",
        outlet,
        f"Title {article_id}",
        DAY + dt.timedelta(days=day),
        original_outlet=original,
        duplicate_of=copy_of,
    )


def make_bundle(
    articles: list[SourceArticle],
    texts: dict[str, list[str]],
    *,
    events: tuple[Event, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> Bundle:
    sentences = {
        article_id: tuple(Sentence(article_id, i, 0, len(t), t) for i, t in enumerate(lines))
        for article_id, lines in texts.items()
    }
    return Bundle(
        Scope(title="harbour talks"),
        {a.id: a for a in articles},
        sentences,
        events,
        quotes,
        ACTORS,
    )


def event(event_id: str, *evidence: tuple[str, str], type_: str = "COOPERATE") -> Event:
    return Event(
        event_id,
        type_,
        ARLAND.id,
        BORVIA.id,
        tuple(Evidence(article_id, 0, text) for article_id, text in evidence),
        date=DAY,
        date_basis="published",
    )


MEET = "Arland and Borvia signed a harbour accord on Sunday."
SHIP = "Arland shipped grain to Borvia."


def harbour_bundle() -> Bundle:
    """Gazette and Ridge report the accord; only Gazette reports the grain; Post reports neither."""
    articles = [article("g1", "Gazette"), article("r1", "Ridge", day=1), article("p1", "Post")]
    texts = {
        "g1": [MEET, SHIP],
        "r1": ["The two neighbours signed a harbour accord on Sunday."],
        "p1": ["Fishing boats returned to port after a quiet week at sea."],
    }
    events = (
        event("e-meet", ("g1", MEET), ("r1", texts["r1"][0])),
        event("e-ship", ("g1", SHIP), type_="AID"),
    )
    return make_bundle(articles, texts, events=events)


def test_coverage_marks_outlets_that_left_a_fact_out() -> None:
    facts = {f.id: f for f in compare_outlets(harbour_bundle()).facts}
    meet, ship = facts["event:e-meet"], facts["event:e-ship"]
    assert set(meet.outlets) == {"Gazette", "Ridge"} and meet.left_out == ("Post",)
    assert dict(ship.outlets) == {"Gazette": ("g1",)}
    assert set(ship.left_out) == {"Ridge", "Post"}


def test_coverage_orders_facts_by_independent_outlets() -> None:
    facts = compare_outlets(harbour_bundle()).facts
    assert facts[0].id == "event:e-meet"
    assert facts[0].label == "2031-05-04 COOPERATE Arland → Borvia"
    assert facts[0].sentence == MEET and facts[0].citation is not None
    assert facts[0].citation.article_id == "g1"


@pytest.mark.parametrize(
    ("original", "outlets"),
    [(None, {"Valewire", "Gazette"}), ("Valewire", {"Valewire"})],
    ids=["uncredited-copy", "credited-copy"],
)
def test_coverage_wire_copy_is_no_independent_report(
    original: str | None, outlets: set[str]
) -> None:
    articles = [
        article("w1", "Valewire"),
        article("g2", "Gazette", day=1, copy_of="w1", original=original),
    ]
    texts = {"w1": [SHIP], "g2": [SHIP]}
    shipped = event("e-ship", ("w1", SHIP), ("g2", SHIP), type_="AID")
    comparison = compare_outlets(make_bundle(articles, texts, events=(shipped,)))
    fact = next(f for f in comparison.facts if f.id == "event:e-ship")
    assert set(fact.outlets) == outlets
    assert fact.independent == ("Valewire",)
    assert fact.citation is not None and fact.citation.article_id == "w1"


def test_coverage_groups_near_identical_quotes_across_outlets() -> None:
    articles = [article("g1", "Gazette"), article("r1", "Ridge"), article("p1", "Post")]
    said = "The harbour will stay open to every ship that comes in peace"
    quotes = (
        Quote("q1", "g1", 0, ARLAND.id, "Arland", said, True, "said"),
        Quote("q2", "r1", 0, ARLAND.id, "Arland", said.upper() + "!", True, "said"),
        Quote("q3", "p1", 0, None, "a fisherman", "Nothing changes for us", True, "said"),
    )
    texts = {a: [f'"{said}," the ministry said.'] for a in ("g1", "r1")}
    comparison = compare_outlets(make_bundle(articles, texts, quotes=quotes))
    quote_facts = [f for f in comparison.facts if f.kind == "quote"]
    assert len(quote_facts) == 2
    top = quote_facts[0]
    assert top.label.startswith('Arland: "The harbour will stay open')
    assert set(top.independent) == {"Gazette", "Ridge"} and top.left_out == ("Post",)


def test_coverage_finds_sentences_shared_by_independent_outlets() -> None:
    shared = "Dockworkers in the northern harbour ended their strike after nine long days."
    articles = [article("g1", "Gazette"), article("r1", "Ridge")]
    texts = {
        "g1": [shared, "Gulls circled the empty cranes above the old fish market."],
        "r1": [shared.replace("nine long", "nine"), "Ridge readers asked about bus timetables."],
    }
    facts = compare_outlets(make_bundle(articles, texts)).facts
    assert facts[0].kind == "sentence" and facts[0].sentence == shared
    assert set(facts[0].outlets) == {"Gazette", "Ridge"}


def test_coverage_caps_the_number_of_facts() -> None:
    assert len(compare_outlets(harbour_bundle(), max_facts=1).facts) == 1


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        ([{"a", "b", "c", "d"}, {"a", "b", "c", "d"}, {"x", "y"}], [[0, 1], [2]]),
        ([{"a", "b", "c", "d", "e"}, {"a", "b", "c", "d", "e", "f", "g", "h"}], [[0, 1]]),
        ([{"a", "b", "c"}, {"a", "x", "y"}], [[0], [1]]),
        ([set(), set()], [[0], [1]]),
    ],
    ids=["identical", "contained", "different", "empty"],
)
def test_near_groups_groups_near_identical_sets(
    sets: list[set[str]], expected: list[list[int]]
) -> None:
    found = near_groups([frozenset(s) for s in sets], jaccard=0.8, containment=0.9, min_contained=5)
    assert sorted(found) == expected


def test_terms_skip_stop_words_numbers_and_punctuation() -> None:
    assert list(terms_of("The 2 harbour cranes, rusted.")) == [
        "harbour",
        "cranes",
        "harbour cranes",
        "rusted",
    ]


def test_log_odds_z_grows_with_use() -> None:
    background = Counter({f"word{i}": 5 for i in range(40)})
    first = background + Counter({"junta": 30, "blockade": 10})
    second = background + Counter({"government": 30})
    scored = {t.term: t for t in log_odds({"A": first, "B": second})["A"]}
    assert scored["junta"].z > scored["blockade"].z > 1.96
    assert scored["junta"].count == 30 and scored["junta"].others == 0
    assert scored["word1"].z < 1.96


def test_distinctive_terms_finds_an_outlets_word_and_ignores_copies() -> None:
    filler = ["Ferries crossed the bay and traders sold fish near the docks."] * 6
    gazette = [*filler, *["The junta closed the bridge again."] * 12]
    ridge = [*filler, *["The government closed the bridge again."] * 12]
    articles = [
        article("g1", "Gazette"),
        article("r1", "Ridge"),
        article("r2", "Ridge", copy_of="g1"),
    ]
    bundle = make_bundle(articles, {"g1": gazette, "r1": ridge, "r2": gazette})
    terms = distinctive_terms(bundle)
    assert terms["Gazette"][0].term in {"junta", "junta closed"}
    assert {t.term for t in terms["Gazette"]} >= {"junta"}
    ridge_terms = {t.term: t for t in terms["Ridge"]}
    assert "government" in ridge_terms and "junta" not in ridge_terms
    junta = next(t for t in terms["Gazette"] if t.term == "junta")
    assert junta.count == 12 and junta.others == 0  # the copy r2 does not double it


@pytest.fixture
def referents_file(tmp_path: Path) -> Path:
    path = tmp_path / "referents.toml"
    path.write_text(
        """
[[group]]
id = "fighting"
label = "the fighting"
terms = ["special military operation", "military operation", "operation", "military",
         "invasion", "war"]
ignore = ["cold war"]

[[group]]
id = "capital"
label = "the capital"
terms = ["Portvale", "Port Vale"]
""",
        encoding="utf-8",
    )
    return path


def test_referents_count_longest_term_only(referents_file: Path) -> None:
    articles = [article("g1", "Gazette"), article("r1", "Ridge")]
    texts = {
        "g1": ["The Special Military Operation entered its second month in Portvale."],
        "r1": ["The invasion, unlike the cold war, was a war of tanks.", "Portvale was calm."],
    }
    usages = count_referents(make_bundle(articles, texts), load_referents(referents_file))
    assert [u.id for u in usages] == ["fighting"]  # one capital name only: no difference shown
    fighting = usages[0]
    assert dict(fighting.counts["Gazette"]) == {"special military operation": 1}
    assert dict(fighting.counts["Ridge"]) == {"invasion": 1, "war": 1}
    assert "operation" not in fighting.totals and "military" not in fighting.totals


@pytest.mark.parametrize(
    "content",
    ["[[group]]\nid = 'x'\n", "not toml [", "[[group]]\nid = 'x'\nterms = [1, 2]\n"],
    ids=["no-terms", "bad-toml", "bad-terms"],
)
def test_referents_bad_file_raises_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        load_referents(path)


def test_referents_bundled_file_loads() -> None:
    groups = load_referents()
    assert {"russia-ukraine-war", "taiwan", "sanctions", "kyiv"} <= {g.id for g in groups}
    assert all(len(g.terms) >= 2 for g in groups)


@pytest.mark.parametrize(
    ("speaker", "speaker_text", "sentence", "kind"),
    [
        (LUMEN.id, "Lumen News", "", "state_media"),
        (None, "Xinhua", "", "state_media"),
        (None, "state media", "", "state_media"),
        (ARLAND.id, "Arland", "", "official"),
        (None, "officials", "", "official"),
        (None, "a ministry spokesperson", "", "official"),
        (None, "a source familiar with the talks", "", "anonymous"),
        (None, "people familiar with the matter", "", "anonymous"),
        (None, "an official", "", "anonymous"),
        (None, "officials", "Officials, speaking on condition of anonymity, said so.", "anonymous"),
        (None, "analysts", "", "expert"),
        (DOVE.id, "Ada Dove", "", "named"),
        (None, "Corin Pell", "", "named"),
        (None, "Residents", "", "unnamed"),
        (None, "he", "", "unnamed"),
        (None, "", "", "unattributed"),
    ],
)
def test_attribution_classifies_speakers(
    speaker: str | None, speaker_text: str, sentence: str, kind: str
) -> None:
    quote = Quote("q", "a", 0, speaker, speaker_text, "The harbour is open", True, "said")
    actor = ACTORS.get(speaker) if speaker else None
    assert classify_quote(quote, actor, sentence, load_source_lexicon()) == kind


def test_attribution_counts_per_outlet_and_skips_copies() -> None:
    articles = [
        article("g1", "Gazette"),
        article("r1", "Ridge"),
        article("r2", "Ridge", copy_of="g1"),
    ]
    texts = {"g1": ["One.", "Two, a source said."], "r1": ["Three."], "r2": ["One.", "Two."]}
    quotes = (
        Quote("q1", "g1", 0, ARLAND.id, "Arland", "We are ready", True, "said"),
        Quote("q2", "g1", 1, None, "a source", "Talks stalled", False, "said"),
        Quote("q3", "g1", 0, ARLAND.id, "Arland", "We are willing", True, "said"),
        Quote("q4", "r1", 0, None, "Xinhua", "Ties are firm", False, "according to"),
        Quote("q5", "r2", 0, ARLAND.id, "Arland", "We are ready", True, "said"),
    )
    found = attribution_by_outlet(make_bundle(articles, texts, quotes=quotes))
    gazette, ridge = found["Gazette"], found["Ridge"]
    assert gazette.quotes == 3 and gazette.kinds["official"] == 2
    assert gazette.kinds["anonymous"] == 1
    assert (gazette.speakers[0].name, gazette.speakers[0].count) == ("Arland", 2)
    assert ridge.quotes == 1 and ridge.kinds["state_media"] == 1
    assert set(ridge.kinds) == set(SOURCE_KINDS)


def test_compare_to_dict_is_json_serialisable() -> None:
    bundle = harbour_bundle()
    data = json.loads(json.dumps(compare_outlets(bundle).to_dict()))
    assert set(data) == {"outlets", "facts", "terms", "referents", "attribution"}
    assert [o["name"] for o in data["outlets"]] == ["Gazette", "Post", "Ridge"]
    fact = data["facts"][0]
    assert fact["date"] == "2031-05-04" and fact["citation"]["published"] == "2031-05-04"
    assert fact["left_out"] == ["Post"]
    assert set(data["attribution"]["Post"]["kinds"]) == set(SOURCE_KINDS)


def test_compare_empty_bundle_works() -> None:
    comparison = compare_outlets(Bundle(Scope(), {}))
    assert comparison.outlets == () and comparison.facts == ()
    assert comparison.referents == () and dict(comparison.terms) == {}
    assert json.dumps(comparison.to_dict())
