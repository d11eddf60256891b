"""The article-extraction benchmark's shingle metric, so our figures compare with published ones.

The metric follows the scoring rules of the Zyte (Scrapinghub) article-extraction-benchmark:

* a text is split into tokens with the regular expression ``\\w+`` (Unicode, case kept);
* a document's shingles are its runs of four consecutive tokens, counted as a multiset; a text
  with fewer than four tokens has one shingle holding all of its tokens, an empty text none;
* per document, true positives are the shared shingle counts, false positives the predicted
  surplus and false negatives the gold surplus; the three are divided by their sum so that long
  documents weigh no more than short ones;
* precision is averaged over documents whose prediction has shingles, recall over documents
  whose gold text has shingles (an empty prediction therefore costs recall, not precision);
* F1 is the harmonic mean of mean precision and mean recall.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class ShingleCounts:
    """Normalised true positive, false positive and false negative shares of one document."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        """Share of predicted shingles that are in the gold text (1.0 when both are empty)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold shingles found in the prediction (1.0 when both are empty)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True)
class ExtractionScore:
    """Corpus-level scores: mean precision, mean recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float
    documents: int


def tokenize(text: str) -> list[str]:
    """Split ``text`` into the benchmark's word tokens."""
    return _WORD.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Count the runs of ``size`` consecutive tokens in ``text`` (short texts give one run)."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def compare_texts(gold: str, predicted: str, size: int = SHINGLE_SIZE) -> ShingleCounts:
    """Score one prediction against its gold text, with counts normalised to sum to one."""
    gold_counts = shingles(gold, size)
    pred_counts = shingles(predicted, size)
    tp = sum((gold_counts & pred_counts).values())
    fp = sum((pred_counts - gold_counts).values())
    fn = sum((gold_counts - pred_counts).values())
    total = tp + fp + fn
    if total == 0:
        return ShingleCounts(0.0, 0.0, 0.0)
    return ShingleCounts(tp / total, fp / total, fn / total)


def aggregate(counts: Iterable[ShingleCounts]) -> ExtractionScore:
    """Combine per-document counts into the benchmark's corpus precision, recall and F1."""
    items = list(counts)
    precisions = [c.precision for c in items if c.tp + c.fp > 0]
    recalls = [c.recall for c in items if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return ExtractionScore(precision, recall, f1, len(items))


def score_corpus(pairs: Iterable[tuple[str, str]]) -> ExtractionScore:
    """Score ``(gold, predicted)`` pairs the way the article-extraction benchmark does."""
    return aggregate(compare_texts(gold, predicted) for gold, predicted in pairs)
