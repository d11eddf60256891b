"""Helpers for the reader tests: every input is built in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newslens.ingest import read_paths
from newslens.records import RawDocument, ReadOptions, Rejected

Items = list[RawDocument | Rejected]


def _split(items: Items) -> tuple[list[RawDocument], list[Rejected]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    return docs, rejected


@pytest.fixture
def split() -> Callable[[Items], tuple[list[RawDocument], list[Rejected]]]:
    """Split reader output into documents and refusals, each in order."""
    return _split


@pytest.fixture
def read(tmp_path: Path) -> Callable[..., Items]:
    """Write ``data`` to ``tmp_path/name`` and read it back through ``read_paths``."""

    def run(name: str, data: bytes | str, fmt: str = "auto", **options: object) -> Items:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return list(read_paths([path], fmt, ReadOptions(**options)))  # type: ignore[arg-type]

    return run
