"""The coder's reference index on sentences written for these tests: expletives, "the latter",
"its" in its own phrase, group nouns by office, blocs, regions and national branches."""

# ruff: noqa: E501  (the cases are whole sentences)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newslens.events.coder_coref import DEFINITE_BODIES, reference_index, resolve_references
from newslens.events.quotes import extract_quotes, load_quote_cues
from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer

SRC = Path(__file__).resolve().parents[2] / "src" / "newslens"


@pytest.fixture(scope="module")
def nlp(spacy_nlp: Any) -> Any:
    return spacy_nlp


def refs(nlp: Any, text: str, words: str, nth: int = 0) -> set[str]:
    """The actors the index gives the tokens of the ``nth`` occurrence of ``words``."""
    doc = nlp(text)
    mentions, actors = resolve_actors("a1", doc, load_gazetteer())
    index = reference_index(doc, mentions, actors)
    at = -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    span = doc.char_span(at, at + len(words), alignment_mode="expand")
    return {a for tok in span for a in index.get(tok.i, ())}


CASES = [
    # (text, words, occurrence, expected actors)
    (
        "Norvadia and Kestria signed a treaty on Monday. It was the first such deal in a decade.",
        "It",
        0,
        set(),
    ),
    ("Kestria rejected the proposal. It is unclear whether talks will resume.", "It", 0, set()),
    ("Kestria held talks with Norvadia. It was agreed to reopen the border.", "It", 0, set()),
    ("Kestria rejected the proposal. It said the terms were unfair.", "It", 0, {"state:XKS"}),
    (
        "Joe Biden met Olaf Scholz in Berlin a week after the latter had closed the border.",
        "the latter",
        0,
        {"person:olaf-scholz"},
    ),
    (
        "Joe Biden met Olaf Scholz in Berlin a week after the former had closed the border.",
        "the former",
        0,
        {"person:joe-biden"},
    ),
    (
        "The sanctions were imposed by the United States and its allies in March.",
        "its",
        0,
        {"state:USA"},
    ),
    ("Norvadia praised Kestria for its restraint during the standoff.", "its", 0, {"state:XKS"}),
    (
        "Foreign Minister Halina Strand met Kestrian President Anselm Varga and Foreign Minister Ilona Berat. The two ministers agreed to meet again.",
        "The two ministers",
        0,
        {"person:halina-strand", "person:ilona-berat"},
    ),
    (
        "Kestrian President Anselm Varga said his government would not back down.",
        "his government",
        0,
        {"state:XKS"},
    ),
    (
        "Tensions between Moscow and the West have risen since the invasion.",
        "West",
        0,
        {"bloc:west"},
    ),
    ("Western governments imposed new sanctions on Russia.", "Western", 0, {"bloc:west"}),
    ("China called on the west to drop its sanctions.", "west", 0, {"bloc:west"}),
    ("Beijing helped Moscow evade western sanctions.", "western", 0, {"bloc:west"}),
    ("Fighting flared in the west of the country.", "west", 0, set()),
    ("Shells fell on towns in western Ukraine.", "western", 0, set()),
    (
        "In their February call, Xi Jinping informed Vladimir Putin of the plan.",
        "their",
        0,
        {"person:xi-jinping", "person:vladimir-putin"},
    ),
    (
        "Vladimir Putin met Xi Jinping in Beijing, and the two signed a joint statement.",
        "the two",
        0,
        {"person:xi-jinping", "person:vladimir-putin"},
    ),
    (
        "Sergei Lavrov and Wang Yi met in Anhui. Both sides are determined to deepen ties.",
        "Both sides",
        0,
        {"state:RUS", "state:CHN"},
    ),
    ("Settlers in the West Bank protested on Friday.", "West", 0, set()),
    ("The film was popular with Western audiences.", "Western", 0, set()),
    (
        "Russia recognised the breakaway regions of Donetsk and Luhansk.",
        "Luhansk",
        0,
        {"region:luhansk"},
    ),
    ("The Norvadian Red Cross sent food to the valley.", "Red Cross", 0, {"org:xnv-red-cross"}),
    ("The International Red Cross sent food to the valley.", "Red Cross", 0, {"org:icrc"}),
    (
        "Kestria denied the report, the Washington Post said.",
        "Washington Post",
        0,
        {"org:washington-post"},
    ),  # a bare "the ministry" is the one ministry named just before; two: none
    (
        "The Kestrian defence ministry reported shelling. The ministry accused Talvane of lying.",
        "ministry",
        1,
        {"org:xks-defense-ministry"},
    ),
    (
        "The Kestrian and Talvanian defence ministries met. The ministry accused Talvane.",
        "ministry",
        0,
        set(),
    ),
    (
        "Kestrian forces and the Norvadian army clashed. The army said it held the town.",
        "army",
        1,
        set(),
    ),
]


