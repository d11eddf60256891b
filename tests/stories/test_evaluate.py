"""B-cubed scores on hand-computed cases."""

from __future__ import annotations

import pytest

from newslens.stories import bcubed, cluster_counts

GOLD = {"a": 1, "b": 1, "c": 2}


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ({"a": "x", "b": "x", "c": "y"}, (1.0, 1.0, 1.0)),
        # one cluster: precision (2/3 + 2/3 + 1/3) / 3 = 5/9, recall 1
        ({"a": "x", "b": "x", "c": "x"}, (5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1))),
        # singletons: precision 1, recall (1/2 + 1/2 + 1) / 3 = 2/3
        ({"a": "x", "b": "y", "c": "z"}, (1.0, 2 / 3, 0.8)),
        # missing items are singletons; items outside gold are ignored
        ({"z": "x"}, (1.0, 2 / 3, 0.8)),
        ({"a": "x", "c": "x", "z": "x"}, (2 / 3, 2 / 3, 2 / 3)),
    ],
    ids=["perfect", "one-cluster", "singletons", "missing", "partial"],
)
def test_bcubed_hand_computed(
    predicted: dict[str, str], expected: tuple[float, float, float]
) -> None:
    assert bcubed(predicted, GOLD) == pytest.approx(expected)


def test_bcubed_empty_gold_is_perfect() -> None:
    assert bcubed({"a": 1}, {}) == (1.0, 1.0, 1.0)


def test_cluster_counts_over_gold_items() -> None:
    assert cluster_counts({"a": "x", "b": "y", "z": "w"}, GOLD) == (3, 2)
