"""Word features beside the sentence embedding: which lower-case words a sentence holds.

A sentence embedding says what a sentence is about; the event type often turns on one verb or
noun ("freed", "airlifted", "expelled") that the embedding blurs among its topic. So the
classifier also reads the sentence's lower-case words as written (names, which start with a
capital, are left out: a country's name must not decide a type), weighted like tf-idf:
``1 + ln(count)`` times the word's idf ``ln((1 + n) / (1 + df)) + 1`` over the ``n`` training
sentences, the row scaled to unit length and then by ``weight`` (how much the words count
against the embedding, whose rows have unit length too). Only words held by at least
``MIN_SENTENCES`` training sentences are kept. Written here rather than taken from
scikit-learn's vectoriser so that a saved model predicts with numpy alone, from a vocabulary
and idf list in its JSON file; the formula is the vectoriser's smoothed, sublinear one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: a word must occur in this many training sentences to be a feature
MIN_SENTENCES = 2
_WORD = re.compile(r"\b[a-z][a-z]+\b")


def words_of(text: str) -> list[str]:
    """The lower-case words of a text as written (capitalised words are left out)."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class WordFeatures:
    """A fitted vocabulary: ``vocabulary[j]`` is column ``j``, with inverse frequency
    ``idf[j]``."""

    vocabulary: tuple[str, ...]
    idf: Any  # float32 (len(vocabulary),)
    weight: float

    def matrix(self, texts: Sequence[str]) -> Any:
        """One float32 row per text: its weighted, unit-length word vector times ``weight``."""
        column = {word: j for j, word in enumerate(self.vocabulary)}
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for i, text in enumerate(texts):
            for word, count in Counter(words_of(text)).items():
                j = column.get(word)
                if j is not None:
                    out[i, j] = (1.0 + math.log(count)) * self.idf[j]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out * np.float32(self.weight)


def fit_words(texts: Sequence[str], weight: float) -> WordFeatures:
    """The vocabulary and idf of training sentences (words in at least MIN_SENTENCES)."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(words_of(text)))
    vocabulary = tuple(sorted(w for w, n in df.items() if n >= MIN_SENTENCES))
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1.0 for w in vocabulary], dtype=np.float32)
    return WordFeatures(vocabulary, idf, weight)
