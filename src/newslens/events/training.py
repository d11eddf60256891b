"""Train the event classifier from label files: embed, fit, save (``newslens train events``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newslens.events.classifier import (
    DEFAULT_C,
    WORD_WEIGHT,
    EventModel,
    bundled_labels,
    read_labels,
    save_model,
    train,
)
from newslens.events.embedders import embedders


def train_event_model(
    labels: Sequence[Path] | None,
    out: Path,
    embedder: str = "minilm",
    c: float = DEFAULT_C,
    word_weight: float = WORD_WEIGHT,
) -> EventModel:
    """Train on ``labels`` (None: the bundled label files) and write the model to ``out``;
    ``word_weight`` 0 fits on the embeddings alone."""
    items = read_labels(labels or bundled_labels())
    vectors = embedders[embedder]().embed([item.text for item in items])
    model = train(items, vectors, embedder, c, word_weight)
    save_model(model, out)
    return model
