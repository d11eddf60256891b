"""Time to write a dossier on a built store, by part, for a few typical questions.

Run (after ingest and build of ../shared/corpora/news-2022, about 6 minutes on 2 cores):

    .venv/bin/newslens --db /tmp/n22.db ingest ../shared/corpora/news-2022
    .venv/bin/newslens --db /tmp/n22.db build
    .venv/bin/python benchmarks/report.py --db /tmp/n22.db

For each question it prints the scope's size, then seconds for: gathering the scope from the store
(the floor: any tool must read the material), the timeline, the summary, the outlet comparison,
and rendering all three formats; the ratio of the whole dossier to the gathering alone; and the
process's peak memory. No peer tool writes a dossier, so the reference in the same run is the
read of the same material.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from newslens.analysis.compare import compare_outlets
from newslens.analysis.summary import summarize
from newslens.analysis.timeline import build_timeline
from newslens.report import Request, gather, make_dossier, render
from newslens.store import Store

T = TypeVar("T")


def questions(store: Store) -> list[tuple[str, Request]]:
    asked = [
        ("China and Russia", Request(actors=("China", "Russia"))),
        (
            "Ukraine, Aug–Sep 2022",
            Request(actors=("Ukraine",), date_from=_d("2022-08-01"), date_to=_d("2022-09-30")),
        ),
        ('query "grain"', Request(query="grain")),
    ]
    threads = store.threads()
    if threads:
        biggest = max(threads, key=lambda t: len(t.story_ids))
        asked.append(
            (
                f"thread {biggest.id} ({len(biggest.story_ids)} stories)",
                Request(thread_id=biggest.id),
            )
        )
    return asked


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def timed(call: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store after `newslens build`")
    args = parser.parse_args()
    store = Store.open(args.db)
    print(f"store: {args.db}, {store.count_articles()} articles")
    header = (
        f"{'question':38} {'articles':>8} {'events':>7} {'gather':>7} {'timeline':>8} "
        f"{'summary':>8} {'compare':>8} {'render':>7} {'dossier':>8} {'ratio':>6}"
    )
    print(header)
    for name, request in questions(store):
        bundle, t_gather = timed(lambda r=request: gather(store, r))
        _, t_timeline = timed(lambda b=bundle: build_timeline(b))
        _, t_summary = timed(lambda b=bundle: summarize(b))
        _, t_compare = timed(lambda b=bundle: compare_outlets(b))
        dossier, t_all = timed(lambda r=request: make_dossier(store, r))
        with tempfile.TemporaryDirectory() as folder:

            def write_all(d: dict[str, Any] = dossier, f: str = folder) -> None:
                for fmt in ("html", "md", "json"):
                    Path(f, f"d.{fmt}").write_text(render(d, fmt), encoding="utf-8")

            _, t_render = timed(write_all)
        total = t_all + t_render
        print(
            f"{name[:38]:38} {len(bundle.articles):>8} {len(bundle.events):>7} "
            f"{t_gather:>7.2f} {t_timeline:>8.2f} {t_summary:>8.2f} {t_compare:>8.2f} "
            f"{t_render:>7.2f} {total:>8.2f} {total / max(t_gather, 1e-9):>5.1f}x"
        )
        sys.stdout.flush()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