@pytest.mark.parametrize(("text", "words", "nth", "expected"), CASES)
def test_reference_index_resolves(
    nlp: Any, text: str, words: str, nth: int, expected: set[str]
) -> None:
    assert refs(nlp, text, words, nth) == expected


def test_every_resolution_keeps_the_mentions_it_goes_back_to(nlp: Any) -> None:
    text = (
        "Foreign Minister Dario Lenz met Kestrian President Anselm Varga in Port Seren. "
        "He praised his country's restraint. The two men agreed to meet again."
    )
    doc = nlp(text)
    mentions, actors = resolve_actors("a1", doc, load_gazetteer())
    index, references = resolve_references(doc, mentions, actors)
    assert index == reference_index(doc, mentions, actors)
    found = {(r.text, r.how): r for r in references}
    he = found[("He", "pronoun")]
    assert he.sentence_index == 1 and text[he.start : he.end] == "He"
    assert [m.text for m in he.antecedents] == ["Foreign Minister Dario Lenz"]
    assert he.actor_ids == (he.antecedents[0].actor_id,)
    pair = found[("The two men", "group")]
    assert {m.actor_id for m in pair.antecedents} == set(pair.actor_ids)
    assert len(pair.actor_ids) == 2 and all(m.sentence_index == 0 for m in pair.antecedents)
    # every token the index settled beyond the named mentions is one reference's span
    named = {t.i for m in mentions for t in doc.char_span(m.start, m.end, alignment_mode="expand")}
    spans = {t.i for r in references for t in doc.char_span(r.start, r.end)}
    assert set(index) - named <= spans


def quotes(nlp: Any, text: str) -> list[Any]:
    doc = nlp(text)
    mentions, _ = resolve_actors("a1", doc, load_gazetteer())
    return extract_quotes("a1", doc, mentions, load_quote_cues())


def test_speech_acts_are_indirect_quotes(nlp: Any) -> None:
    found = quotes(nlp, "Kestrian President Anselm Varga urged Norvadia to lift the sanctions.")
    assert [(q.speaker, q.text, q.direct, q.cue) for q in found] == [
        ("person:anselm-varga", "Norvadia to lift the sanctions", False, "urged")
    ]
    found = quotes(nlp, "Norvadia accused Kestria of moving troops to the border.")
    assert [(q.speaker, q.text) for q in found] == [
        ("state:XNV", "Kestria of moving troops to the border")
    ]


def test_speech_acts_without_content_or_inside_a_report_are_not_quotes(nlp: Any) -> None:
    assert quotes(nlp, "Norvadia urged restraint.") == []
    assert quotes(nlp, "Norvadia called an emergency meeting.") == []  # convened, named nothing
    found = quotes(
        nlp,
        "Norvadia said on Tuesday that it would lift sanctions after the leaders pledged to end the crisis.",
    )
    assert [q.cue for q in found] == ["said"]


