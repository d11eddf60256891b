"""B-cubed scores of a clustering against gold labels (Bagga and Baldwin 1998)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def _predicted_over_gold(
    predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]
) -> dict[K, Hashable]:
    # Items missing from the prediction are singletons: a cluster no other item shares.
    return {item: predicted.get(item, ("\0missing", item)) for item in gold}


def bcubed(
    predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` (item -> cluster) over ``gold``'s items.

    Only gold items count; predicted clusters are restricted to them. Items absent from
    ``predicted`` count as singletons. An empty gold set scores (1.0, 1.0, 1.0).
    """
    if not gold:
        return 1.0, 1.0, 1.0
    pred = _predicted_over_gold(predicted, gold)
    both = Counter((pred[item], gold[item]) for item in gold)
    pred_sizes = Counter(pred.values())
    gold_sizes = Counter(gold.values())
    precision = recall = 0.0
    for (cluster, label), shared in both.items():
        # each of the `shared` items has `shared` correct partners (itself included)
        precision += shared * shared / pred_sizes[cluster]
        recall += shared * shared / gold_sizes[label]
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cluster_counts(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> tuple[int, int]:
    """The number of predicted clusters and of gold clusters, over the items in ``gold``."""
    pred = _predicted_over_gold(predicted, gold)
    return len(set(pred.values())), len(set(gold.values()))
