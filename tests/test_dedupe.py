"""The duplicate stage: copies link to the earliest article of their group, incrementally."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pytest

from newslens.dedupe import Deduper, containment, jaccard, known_signature
from newslens.errors import NewslensError
from newslens.records import ArticleText, DedupeResult, StageResult
from newslens.stages import stages

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Texts written for these tests: a harbour strike, the deal that ended it a week later (same
# actors, different happening), and an unrelated flood.
STRIKE = [
    "Dock workers in Port Alder walked off the job on Monday morning after talks between the "
    "harbour authority and the Seafarers Union broke down over pay and night shifts.",
    "The strike halted the loading of grain ships at the eastern quays, where more than forty "
    "vessels were waiting at anchor by noon, according to the harbour master's office.",
    "Union leader Mara Quint told a crowd outside the customs house that members had been offered "
    "a raise that did not cover the rise in rents across the city since the spring.",
    "The harbour authority said its offer was fair and warned that a long stoppage would push "
    "shipping lines to divert cargo to the rival port of Wexley further down the coast.",
    "Farmers' groups said the timing could hardly be worse, with the autumn harvest filling silos "
    "inland and storage fees climbing every day the grain stays on trucks and trains.",
    "Mayor Tobias Renn urged both sides to return to the table and offered the council chamber as "
    "a neutral venue, adding that the city could not afford a repeat of the dispute of 2019.",
    "Police said the picket lines were peaceful, although traffic on the coastal ring road backed "
    "up for several kilometres as lorries queued at the closed northern gate.",
    "Economists at the regional chamber of commerce estimated that each day of the strike costs "
    "the local economy about two million euros in lost fees, wages and delayed deliveries.",
    "Ferry services to the islands were not affected, the operator said, because its crews belong "
    "to a different union that signed a separate agreement earlier in the year.",
    "Talks are expected to resume on Thursday under a mediator appointed by the labour ministry, "
    "the first time the ministry has intervened in a harbour dispute in a decade.",
]
DEAL = [
    "Dock workers in Port Alder returned to work on Friday after the Seafarers Union and the "
    "harbour authority signed a three-year agreement on pay and night shifts.",
    "The deal, reached after two nights of talks under a mediator from the labour ministry, gives "
    "members a raise in each of the next three years and caps night shifts at four a week.",
    "Mara Quint, the union leader, called the agreement a fair result for families who had "
    "struggled with rising rents, and thanked farmers for their patience during the stoppage.",
    "The harbour authority said the first grain ships would leave the eastern quays by the "
    "weekend and that the queue of vessels at anchor should clear within ten days.",
    "Mayor Tobias Renn, who had offered the council chamber for the talks, said the city had "
    "avoided the kind of long dispute that hurt it in 2019 and praised both negotiating teams.",
    "Shipping lines that had threatened to divert cargo to Wexley said they would keep their "
    "schedules in Port Alder, although one warned that it would review its contracts next year.",
    "Union members will vote on the agreement next month; leaders expect it to pass easily.",
]
FLOOD = [
    "Heavy rain flooded the basement of the Linden city library overnight, soaking thousands of "
    "old newspapers and maps that were waiting to be scanned, the head librarian said on Tuesday.",
    "Volunteers formed a chain on the stairs to carry boxes to the reading rooms upstairs, where "
    "fans and dehumidifiers were set up between the long oak tables.",
    "Conservators from the national archive arrived by afternoon and began freezing the wettest "
    "volumes, a method that stops mould and buys time for careful drying later.",
    "The library will stay closed for at least a week while electricians check the wiring, and "
    "the council said it would review why a pump installed two years ago had failed.",
    "Readers who borrowed books are asked to keep them until the doors reopen; no late fees will "
    "be charged for the period of the closure.",
]
OPINION = [
    "Every harbour dispute in this country follows the same script, and this one is no different.",
    STRIKE[2],
    "What is missing from the debate is any plan for the housing costs that drive these pay "
    "claims in the first place. Until councils build homes that dock workers can afford, each "
    "settlement will only buy a year or two of calm before the next walkout, and farmers, "
    "shippers and travellers will keep paying the price for a problem that nobody in charge "
    "seems willing to name, let alone fix.",
]


def body(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(paragraphs)


def replace_words(text: str, every: int, offset: int = 0) -> str:
    """Replace one word in each ``every`` words (starting at ``offset``), far apart enough that
    each change touches its own five shingles."""
    words = text.split(" ")
    for i in range(offset, len(words), every):
        words[i] = f"changed{i}"
    return " ".join(words)


def article(
    article_id: str,
    seq: int,
    text: str,
    published: dt.date | None = None,
    earliest: dt.date | None = None,
) -> ArticleText:
    return ArticleText(
        id=article_id, seq=seq, body=text, published=published, published_earliest=earliest
    )


def run(batch: Sequence[ArticleText], stage: Deduper | None = None) -> dict[str, DedupeResult]:
    stage = stage or Deduper()
    stage.setup()
    return {result.article_id: result for result in stage(batch).outputs}


def links(results: Iterable[DedupeResult]) -> dict[str, str | None]:
    return {result.article_id: result.duplicate_of for result in results}


ORIGINAL = body(STRIKE)
DAY = dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    "copy",
    [
        pytest.param(ORIGINAL, id="exact"),
        pytest.param(ORIGINAL.upper().replace(",", " ,"), id="case_and_punctuation"),
        pytest.param(
            ORIGINAL.replace("forty", "fifty").replace("Thursday", "Friday").replace("two", "3"),
            id="few_words_changed",
        ),
        pytest.param(
            "PORT ALDER (Reuters) - "
            + ORIGINAL
            + "\n\nReporting by Ana Bell; Editing by Theo Marsh",
            id="wire_credit_added",
        ),
        pytest.param(body(STRIKE[:7] + STRIKE[8:]), id="paragraph_cut"),
        pytest.param(body(STRIKE[:7]), id="first_70_percent"),
        pytest.param(
            "This story first appeared in the Alder Gazette and is republished here with the "
            "permission of its editors.\n\n" + ORIGINAL,
            id="intro_added",
        ),
    ],
)
def test_dedupe_links_copy_to_original(copy: str) -> None:
    results = run([article("orig", 0, ORIGINAL, DAY), article("copy", 1, copy, DAY)])
    assert results["orig"].duplicate_of is None
    assert results["orig"].similarity == 0.0
    assert results["copy"].duplicate_of == "orig"
    assert results["copy"].similarity >= 0.8


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(body(DEAL), id="same_actors_different_happening"),
        pytest.param(body(FLOOD), id="unrelated"),
        pytest.param(body(OPINION), id="quotes_one_paragraph"),
        pytest.param(body(STRIKE[:2]), id="too_short_an_excerpt_to_contain"),
    ],
)
def test_dedupe_keeps_distinct_articles_apart(other: str) -> None:
    results = run([article("orig", 0, ORIGINAL, DAY), article("other", 1, other, DAY)])
    assert links(results.values()) == {"orig": None, "other": None}


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        ("Port Alder strike ends.", "Port Alder strike ends.", True),
        ("Port Alder strike ends.", "PORT ALDER — strike ends!", True),
        ("Port Alder strike ends.", "Port Alder strike ends today.", False),
        ("Port Alder strike ends.", "Port Alder strike ends. " + ORIGINAL, False),
        ("", "", False),
        ("...", "!!!", False),
    ],
)
def test_dedupe_short_texts_link_only_when_equal(first: str, second: str, linked: bool) -> None:
    results = run([article("a", 0, first), article("b", 1, second)])
    assert results["b"].duplicate_of == ("a" if linked else None)
    assert results["a"].duplicate_of is None


@pytest.mark.parametrize(
    ("dates", "original"),
    [
        pytest.param([DAY, DAY], "a", id="same_day_ingest_order"),
        pytest.param([DAY + dt.timedelta(days=2), DAY], "b", id="earlier_date_ingested_later"),
        pytest.param([None, DAY], "b", id="undated_counts_as_latest"),
        pytest.param([DAY, None], "a", id="dated_first"),
        pytest.param([None, None], "a", id="both_undated_ingest_order"),
    ],
)
def test_dedupe_earliest_by_date_wins(dates: list[dt.date | None], original: str) -> None:
    batch = [article("a", 0, ORIGINAL, dates[0]), article("b", 1, ORIGINAL, dates[1])]
    copy = "b" if original == "a" else "a"
    assert links(run(batch).values()) == {original: None, copy: original}


def test_dedupe_uses_published_earliest_when_published_is_missing() -> None:
    batch = [
        article("a", 0, ORIGINAL, DAY),
        article("b", 1, ORIGINAL, None, earliest=DAY - dt.timedelta(days=1)),
    ]
    assert links(run(batch).values()) == {"a": "b", "b": None}


CHAINS = {
    # B holds A and C, which share only four of their seven paragraphs
    "cuts": (body(STRIKE[:7]), ORIGINAL, body(STRIKE[3:])),
    # B holds A and C, which share one paragraph
    "nested": (body(STRIKE[:4]), body(STRIKE[:7]), body(STRIKE[3:7])),
}


@pytest.mark.parametrize("order", list(itertools.permutations("ABC")))
@pytest.mark.parametrize("chain", CHAINS)
def test_dedupe_links_to_the_original_never_to_a_copy(chain: str, order: tuple[str, ...]) -> None:
    stage = Deduper()
    texts = dict(zip("ABC", CHAINS[chain], strict=True))
    signatures = {name: stage.signature(text) for name, text in texts.items()}

    def copies(a: str, b: str) -> bool:
        first, second = signatures[a], signatures[b]
        return jaccard(first, second) >= 0.8 or containment(first, second) >= 0.8

    # the chain only tests something if C is a copy of B but not of A
    assert copies("A", "B") and copies("B", "C") and not copies("A", "C")
    dates = {"A": DAY, "B": DAY + dt.timedelta(days=1), "C": DAY + dt.timedelta(days=2)}
    batch = [article(name, seq, texts[name], dates[name]) for seq, name in enumerate(order)]
    assert links(run(batch).values()) == {"A": None, "B": "A", "C": "A"}


STREAM = [
    article("a1", 0, ORIGINAL, DAY + dt.timedelta(days=1)),
    article("a2", 1, "PORT ALDER (Reuters) - " + ORIGINAL, DAY + dt.timedelta(days=2)),
    article("a3", 2, body(FLOOD)),
    article("a4", 3, body(FLOOD[:4]), DAY + dt.timedelta(days=4)),
    article("a5", 4, body(DEAL), DAY + dt.timedelta(days=8)),
    article("a6", 5, body(STRIKE[:7]), DAY),
    article("a7", 6, "Port Alder strike ends."),
    article("a8", 7, "PORT ALDER STRIKE ENDS"),
    article(
        "a9",
        8,
        replace_words(ORIGINAL, every=75, offset=5),
        None,
        earliest=DAY - dt.timedelta(days=1),
    ),
    article("a10", 9, body(OPINION), DAY + dt.timedelta(days=3)),
]
STREAM_LINKS = {
    "a1": "a9",
    "a2": "a9",
    "a3": "a4",
    "a4": None,
    "a5": None,
    "a6": "a9",
    "a7": None,
    "a8": "a7",
    "a9": None,
    "a10": None,
}


def apply(results: Iterable[DedupeResult], known: dict[str, DedupeResult]) -> None:
    for result in results:
        known[result.article_id] = result


@pytest.mark.parametrize("split", range(len(STREAM) + 1))
def test_dedupe_incremental_gives_the_same_links(split: int) -> None:
    first, second = STREAM[:split], STREAM[split:]
    at_once = run(STREAM)
    assert links(at_once.values()) == STREAM_LINKS

    same_stage = Deduper()
    same_stage.setup()
    stepwise: dict[str, DedupeResult] = {}
    apply(same_stage(first).outputs, stepwise)
    apply(same_stage(second).outputs, stepwise)
    assert stepwise == at_once

    primed = Deduper()
    primed.prime(known_signature(a, stepwise[a.id]) for a in first)
    restarted = {a.id: stepwise[a.id] for a in first}
    apply(primed(second).outputs, restarted)
    assert restarted == at_once

    before = Deduper()
    before(first)
    pickled: Deduper = pickle.loads(pickle.dumps(before))
    travelled = {a.id: stepwise[a.id] for a in first}
    apply(pickled(second).outputs, travelled)
    assert travelled == at_once


@pytest.mark.parametrize("prime", [False, True], ids=["same_stage", "primed_stage"])
def test_dedupe_relinks_group_when_earlier_original_arrives(prime: bool) -> None:
    old = [
        article("copy1", 0, ORIGINAL, DAY + dt.timedelta(days=3)),
        article("old_original", 1, body(STRIKE[:7]), DAY + dt.timedelta(days=1)),
        article("copy2", 2, ORIGINAL + " Editing by Theo Marsh", DAY + dt.timedelta(days=2)),
        article("flood", 3, body(FLOOD), DAY),
    ]
    stage = Deduper()
    stage.setup()
    before = stage(old).outputs
    assert links(before) == {
        "copy1": "old_original",
        "old_original": None,
        "copy2": "old_original",
        "flood": None,
    }
    if prime:
        results = dict(zip([a.id for a in old], before, strict=True))
        stage = Deduper()
        stage.prime(known_signature(a, results[a.id]) for a in old)
    after = stage([article("earliest", 4, ORIGINAL, DAY - dt.timedelta(days=5))]).outputs
    # the new article first, then every relinked one in date order; the flood is untouched
    assert [(r.article_id, r.duplicate_of) for r in after] == [
        ("earliest", None),
        ("old_original", "earliest"),
        ("copy2", "earliest"),
        ("copy1", "earliest"),
    ]
    assert after[3].signature == before[0].signature


def test_dedupe_is_deterministic() -> None:
    first, second = Deduper(), Deduper()
    assert first(STREAM) == second(STREAM)
    # the same batch again: the same answers, nothing relinked
    assert first(STREAM) == second(list(STREAM))
    assert Deduper().signature(ORIGINAL) == Deduper().signature(ORIGINAL)


@pytest.mark.parametrize("state", ["fresh", "set_up", "after_a_batch"])
def test_dedupe_pickles(state: str) -> None:
    stage = Deduper(threshold=0.85)
    if state != "fresh":
        stage.setup()
    if state == "after_a_batch":
        stage(STREAM[:5])
    clone: Deduper = pickle.loads(pickle.dumps(stage))
    assert clone.threshold == 0.85
    assert clone(STREAM[5:]) == stage(STREAM[5:])


def test_dedupe_empty_batch_gives_empty_result() -> None:
    stage = Deduper()
    assert stage([]) == StageResult(())
    stage.setup()
    assert stage([]) == StageResult(())
    assert stages["dedupe"] is Deduper


def test_dedupe_signature_layout_and_estimates() -> None:
    stage = Deduper()
    signature = stage.signature(ORIGINAL)
    assert len(signature) == 128 * 8 + 16
    assert np.frombuffer(signature, "<u8", count=128).max() < 2**32
    assert jaccard(signature, signature) == 1.0
    assert containment(signature, stage.signature(body(STRIKE[:5]))) > 0.9
    assert jaccard(signature, stage.signature(body(DEAL))) < 0.2
    with pytest.raises(NewslensError, match="num_perm"):
        jaccard(signature, Deduper(num_perm=64).signature(ORIGINAL))
    with pytest.raises(NewslensError, match="bytes"):
        jaccard(signature, b"\x00" * 7)


def test_dedupe_prime_refuses_other_settings() -> None:
    small = Deduper(num_perm=64)
    result = small([article("a", 0, ORIGINAL)]).outputs[0]
    with pytest.raises(NewslensError, match="num_perm"):
        Deduper().prime([known_signature(article("a", 0, ORIGINAL), result)])


def read_corpus(folder: Path) -> list[tuple[ArticleText, str]]:
    csv.field_size_limit(2**31 - 1)
    rows: list[tuple[ArticleText, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for i, row in enumerate(csv.DictReader(handle)):
                try:
                    published: dt.date | None = dt.date.fromisoformat((row["Date"] or "")[:10])
                except ValueError:
                    published = None
                text = ArticleText(
                    f"{path.stem}#{i}",
                    len(rows),
                    row["Text"] or "",
                    row["Title"],
                    path.stem,
                    published=published,
                )
                rows.append((text, row["URL"]))
    return rows


@pytest.mark.shared
def test_dedupe_news_2022_corpus() -> None:
    folder = SHARED / "corpora" / "news-2022"
    if not folder.is_dir():
        pytest.skip(f"needs the shared news-2022 corpus at {folder}, which is absent here")
    articles = [a for a, _ in read_corpus(folder)]
    assert len(articles) > 3000
    stage = Deduper()
    stage.setup()
    results = stage(articles).outputs
    assert [r.article_id for r in results] == [a.id for a in articles]
    copies = [r for r in results if r.duplicate_of is not None]
    # a handful of republished pieces, not a topic-wide collapse
    assert 1 <= len(copies) < 0.02 * len(articles)
    group = {r.article_id: r.duplicate_of or r.article_id for r in results}
    values = np.stack([np.frombuffer(r.signature, "<u8", count=128) for r in results])
    for i in range(len(values)):
        similar = np.nonzero((values[i + 1 :] == values[i]).mean(axis=1) >= 0.8)[0] + i + 1
        for j in similar:
            # short bodies link only when equal; everything else at Jaccard >= 0.8 is linked
            if min(len(articles[i].body.split()), len(articles[j].body.split())) >= 20:
                assert group[results[i].article_id] == group[results[j].article_id]


@pytest.mark.parametrize(
    ("wire_date", "expected_original"),
    [
        (None, "wire"),  # the wire's own text, undated, is the source of the dated reprint
        (DAY, "wire"),  # same day: the source wins the tie
        (DAY + dt.timedelta(days=2), "reprint"),  # a later-dated "source" cannot be the original
    ],
)
def test_dedupe_republisher_links_to_the_outlet_it_names(
    wire_date: dt.date | None, expected_original: str
) -> None:
    reprint = ArticleText(
        id="reprint",
        seq=1,
        body=ORIGINAL,
        outlet="Global Ledger",
        original_outlet="CPA",
        published=DAY,
    )
    wire = ArticleText(id="wire", seq=2, body=ORIGINAL, outlet="CPA", published=wire_date)
    found = links(run([reprint, wire]).values())
    copy = "reprint" if expected_original == "wire" else "wire"
    assert found[expected_original] is None
    assert found[copy] == expected_original
