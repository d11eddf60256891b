"""Distinctive wording per outlet: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5. For a term ``w``, outlet ``i`` and
all other outlets together ``j``::

    delta = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
    var  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z     = delta / sqrt(var)

``y`` are term counts, ``n`` the outlet's (or the others') total term count. The prior is the
whole bundle's own counts scaled down: ``a_w = a0 * y_w / n`` with ``a0 = prior_weight * n``
(default 0.1, so the prior weighs a tenth of the bundle). It shrinks rare terms towards zero, so a
word one outlet used once is not "distinctive", while a word used often by one outlet and rarely
by the others is.

Terms are lowercased words and bigrams of adjacent words: English stop words (scikit-learn's
list, the one the TF-IDF measures of the analyses use), words with digits, one-letter words and
punctuation are skipped and break a bigram. Only original articles count: a wire copy repeats its
original's words and would double them for whoever is syndicated most.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newslens.analysis.bundle import Bundle

__all__ = [
    "DEFAULT_PRIOR_WEIGHT",
    "SIGNIFICANT_Z",
    "DistinctiveTerm",
    "distinctive_terms",
    "log_odds",
    "original_texts",
    "terms_of",
    "words_of",
]

DEFAULT_PRIOR_WEIGHT = 0.1
SIGNIFICANT_Z = 1.96  # two-sided p < 0.05
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class DistinctiveTerm:
    """A term one outlet uses more than the others: its z-score, log-odds and counts."""

    term: str
    z: float
    delta: float
    count: int  # uses by this outlet
    others: int  # uses by all other outlets together


def words_of(text: str) -> list[str]:
    """The lowercased words of ``text`` (possessive 's dropped), punctuation left out."""
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token[0].isalnum():
            words.append(_POSSESSIVE.sub("", token.lower()))
    return words


def _content(token: str) -> bool:
    return len(token) > 1 and token.replace("-", "").replace("'", "").replace("’", "").isalpha()


def terms_of(text: str) -> Iterator[str]:
    """The words and bigrams of ``text`` that count as terms (see the module docstring)."""
    previous: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        word = _POSSESSIVE.sub("", token.lower()) if token[0].isalnum() else ""
        if not word or word in STOP_WORDS or not _content(word):
            previous = None
            continue
        yield word
        if previous is not None:
            yield f"{previous} {word}"
        previous = word


def original_texts(bundle: Bundle) -> dict[str, list[str]]:
    """Each outlet's sentences from its original articles (copies left out), in article order."""
    texts: dict[str, list[str]] = {}
    for article in bundle.originals():
        sentences = bundle.sentences.get(article.id, ())
        texts.setdefault(article.voice, []).extend(s.text for s in sentences)
    return texts


def log_odds(
    counts: Mapping[str, Counter[str]], *, prior_weight: float = DEFAULT_PRIOR_WEIGHT
) -> dict[str, list[DistinctiveTerm]]:
    """Every term each outlet used, scored against all the other outlets, highest z first.

    ``counts`` maps an outlet to its term counts. With fewer than two outlets that used any term
    there is nothing to compare and every list is empty.
    """
    totals: Counter[str] = Counter()
    for outlet_counts in counts.values():
        totals.update(outlet_counts)
    n = sum(totals.values())
    scored: dict[str, list[DistinctiveTerm]] = {outlet: [] for outlet in counts}
    if sum(1 for c in counts.values() if c) < 2 or n == 0:
        return scored
    a0 = prior_weight * n
    for outlet, outlet_counts in counts.items():
        n_i = sum(outlet_counts.values())
        n_j = n - n_i
        found = []
        for term, y_i in outlet_counts.items():
            y_j = totals[term] - y_i
            a_w = a0 * totals[term] / n
            delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log(
                (y_j + a_w) / (n_j + a0 - y_j - a_w)
            )
            z = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
            found.append(DistinctiveTerm(term, z, delta, y_i, y_j))
        found.sort(key=lambda t: (-t.z, t.term))
        scored[outlet] = found
    return scored


def distinctive_terms(
    bundle: Bundle,
    *,
    top: int = 12,
    min_z: float = SIGNIFICANT_Z,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> dict[str, tuple[DistinctiveTerm, ...]]:
    """Each outlet's most distinctive terms: at most ``top``, each with ``z > min_z``.

    Both limits apply: the terms are the top ``top`` by z among those above ``min_z`` (1.96, two-
    sided p < 0.05), so an outlet that words things like everyone else gets few or none.
    """
    counts = {
        outlet: Counter(term for text in texts for term in terms_of(text))
        for outlet, texts in original_texts(bundle).items()
    }
    scored = log_odds(counts, prior_weight=prior_weight)
    return {
        outlet: tuple(t for t in terms if t.z > min_z)[:top]
        for outlet, terms in sorted(scored.items())
    }
