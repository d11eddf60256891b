"""news-2022 built locally and on Ray with 1 and 2 workers, in one run, with the ratios.

    .venv/bin/python benchmarks/distributed.py [--corpus ../shared/corpora/news-2022]
        [--per-outlet N] [--workers 1,2] [--event-model none]

Each configuration runs in a fresh process on a fresh SQLite store: ``ingest`` then ``build``
with the same engine (``local``, or ``ray`` with a local Ray of the machine's cores and N stage
actors). It prints wall time, articles per second, the driver's peak memory and each Ray
worker's, the ratios the issue sets targets for (Ray with one worker against local, two workers
against one), and whether each Ray store equals the local one, table by table
(``Store.result_rows``), and the seconds each stage took. ``--per-outlet N`` builds the first N
rows of every outlet instead of the whole corpus (the rows are copied to a temporary folder,
never into the project).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, os, resource, sys, tempfile, time
from newslens.engine import open_engine
from newslens.pipeline import build, ingest
from newslens.store import Store

db, inputs, name, workers, event_model = sys.argv[1:6]
os.environ.setdefault("RAY_AUTH_MODE", "disabled")
folder = tempfile.mkdtemp(prefix="nlbench")
store = Store.open(db)
start = time.perf_counter()
engine = open_engine(name, workers=int(workers) or None, temp_dir=folder if name == "ray" else None)
try:
    ingest(store, [inputs], engine=engine)
    stages, built = {"ingest": time.perf_counter() - start}, time.perf_counter()
    def tell(stage, done):
        stages[stage] = time.perf_counter() - built  # when the stage last reported
    report = build(store, engine=engine, progress=tell,
                   event_model=None if event_model == "-" else event_model)
    stages["end"] = time.perf_counter() - built
    peaks = list(getattr(engine, "peaks", []))
finally:
    engine.close()
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "articles": store.count_articles(),
    "analysed": report.analysed,
    "driver_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "worker_peaks": peaks,
    "stages": stages,
    "temp_dir": folder,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpora/news-2022")
    parser.add_argument("--per-outlet", type=int, default=0, help="first N rows per outlet")
    parser.add_argument("--workers", default="1,2", help="Ray worker counts to run")
    parser.add_argument("--event-model", default="-", help="event model file, or none")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslens-distributed-"))
    inputs = _subset(args.corpus, work / "in", args.per_outlet) if args.per_outlet else args.corpus
    runs = [("local", 0)] + [("ray", int(n)) for n in args.workers.split(",")]
    results = {}
    for name, workers in runs:
        label = name if name == "local" else f"ray x{workers}"
        db = work / f"{name}-{workers}.sqlite"
        results[label] = _run(db, inputs, name, workers, args.event_model)
        results[label]["db"] = db
        _print(label, results[label])
    _ratios(results)
    _compare(results)


def _subset(corpus: Path, out: Path, n: int) -> Path:
    csv.field_size_limit(sys.maxsize)
    out.mkdir(parents=True)
    for path in sorted(corpus.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [row for _, row in zip(range(n), reader, strict=False)]
        with (out / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=reader.fieldnames or [])
            writer.writeheader()
            writer.writerows(rows)
    return out


def _run(db: Path, inputs: Path, name: str, workers: int, event_model: str) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    command = [sys.executable, "-c", CHILD, str(db), str(inputs), name, str(workers), event_model]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"{name} x{workers} failed:\n{done.stderr[-3000:]}")
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    result["process_seconds"] = time.perf_counter() - started
    subprocess.run(["rm", "-rf", result["temp_dir"]], check=False)
    return result


def _print(label: str, r: dict) -> None:  # type: ignore[type-arg]
    rate = r["articles"] / r["seconds"] if r["seconds"] else 0.0
    workers = ", ".join(f"{p / 2**20:.0f}" for p in r["worker_peaks"]) or "-"
    print(
        f"{label:8} {r['seconds']:7.1f} s  {rate:6.2f} articles/s  ({r['articles']} articles)  "
        f"driver peak {r['driver_peak'] / 2**20:.0f} MiB  worker peaks [{workers}] MiB"
    )
    marks, last, spans = r.get("stages", {}), 0.0, []
    for stage, at in marks.items():
        if stage == "ingest":
            spans.append(f"ingest {at:.1f}")
            continue
        spans.append(f"{stage} {at - last:.1f}")
        last = at
    print(f"         seconds by stage (build stages until their last report): {', '.join(spans)}")


def _ratios(results: dict) -> None:  # type: ignore[type-arg]
    local = results.get("local", {}).get("seconds")
    one = results.get("ray x1", {}).get("seconds")
    two = results.get("ray x2", {}).get("seconds")
    if local and one:
        print(f"ray x1 / local time: {one / local:.2f} (target <= 1.15)")
    if one and two:
        print(f"ray x2 speed-up over ray x1: {one / two:.2f} (target >= 1.7)")


def _compare(results: dict) -> None:  # type: ignore[type-arg]
    from newslens.store import Store

    local = Store.open(str(results["local"]["db"])).result_rows()
    for label, r in results.items():
        if label == "local":
            continue
        rows = Store.open(str(r["db"])).result_rows()
        unequal = [name for name in sorted(local) if local[name] != rows.get(name)]
        verdict = "the same, table by table" if not unequal else f"DIFFERENT: {unequal}"
        print(f"{label} store against local: {verdict} ({sum(map(len, rows.values()))} rows)")


if __name__ == "__main__":
    main()
