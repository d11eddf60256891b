"""What the engine tests share: a small real input and a store dumped row for row."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from newslens.store import Store

#: articles per stage batch, for the local build and every Ray build compared with it: actor
#: names are merged per batch (ray_engine.BATCH_SIZE), so the batches must be the same
BATCH = 4


def write_news_subset(corpus: Path, out: Path, per_outlet: int = 12) -> list[Path]:
    """The first ``per_outlet`` rows of three news-2022 outlets, one CSV shard each (written
    under a test's temporary folder: the texts stay in ../shared, never in the project)."""
    csv.field_size_limit(sys.maxsize)
    out.mkdir(parents=True, exist_ok=True)
    shards = []
    for name in ("Reuters.csv", "bbc.csv", "guardian.csv"):
        with (corpus / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [row for _, row in zip(range(per_outlet), reader, strict=False)]
            fields = reader.fieldnames or []
        shard = out / name
        with shard.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        shards.append(shard)
    return shards


def as_other_shards(shard: Path, out: Path) -> list[Path]:
    """The rows of a CSV shard again as a gzip JSON-lines shard and a Parquet shard."""
    import gzip
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    csv.field_size_limit(sys.maxsize)
    with shard.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    half = len(rows) // 2
    jsonl = out / f"{shard.stem}.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows[:half])
    parquet = out / f"{shard.stem}.parquet"
    pq.write_table(pa.Table.from_pylist(rows[half:]), parquet)
    return [jsonl, parquet]


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every result table of ``store`` as sorted rows (``Store.result_rows``)."""
    return store.result_rows()


def differences(left: dict[str, list[Any]], right: dict[str, list[Any]]) -> list[str]:
    """The tables whose rows differ, with counts, for a readable assertion message."""
    out = []
    for name in sorted(left.keys() | right.keys()):
        a, b = left.get(name, []), right.get(name, [])
        if a != b:
            only_a = len(set(map(repr, a)) - set(map(repr, b)))
            only_b = len(set(map(repr, b)) - set(map(repr, a)))
            out.append(f"{name}: {len(a)} vs {len(b)} rows, {only_a} / {only_b} unmatched")
    return out
