"""What the engine tests share: a small real input and a store dumped row for row."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from newslens.store import Store, schema

#: tables that record runs (times, engine names), not results
RUN_TABLES = {"ingest_runs", "build_runs", "alembic_version"}


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


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every result table of ``store`` as sorted rows, clock columns left out."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as connection:
        for table in schema.metadata.sorted_tables:
            if table.name in RUN_TABLES:
                continue
            columns = [c for c in table.columns if not isinstance(c.type, sa.DateTime)]
            rows = connection.execute(sa.select(*columns)).all()
            dump[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return dump


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
