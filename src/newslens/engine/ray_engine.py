"""The ``ray`` engine: the per-article stages on a Ray cluster, the store written here.

- Ingest: the input files are listed here (lazily, as locally) and handed out in groups
  (:data:`GROUP_FILES` files or :data:`GROUP_BYTES` bytes) to Ray tasks that read and clean
  them and stream their batches back (a streaming generator, so a worker holds a few batches at
  a time whatever the size of its shard; :data:`BACKPRESSURE`).
- Build: one Ray actor per worker holds the stage, set up once (its model loaded there); the
  batches go to the actors in turn, at most :data:`IN_FLIGHT` per actor, and come back in the
  order they were sent.
- Faults: an actor whose process dies is restarted by Ray (its ``setup()`` run again) and its
  unfinished batches are sent again (``max_restarts``/``max_task_retries``); a read task is
  retried likewise. Stages are pure, so a batch run twice gives the same result, and only the
  driver writes, once per batch, so nothing is stored twice.

Everything the workers send back is in input order, which is what makes a Ray build's store
equal to a local one, row for row (tests/engine/test_ray_engine.py).
"""

from __future__ import annotations

import os
import resource
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from newslens.engine import IngestBatch, clean_batches
from newslens.errors import EngineError, NewslensError
from newslens.records import ReadOptions, Rejected, Source, StageResult

B = TypeVar("B")

#: articles per batch: the local engine's (the store's defaults, 200 for the language stage and
#: 100 for events). It must be: an actor merged across batches takes the most common of its
#: names, counting what was stored as one voice, so other batch boundaries can name a person
#: otherwise ("Alexei" for "Alexey" Kulemzin: 3 of 6,005 actors on news-2022 with batches of 50)
BATCH_SIZE: int | None = None
#: batches queued per actor: one running, one waiting, so an actor never idles on the driver
IN_FLIGHT = 2
#: an ingest task reads at most this many files, or about this many bytes of them
GROUP_FILES = 64
GROUP_BYTES = 4 * 2**20
#: batches a read task may have ready before it waits for the driver to take them
BACKPRESSURE = 4
#: retries of a lost actor or task (a killed worker, a lost node) before the run fails
RETRIES = 5


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EngineError(
            "--engine ray needs Ray, which is not installed: pip install 'newslens[distributed]' "
            "(or run with --engine local)"
        ) from None
    return ray


class _StageActor:
    """Holds one stage, set up once, and runs it on the batches it is sent."""

    def __init__(self, stage: Any) -> None:
        self.stage = stage
        stage.setup()

    def run(self, batch: Sequence[Any]) -> StageResult[Any]:
        result: StageResult[Any] = self.stage(batch)
        return result

    def where(self) -> tuple[int, str]:
        """This actor's process id and Ray node id."""
        import ray

        return os.getpid(), str(ray.get_runtime_context().get_node_id())

    def peak_memory(self) -> int:
        """The process's peak resident memory in bytes (Linux reports KiB)."""
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _read_group(
    sources: list[Source], fmt: str, options: ReadOptions, batch_size: int
) -> Iterator[IngestBatch]:
    """Read and clean one group of input files, a batch at a time (a Ray streaming task)."""
    from newslens.clean import Cleaner
    from newslens.ingest import read_source

    cleaner = Cleaner()
    cleaner.setup()
    items = (item for source in sources for item in read_source(source, fmt, options))
    yield from clean_batches(items, cleaner, batch_size)


