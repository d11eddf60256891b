"""One contract suite over every registered stage (DESIGN.md, House style)."""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from typing import Any

import pytest

import newslens.clean  # noqa: F401  (registers the stage)
from newslens.records import RawDocument, StageResult
from newslens.stages import stages

#: a small batch each stage accepts, by stage name
SAMPLES: dict[str, Sequence[Any]] = {
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
    assert {"clean"} <= set(stages.names())


@pytest.mark.parametrize("name", stages.names())
def test_stage_init_is_light_and_pickles(name: str) -> None:
    started = time.perf_counter()
    stage = stages[name]()
    # __init__ only stores settings: heavy loading belongs in setup()
    assert time.perf_counter() - started < 0.5
    pickle.loads(pickle.dumps(stage))
    stage.setup()
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
    assert first(SAMPLES[name]) == second(SAMPLES[name])
    assert first(SAMPLES[name]) == first(list(SAMPLES[name]))
