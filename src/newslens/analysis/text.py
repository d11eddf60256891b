"""Text measures the analyses share: TF-IDF centrality."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def centrality(texts: Sequence[str], corpus: Sequence[str]) -> list[float]:
    """Each text's cosine similarity to the centroid of ``corpus`` (0 when there is no text).

    The vocabulary and IDF come from ``corpus`` plus ``texts``, so a text that shares the
    bundle's central vocabulary scores near 1 and an aside scores near 0.
    """
    if not texts:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        vectorizer.fit([*corpus, *texts])
    except ValueError:  # nothing but stop words
        return [0.0] * len(texts)
    base = vectorizer.transform(list(corpus) or list(texts))
    centroid = np.asarray(base.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return [0.0] * len(texts)
    scores = vectorizer.transform(list(texts)) @ (centroid / norm)
    return [round(float(x), 6) for x in np.asarray(scores).ravel()]
