"""The stage contract and the stage registry.

A stage is a small class: ``__init__`` only stores its settings, ``setup()`` loads heavy things,
``__call__(batch)`` returns a :class:`~newslens.records.StageResult` (outputs plus the items it
dropped, each with a reason). The same object runs locally and as a Ray actor, so it must pickle.
One contract test suite (tests/test_stages.py) runs over every registered stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from newslens.records import StageResult
from newslens.registry import Registry


class Stage(Protocol):
    """What every pipeline stage offers."""

    def setup(self) -> None:
        """Load heavy resources (models, registries); called once before the first batch."""
        ...

    def __call__(self, batch: Sequence[Any]) -> StageResult[Any]:
        """Process one batch: outputs, plus what was dropped and why."""
        ...


#: stage classes by name (``stages["clean"]``); plugins add theirs via the entry-point group
stages: Registry[type[Stage]] = Registry("stage", "newslens.stages")
