"""`newslens eval`: quality of what a store holds, measured against gold labels."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newslens.errors import InputError
from newslens.store import Store


@dataclass(frozen=True)
class ClusteringScores:
    """B-cubed scores of the stories over the labelled articles found in the store."""

    precision: float
    recall: float
    f1: float
    labelled: int
    found: int
    predicted_clusters: int
    gold_clusters: int
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "labelled": self.labelled,
            "found": self.found,
            "predicted_clusters": self.predicted_clusters,
            "gold_clusters": self.gold_clusters,
            "missing": list(self.missing),
        }


def read_gold(path: Path) -> tuple[str, dict[str, str]]:
    """The key kind (``url`` or ``source_path``) and key -> label of a gold JSONL file.

    Every line needs a ``label`` and the same kind of key: ``url`` when every line has one, else
    ``source_path`` when every line has one.
    """
    if not path.exists():
        raise InputError(f"gold file {path} does not exist; give a JSONL file of url -> label")
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or "label" not in row:
                    raise ValueError("no label")
            except ValueError as exc:
                raise InputError(
                    f"{path}, line {number}: not a gold label ({exc}); each line must be "
                    f'{{"url": ..., "label": ...}} or {{"source_path": ..., "label": ...}}'
                ) from None
            rows.append(row)
    if not rows:
        raise InputError(f"gold file {path} has no labels")
    for kind in ("url", "source_path"):
        if all(row.get(kind) for row in rows):
            return kind, {str(row[kind]): str(row["label"]) for row in rows}
    raise InputError(
        f"{path}: every line needs the same key, url or source_path; some lines have neither"
    )


def evaluate_clustering(store: Store, gold_path: Path) -> ClusteringScores:
    """Score the store's stories against the gold labels (articles not in the store are listed)."""
    from newslens.stories import bcubed

    kind, gold = read_gold(gold_path)
    found = store.story_of_articles(sorted(gold), by=kind)
    if kind == "source_path" and len(found) < len(gold):
        # a gold file may name paths relative to another folder: match on the path's end
        found.update(_match_path_suffixes(store, gold, found))
    present = {key: label for key, label in gold.items() if key in found}
    if not present:
        raise InputError(
            f"none of the {len(gold)} labelled articles in {gold_path} is in {store.url}; "
            f"ingest the labelled corpus first"
        )
    # an article in no story counts as a story of its own
    predicted = {key: found[key] or f"unclustered:{key}" for key in present}
    precision, recall, f1 = bcubed(predicted, present)
    return ClusteringScores(
        precision,
        recall,
        f1,
        labelled=len(gold),
        found=len(present),
        predicted_clusters=len(set(predicted.values())),
        gold_clusters=len(set(present.values())),
        missing=tuple(sorted(set(gold) - set(present))),
    )


def _match_path_suffixes(
    store: Store, gold: dict[str, str], found: dict[str, str | None]
) -> dict[str, str | None]:
    wanted = {key: key.replace("\\", "/") for key in gold if key not in found}
    matched: dict[str, str | None] = {}
    for article in store.iter_articles():
        path = article.source_path.replace("\\", "/")
        for key, tail in wanted.items():
            same = path == tail or path.endswith("/" + tail) or tail.endswith("/" + path)
            if key not in matched and same:
                matched[key] = article.story_id
    return matched