def test_judgments_and_namings_report_what_was_said_of_their_object(nlp: Any) -> None:
    found = quotes(nlp, "Norvadia called the talks useful.")
    assert [(q.speaker, q.text, q.cue) for q in found] == [
        ("state:XNV", "the talks useful", "called")
    ]
    found = quotes(nlp, "Kestria's government blasted the tariffs imposed on its farmers.")
    assert [q.text for q in found] == ["the tariffs imposed on its farmers"]
    found = quotes(nlp, "Norvadia hailed the new trade pact amid rising tensions in the region.")
    assert [q.text for q in found] == ["the new trade pact"]  # not the circumstance
    found = quotes(nlp, "Norvadia criticised Kestria for its attack on the port.")
    assert [q.text for q in found] == ["Kestria for its attack on the port"]
    found = quotes(nlp, "Norvadia described the blockade as an act of war.")
    assert [q.text for q in found] == ["the blockade as an act of war"]
    assert quotes(nlp, "Norvadia praised.") == []
    assert quotes(nlp, "The anger expressed itself in strikes.") == []
    assert quotes(nlp, "Norvadia has refused to criticise Kestria over the war.") == []
    assert quotes(nlp, "Norvadia did not condemn the strikes.") == []
    assert quotes(nlp, "Tarsin gave Norvadia a chance to condemn the strikes.") == []
    found = quotes(nlp, "Tarsin asked whether Norvadia should denounce the strikes.")
    assert [q.cue for q in found] == ["asked"]  # the question, not a denunciation
    found = quotes(nlp, "Kestria, which calls the islands the Northern Reach, rejected the plan.")
    assert [(q.speaker, q.text) for q in found] == [("state:XKS", "the islands the Northern Reach")]
    assert quotes(nlp, "Tarsin joined Kestria in voicing criticism of the plan.") == []


def test_claim_nouns_state_their_clause_for_their_owner_or_nobody(nlp: Any) -> None:
    found = quotes(nlp, "The envoy dismissed Norvadia's claims that the border was closed.")
    assert [(q.speaker, q.text) for q in found] == [("state:XNV", "the border was closed")]
    found = quotes(nlp, "The minister responded to reports that Kestria had moved troops.")
    assert [(q.speaker, q.text) for q in found] == [(None, "Kestria had moved troops")]
    found = quotes(nlp, "Tarsin backed a suggestion by Kestria that the talks move to Dorun.")
    assert [(q.speaker, q.text) for q in found] == [("state:XKS", "the talks move to Dorun")]
    found = quotes(
        nlp, "The minister backed a suggestion by the secretary-general that the talks resume."
    )
    assert [(q.speaker, q.speaker_text) for q in found] == [(None, "the secretary-general")]
    found = quotes(nlp, "The minister denied the president's insistence that the vote was fair.")
    assert [(q.speaker, q.speaker_text) for q in found] == [(None, "the president")]


def test_an_inverted_cue_without_a_comma_reports_the_clause_before_it(nlp: Any) -> None:
    found = quotes(
        nlp, "The envoy will visit Tarsin and Kestria announced Norvadia's spokesman Ilan Varo."
    )
    assert [(q.text, q.cue) for q in found] == [
        ("The envoy will visit Tarsin and Kestria", "announced")
    ]
    assert quotes(nlp, "The envoy visited Tarsin and announced new aid.") == []


def test_a_parenthetical_cue_reports_the_clause_around_it(nlp: Any) -> None:
    found = quotes(nlp, "The talks, Norvadia insisted, were going well.")
    assert [(q.speaker, q.text, q.cue) for q in found] == [
        ("state:XNV", "The talks were going well", "insisted")
    ]


def test_every_definite_body_names_organisations_the_gazetteer_makes() -> None:
    """ "the ministry" -> ids ending "-...ministry": each fragment must match a body of
    bodies.tsv, or the resolution silently finds nothing when a suffix is renamed."""
    suffixes = {
        f"-{row.split(chr(9))[2]}"
        for row in (SRC / "data/gazetteer/bodies.tsv").read_text(encoding="utf-8").splitlines()
        if row and not row.startswith("#") and row.split(chr(9))[1] == "org"
    }
    for word, fragment in DEFINITE_BODIES.items():
        assert any(fragment in suffix for suffix in suffixes), (word, fragment)
