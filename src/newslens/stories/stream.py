"""The clusterer's input: the stream in chunks, each article with its features and embedding.

Chunks bound the memory of a long stream and batch the sentence-embedding model when it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newslens.records import ArticleText
from newslens.stories.text import Features

Featurised = list[tuple[ArticleText, Features, Any]]


def featurised(
    articles: Iterable[ArticleText],
    features_of: Callable[[ArticleText], Features],
    model: Any,
    size: int,
) -> Iterator[Featurised]:
    """Consecutive chunks of ``size`` articles with their features (and embeddings, or None)."""
    chunk: list[ArticleText] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= max(1, size):
            yield _featurise(chunk, features_of, model)
            chunk = []
    if chunk:
        yield _featurise(chunk, features_of, model)


def _featurise(
    chunk: list[ArticleText], features_of: Callable[[ArticleText], Features], model: Any
) -> Featurised:
    features = [features_of(a) for a in chunk]
    if model is None:
        return [(a, f, None) for a, f in zip(chunk, features, strict=True)]
    from newslens.stories.dense import embed

    vectors = embed(model, chunk)
    return [(a, f, v) for a, f, v in zip(chunk, features, vectors, strict=True)]