class RayEngine:
    """Runs the per-article stages on Ray (see the module docstring)."""

    name = "ray"
    batch_size: int | None = BATCH_SIZE

    def __init__(
        self, address: str | None = None, workers: int | None = None, temp_dir: str | None = None
    ) -> None:
        ray = _ray()
        self._started = not ray.is_initialized()
        if self._started:
            _connect(ray, address, workers, temp_dir)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers or cpus)
        self.actors: list[Any] = []
        self.pids: list[int] = []
        self.nodes: list[str] = []
        self.peaks: list[int] = []
        self._ray = ray

    # -- build: one stage over batches ----------------------------------------------------------

    def map(self, stage: Any, batches: Iterable[B]) -> Iterator[tuple[B, StageResult[Any]]]:
        ray = self._ray
        actor_class = ray.remote(num_cpus=1, max_restarts=RETRIES, max_task_retries=RETRIES)(
            _StageActor
        )
        pending: deque[tuple[B, Any]] = deque()
        turn = 0
        try:
            for batch in batches:
                if not self.actors:  # created on the first batch: nothing to do loads nothing
                    self.actors = [actor_class.remote(stage) for _ in range(self.workers)]
                    placed = ray.get([a.where.remote() for a in self.actors])
                    self.pids = [int(pid) for pid, _ in placed]
                    self.nodes = [str(node) for _, node in placed]
                pending.append((batch, self.actors[turn % len(self.actors)].run.remote(batch)))
                turn += 1
                if len(pending) >= IN_FLIGHT * len(self.actors):
                    sent, ref = pending.popleft()
                    yield sent, _get(ray, ref)
            while pending:
                sent, ref = pending.popleft()
                yield sent, _get(ray, ref)
            if self.actors:  # only after a run that ended well: a failed one keeps its error
                self.peaks = self.peak_memory()
        finally:
            self._release()

    def worker_pids(self) -> list[int]:
        """The process ids the stage actors started in (for tests: a killed one is restarted
        in another process)."""
        return list(self.pids)

    def peak_memory(self) -> list[int]:
        """Each stage actor's peak resident memory in bytes (``peaks``: as the last stage run
        left them)."""
        return [int(m) for m in self._ray.get([a.peak_memory.remote() for a in self.actors])]

    # -- ingest: read and clean input files in parallel ----------------------------------------

    def read_clean(
        self, paths: Sequence[str | Path], fmt: str, options: ReadOptions, batch_size: int
    ) -> Iterator[IngestBatch]:
        from newslens.ingest import check_format, iter_sources

        check_format(fmt)
        ray = self._ray
        task = ray.remote(num_cpus=1, max_retries=RETRIES)(_read_group).options(
            num_returns="streaming", _generator_backpressure_num_objects=BACKPRESSURE
        )
        pending: deque[Any] = deque()
        for group in _groups(iter_sources(paths)):
            if isinstance(group, Rejected):  # an unreadable file: refused here, in its place
                pending.append([IngestBatch(1, group.source_path, StageResult(()), (group,))])
            else:
                pending.append(task.remote(group, fmt, options, batch_size))
            while len(pending) > self.workers:
                yield from _drain(ray, pending.popleft())
        while pending:
            yield from _drain(ray, pending.popleft())

    def _release(self) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        self.actors = []

    def close(self) -> None:
        """Stop the actors, and Ray itself when this engine started it."""
        self._release()
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()


def _connect(ray: Any, address: str | None, workers: int | None, temp_dir: str | None) -> None:
    quiet = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            cpus = max(os.cpu_count() or 1, workers or 1)
            ray.init(num_cpus=cpus, _temp_dir=temp_dir, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise EngineError(
            f"--engine ray: cannot start or reach {where} ({exc}); check the address "
            f"(`ray status` on the head node prints it), or run with --engine local"
        ) from exc


def _groups(sources: Iterable[Source | Rejected]) -> Iterator[list[Source] | Rejected]:
    group: list[Source] = []
    size = 0
    for source in sources:
        if isinstance(source, Rejected):
            if group:
                yield group
                group, size = [], 0
            yield source
            continue
        group.append(source)
        size += source.size or 0
        if len(group) >= GROUP_FILES or size >= GROUP_BYTES:
            yield group
            group, size = [], 0
    if group:
        yield group


def _drain(ray: Any, stream: Any) -> Iterator[IngestBatch]:
    if isinstance(stream, list):
        yield from stream
        return
    for ref in stream:
        yield _get(ray, ref)


def _get(ray: Any, ref: Any) -> Any:
    """``ray.get``, raising a task's own newslens error (a bad --map column) as itself."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayTaskError as exc:
        if isinstance(exc.cause, NewslensError):
            raise exc.cause from None
        raise
