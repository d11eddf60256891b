"""Where the per-article stages run: in this process (``local``) or on a Ray cluster (``ray``).

The pipeline (``pipeline.py``) asks an engine for two things and never knows which one it has:

- :meth:`Engine.read_clean`: read the inputs and clean them, as :class:`IngestBatch` values in
  input order (the ``ray`` engine reads and cleans groups of input files in parallel tasks);
- :meth:`Engine.map`: run one stage over batches of records and give back each batch's
  :class:`~newslens.records.StageResult`, in the order the batches came (the ``ray`` engine
  runs the same stage object in actors, one per worker).

Both keep input order, so the store a ``ray`` run leaves is the one a ``local`` run leaves:
the driver (this process) stays the only writer, one batch per transaction, and the stages
that need the whole corpus (duplicates, stories, threads, the event merge) run here too
(docs/distributed.md says why).

>>> from newslens.engine import open_engine
>>> engine = open_engine("local")
>>> engine.name, engine.workers
('local', 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from newslens.errors import ConfigError
from newslens.records import Article, RawDocument, ReadOptions, Rejected, StageResult

B = TypeVar("B")

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class IngestBatch:
    """One batch of an ingest: the articles cleaned from what was read, the refusals (of the
    readers and of the cleaner), how many input items it covers and the last one's source."""

    read: int
    last_source: str
    cleaned: StageResult[Article]
    rejected: tuple[Rejected, ...] = ()
    formats: Counter[str] = field(default_factory=Counter)


class Engine(Protocol):
    """What the pipeline needs from an engine (see the module docstring)."""

    @property
    def name(self) -> str: ...

    @property
    def workers(self) -> int: ...

    @property
    def batch_size(self) -> int | None:
        """Articles per batch of the build's stages (None: the store's defaults)."""
        ...

    def read_clean(
        self, paths: Sequence[str | Path], fmt: str, options: ReadOptions, batch_size: int
    ) -> Iterator[IngestBatch]: ...

    def map(self, stage: Any, batches: Iterable[B]) -> Iterator[tuple[B, StageResult[Any]]]: ...

    def close(self) -> None: ...


def clean_batches(
    items: Iterable[RawDocument | Rejected], cleaner: Any, batch_size: int
) -> Iterator[IngestBatch]:
    """Group read items into batches of ``batch_size`` and clean each (``cleaner`` set up)."""
    documents: list[RawDocument] = []
    rejected: list[Rejected] = []
    formats: Counter[str] = Counter()
    last = ""
    for item in items:
        last = item.source_path
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            documents.append(item)
            formats[item.input_format] += 1
        if len(documents) + len(rejected) >= batch_size:
            yield _batch(cleaner, documents, rejected, formats, last)
            documents, rejected, formats = [], [], Counter()
    if documents or rejected:
        yield _batch(cleaner, documents, rejected, formats, last)


def _batch(
    cleaner: Any,
    documents: list[RawDocument],
    rejected: list[Rejected],
    formats: Counter[str],
    last: str,
) -> IngestBatch:
    cleaned = cleaner(documents) if documents else StageResult(())
    read = len(documents) + len(rejected)
    return IngestBatch(read, last, cleaned, tuple(rejected), formats)


class LocalEngine:
    """Everything in this process, one batch after another (the default)."""

    name = "local"
    workers = 1
    batch_size: int | None = None

    def read_clean(
        self, paths: Sequence[str | Path], fmt: str, options: ReadOptions, batch_size: int
    ) -> Iterator[IngestBatch]:
        from newslens.clean import Cleaner
        from newslens.ingest import read_paths

        items = read_paths(paths, fmt, options)  # a bad --format or path fails before setup
        cleaner = Cleaner()
        cleaner.setup()
        yield from clean_batches(items, cleaner, batch_size)

    def map(self, stage: Any, batches: Iterable[B]) -> Iterator[tuple[B, StageResult[Any]]]:
        ready = False
        for batch in batches:
            if not ready:  # nothing heavy is loaded when there is nothing to do
                stage.setup()
                ready = True
            yield batch, stage(batch)

    def close(self) -> None:
        return None


def open_engine(
    name: str = "local",
    address: str | None = None,
    workers: int | None = None,
    temp_dir: str | None = None,
) -> Engine:
    """The engine called ``name``: ``local``, or ``ray`` (joining the cluster at ``address``,
    else starting a local Ray with the machine's cores; ``workers`` stage actors, by default one
    per CPU of the cluster). Raises :class:`~newslens.errors.ConfigError` for another name and
    :class:`~newslens.errors.EngineError` when Ray is missing or its cluster cannot be reached."""
    if name == "local":
        if address:
            raise ConfigError(
                f"--ray-address {address}: an address needs --engine ray (or NEWSLENS_ENGINE=ray)"
            )
        return LocalEngine()
    if name == "ray":
        from newslens.engine.ray_engine import RayEngine

        return RayEngine(address=address, workers=workers, temp_dir=temp_dir)
    raise ConfigError(f"--engine {name}: no such engine; use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "IngestBatch", "LocalEngine", "clean_batches", "open_engine"]
