"""One contract suite over every registered stage (DESIGN.md, House style)."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Sequence
from typing import Any

import pytest

import newslens.clean
import newslens.dedupe
import newslens.events
import newslens.nlp
import newslens.stories
from newslens.records import ArticleText, EventInput, RawDocument, StageResult
from newslens.stages import stages

FERRY = (
    "Ferry crews in Port Calder returned to work on Monday after a two-week strike ended, the "
    "union said. Management said the first crossings to Velmar would leave on schedule and that "
    "the harbour authority had cleared every berth for the morning departures."
)
TEXTS = [
    ArticleText(
        "a1",
        1,
        FERRY,
        title="Ferry strike ends",
        outlet="Meridian Post",
        published=dt.date(2025, 3, 3),
    ),
    ArticleText(
        "a2",
        2,
        FERRY + " Crews cheered.",
        title="Ferry strike ends",
        outlet="CPA",
        published=dt.date(2025, 3, 4),
    ),
    ArticleText(
        "a3",
        3,
        "The central bank of Norvadia raised its main interest rate by half a "
        "point on Thursday to fight inflation, its third rise this year.",
        title="Bank raises rates",
        outlet="Global Ledger",
        published=dt.date(2025, 3, 6),
    ),
]


def event_inputs() -> list[EventInput]:
    """The texts as the event stage reads them: with their language analysis."""
    stage = newslens.nlp.LanguageStage()
    stage.setup()
    return [EventInput(t, a) for t, a in zip(TEXTS, stage(TEXTS).outputs, strict=True)]


#: a small batch each stage accepts, by stage name (a callable builds it when it needs models)
SAMPLES: dict[str, Sequence[Any] | Callable[[], Sequence[Any]]] = {
    "events": event_inputs,
    "dedupe": TEXTS,
    "nlp": TEXTS,
    "stories": TEXTS,
    "clean": [
        RawDocument(
            "a.txt",
            "Harbour talks resume\n\nNegotiators met on Monday and agreed to reopen the harbour.",
        ),
        RawDocument("b.txt", "ADVERTISEMENT\n\n"),
        RawDocument(
            "c.html",
            "<html><head><title>Bridge opens</title></head><body><article><p>The new bridge "
            "opened to traffic on Friday after three years of work, the city said.</p>"
            "</article></body></html>",
            content_type="html",
            input_format="html",
        ),
    ],
}


def test_stages_registered_names_stay() -> None:
    assert {"clean", "dedupe", "events", "nlp", "stories"} <= set(stages.names())


@pytest.mark.parametrize("name", stages.names())
def test_stage_init_is_light_and_pickles(name: str) -> None:
    stage = stages[name]()
    # __init__ only stores settings: a loaded model, gazetteer or index would weigh megabytes
    assert len(pickle.dumps(stage)) < 4096
    pickle.loads(pickle.dumps(stage))
    stage.setup()
    # what setup() loads is dropped when the stage is shipped (to a Ray actor) and reloaded there
    assert len(pickle.dumps(stage)) < 65536
    clone = pickle.loads(pickle.dumps(stage))
    clone.setup()


@pytest.mark.parametrize("name", stages.names())
def test_stage_empty_batch_gives_empty_result(name: str) -> None:
    stage = stages[name]()
    stage.setup()
    result = stage([])
    assert isinstance(result, StageResult)
    assert result.outputs == () and result.dropped == ()


@pytest.mark.parametrize("name", stages.names())
def test_stage_is_deterministic(name: str) -> None:
    assert name in SAMPLES, f"add a sample batch for stage {name!r} to SAMPLES"
    first, second = stages[name](), stages[name]()
    first.setup()
    second.setup()
    sample = SAMPLES[name]
    batch = sample() if callable(sample) else sample
    assert first(batch) == second(batch)
    assert first(batch) == first(list(batch))
