"""Ingest throughput and memory: ``newslens.pipeline.ingest`` beside plain Python, same run.

Run from the repository root::

    .venv/bin/python benchmarks/ingest.py [--quick] [--csv-mb MB] [--text-mb MB] [--files N]
                                          [--corpus DIR] [--tmp DIR] [--skip-e2e] [--skip-memory]

Part 1, end to end: ``ingest(Store.open(tmp.db), [corpus])`` on the news-2022 CSVs (read, clean,
store: every row through the cleaning stage, the language identifier, SQLite with its FTS5 index),
beside the peer: the same CSVs read with ``csv.DictReader`` into memory and inserted as plain rows
(url, title, date, text) into a SQLite table with ``executemany``, no cleaning and no index. It
prints articles/s and peak RSS for both and the ratios.

Part 2, bounded memory: inputs generated in a temporary directory from the corpus rows (a small
and a large CSV of repeated rows with unique URLs and a perturbed last sentence, one large plain
text file, a folder of small text files). Each input goes through our ingest and through the peer
that loads it whole (``list(csv.reader(f))``, ``f.read()``, every file's text in a list), each in
its own subprocess, which reports its own peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``). Our
peak RSS should stay about the same whatever the input size; the peer's grows with it.

Every measurement runs in a fresh interpreter, so imports and caches of one run do not count in
another; seconds are measured inside the subprocess around the work (interpreter start excluded;
our ``Cleaner.setup()`` and the store's migrations included). Temporary files are removed at the
end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "news-2022"
MB = 1024 * 1024

csv.field_size_limit(sys.maxsize)


# --------------------------------------------------------------------------- workers


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux: the process's own high-water mark (VmHWM)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _iter_csv_rows(paths: list[Path]) -> Iterator[dict[str, str]]:
    for path in paths:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        for file in files:
            with file.open(encoding="utf-8", newline="") as stream:
                for record in csv.DictReader(stream):
                    yield {(k or "").strip().lower(): (v or "") for k, v in record.items()}


def work_ours(paths: list[Path], db: Path) -> dict[str, object]:
    """Our whole ingest: read, clean, store."""
    from newslens.pipeline import ingest
    from newslens.store import Store

    start = time.perf_counter()
    report = ingest(Store.open(str(db)), paths)
    seconds = time.perf_counter() - start
    return {
        "items": report.read,
        "seconds": seconds,
        "ingested": report.ingested,
        "quarantined": dict(report.quarantined),
    }


def work_setup(paths: list[Path], db: Path) -> dict[str, object]:
    """Our fixed cost: imports, ``Cleaner.setup()`` (language model, registries), the store."""
    start = time.perf_counter()
    from newslens.clean import Cleaner
    from newslens.store import Store

    Store.open(str(db))
    Cleaner().setup()
    return {"items": 0, "seconds": time.perf_counter() - start}


def work_peer_sqlite(paths: list[Path], db: Path) -> dict[str, object]:
    """The peer of part 1: every CSV row into memory, then a plain insert into SQLite."""
    start = time.perf_counter()
    rows = [
        (r.get("url", ""), r.get("title", ""), r.get("date", ""), r.get("text", ""))
        for r in _iter_csv_rows(paths)
    ]
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, title TEXT, date TEXT, body TEXT)"
    )
    with connection:
        connection.executemany(
            "INSERT INTO articles (url, title, date, body) VALUES (?, ?, ?, ?)", rows
        )
    connection.close()
    return {"items": len(rows), "seconds": time.perf_counter() - start}


def work_peer_load(paths: list[Path], db: Path) -> dict[str, object]:
    """The peer of part 2: each input loaded whole into memory, the plain-Python way."""
    start = time.perf_counter()
    held: list[object] = []
    items = 0
    for path in paths:
        if path.is_dir():
            texts = [p.read_text(encoding="utf-8") for p in sorted(path.iterdir())]
            items += len(texts)
            held.append(texts)
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as stream:
                rows = list(csv.reader(stream))
            items += len(rows) - 1
            held.append(rows)
        else:
            with path.open(encoding="utf-8") as stream:
                held.append(stream.read())
            items += 1
    return {"items": items, "seconds": time.perf_counter() - start}


WORKERS = {
    "ours": work_ours,
    "ours-setup": work_setup,
    "peer-sqlite": work_peer_sqlite,
    "peer-load": work_peer_load,
}


def run_worker(kind: str, paths: list[Path], tmp: Path) -> dict[str, object]:
    """Run one measurement in a fresh interpreter; return its figures (with ``peak_mb``)."""
    db = tmp / f"{kind}-{time.monotonic_ns()}.db"
    command = [sys.executable, __file__, "--worker", kind, "--db", str(db), *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: {' | '.join(tail)}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def worker_main(kind: str, db: Path, paths: list[Path]) -> int:
    """Entry point of a measurement subprocess: one JSON line on stdout."""
    result = WORKERS[kind](paths, db)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))
    return 0


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Row:
    """One corpus row: the fields the generators reuse."""

    date: str
    url: str
    title: str
    text: str


def load_rows(corpus: Path) -> list[Row]:
    """Every corpus row with a body."""
    return [
        Row(r.get("date", ""), r.get("url", ""), r.get("title", ""), r.get("text", ""))
        for r in _iter_csv_rows([corpus])
        if r.get("text", "").strip()
    ]


def _copy(row: Row, n: int, k: int) -> Row:
    # A unique URL (a new provenance key) and a perturbed body, so no copy is an exact duplicate.
    url = f"{row.url or f'https://example.org/{n}'}?copy={k}"
    return Row(row.date, url, row.title, f"{row.text}\n\nSynthetic copy {k} of row {n}.")


def write_csv(path: Path, rows: list[Row], megabytes: float) -> int:
    """A CSV of about ``megabytes`` MiB made of corpus rows repeated; returns its data rows."""
    target, written, k = megabytes * MB, 0, 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Date", "URL", "Title", "Text"])
        while True:
            for n, row in enumerate(rows):
                copy = _copy(row, n, k) if k else row
                writer.writerow([copy.date, copy.url, copy.title, copy.text])
                written += 1
                if written % 500 == 0 and stream.tell() >= target:
                    return written
            k += 1


def write_text(path: Path, rows: list[Row], megabytes: float) -> None:
    """One plain-text file of about ``megabytes`` MiB: article after article."""
    target, size, k = megabytes * MB, 0, 0
    with path.open("w", encoding="utf-8") as stream:
        while size < target:
            for n, row in enumerate(rows):
                copy = _copy(row, n, k)
                size += stream.write(f"{copy.title}\n\n{copy.text}\n\n\n")
                if size >= target:
                    break
            k += 1


def write_folder(folder: Path, rows: list[Row], files: int) -> None:
    """``files`` small text files, one article each (a date header, the title, the body)."""
    folder.mkdir()
    for i in range(files):
        n, k = i % len(rows), i // len(rows)
        row = _copy(rows[n], n, k) if k else rows[n]
        header = f"date {row.date[:10]}\n" if row.date[:4].isdigit() else ""
        (folder / f"{i:06d}.txt").write_text(f"{header}{row.title}\n\n{row.text}\n", "utf-8")


def _size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir()) / MB
    return path.stat().st_size / MB


# --------------------------------------------------------------------------- report


def _fmt(result: dict[str, object], key: str, spec: str) -> str:
    value = result.get(key)
    return format(value, spec) if isinstance(value, int | float) else "-"


def _rate(result: dict[str, object], key: str = "items") -> float:
    items, seconds = result.get(key), result.get("seconds")
    if isinstance(items, int) and isinstance(seconds, float) and seconds > 0:
        return items / seconds
    return float("nan")


def _outcome(result: dict[str, object]) -> str:
    if "error" in result:
        return str(result["error"])[:60]
    quarantined = result.get("quarantined")
    if isinstance(quarantined, dict) and quarantined:
        reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(quarantined.items()))
        return f"ingested {result.get('ingested')}, quarantined: {reasons}"
    if "ingested" in result:
        return f"ingested {result['ingested']}"
    return "loaded"


def part_e2e(corpus: Path, tmp: Path) -> None:
    """Part 1: the corpus end to end, ours beside the csv + sqlite3 peer."""
    print(f"Part 1: end to end on {corpus} (fresh SQLite database each)")
    setup = run_worker("ours-setup", [], tmp)
    ours = run_worker("ours", [corpus], tmp)
    peer = run_worker("peer-sqlite", [corpus], tmp)
    print(f"{'run':<42}{'items':>8}{'seconds':>9}{'items/s':>10}{'peak MB':>9}")
    for label, result in (
        ("newslens ingest (read, clean, store)", ours),
        ("peer: csv.DictReader + sqlite3 insert", peer),
        ("newslens fixed cost (imports + setup)", setup),
    ):
        if "error" in result:
            print(f"{label:<42}failed: {result['error']}")
            continue
        print(
            f"{label:<42}{_fmt(result, 'items', 'd'):>8}{_fmt(result, 'seconds', '.2f'):>9}"
            f"{_rate(result):>10.1f}{_fmt(result, 'peak_mb', '.1f'):>9}"
        )
    if "error" not in ours and "error" not in peer:
        ours_peak, peer_peak = ours.get("peak_mb"), peer.get("peak_mb")
        assert isinstance(ours_peak, float) and isinstance(peer_peak, float)
        print(
            f"{'ratio ours/peer':<42}{'':>8}{'':>9}{_rate(ours) / _rate(peer):>10.3f}"
            f"{ours_peak / peer_peak:>9.2f}"
        )
        print(f"our outcome: {_outcome(ours)}")


def part_memory(
    rows: list[Row], tmp: Path, csv_mbs: list[float], text_mb: float, files: int
) -> None:
    """Part 2: generated inputs, ours (streaming) beside the peer (whole input in memory)."""
    print("\nPart 2: bounded memory on generated inputs (each run in its own subprocess)")
    inputs: list[tuple[str, Path]] = []
    for megabytes in csv_mbs:
        path = tmp / f"synthetic-{megabytes:g}mb.csv"
        count = write_csv(path, rows, megabytes)
        inputs.append((f"CSV {count:,} rows", path))
    text = tmp / f"synthetic-{text_mb:g}mb.txt"
    write_text(text, rows, text_mb)
    inputs.append(("one plain-text file", text))
    folder = tmp / "small-files"
    write_folder(folder, rows, files)
    inputs.append((f"folder of {files:,} text files", folder))
    header = (
        f"{'input':<28}{'MB':>7}{'ours s':>9}{'art/s':>8}{'ours MB':>9}"
        f"{'peer s':>9}{'peer MB':>9}{'RSS ratio':>10}  our outcome"
    )
    print(header)
    peaks: dict[Path, tuple[float, float]] = {}
    for label, path in inputs:
        ours = run_worker("ours", [path], tmp)
        peer = run_worker("peer-load", [path], tmp)
        ours_peak, peer_peak = ours.get("peak_mb"), peer.get("peak_mb")
        ratio = (
            f"{ours_peak / peer_peak:.2f}"
            if isinstance(ours_peak, float) and isinstance(peer_peak, float)
            else "-"
        )
        if isinstance(ours_peak, float) and isinstance(peer_peak, float):
            peaks[path] = (ours_peak, peer_peak)
        print(
            f"{label:<28}{_size_mb(path):>7.1f}{_fmt(ours, 'seconds', '.1f'):>9}"
            f"{_rate(ours, 'ingested'):>8.0f}{_fmt(ours, 'peak_mb', '.1f'):>9}"
            f"{_fmt(peer, 'seconds', '.1f'):>9}{_fmt(peer, 'peak_mb', '.1f'):>9}"
            f"{ratio:>10}  {_outcome(ours)}"
        )
    csvs = [path for _, path in inputs if path.suffix == ".csv" and path in peaks]
    if len(csvs) >= 2:
        small, large = csvs[0], csvs[-1]
        grow = _size_mb(large) - _size_mb(small)
        ours_grow = peaks[large][0] - peaks[small][0]
        peer_grow = peaks[large][1] - peaks[small][1]
        print(
            f"peak RSS growth from the {_size_mb(small):.0f} MB to the {_size_mb(large):.0f} MB "
            f"CSV (+{grow:.0f} MB of input): ours {ours_grow:+.1f} MB, peer {peer_grow:+.1f} MB"
        )


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the parts, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="CSV corpus folder")
    parser.add_argument("--quick", action="store_true", help="small inputs: a look in a minute")
    parser.add_argument(
        "--csv-mb", type=float, default=None, help="size of the large CSV (default 200; quick 20)"
    )
    parser.add_argument(
        "--small-csv-mb", type=float, default=None, help="size of the small CSV (20; quick 5)"
    )
    parser.add_argument(
        "--text-mb", type=float, default=None, help="size of the text file (200; quick 30)"
    )
    parser.add_argument(
        "--files", type=int, default=None, help="small text files (3000; quick 300)"
    )
    parser.add_argument("--tmp", type=Path, default=None, help="where the inputs are written")
    parser.add_argument("--skip-e2e", action="store_true", help="skip part 1")
    parser.add_argument("--skip-memory", action="store_true", help="skip part 2")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args.worker, args.db, args.paths)
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.csv")):
        print(f"no CSV corpus in {args.corpus}: pass --corpus DIR (a folder of CSV files)")
        return 2
    quick = args.quick
    large = args.csv_mb if args.csv_mb is not None else (20.0 if quick else 200.0)
    small = args.small_csv_mb if args.small_csv_mb is not None else (5.0 if quick else 20.0)
    text_mb = args.text_mb if args.text_mb is not None else (30.0 if quick else 200.0)
    files = args.files if args.files is not None else (300 if quick else 3000)
    today = time.strftime("%Y-%m-%d")
    print(f"{today}, python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)\n")
    with tempfile.TemporaryDirectory(prefix="newslens-ingest-bench-", dir=args.tmp) as name:
        tmp = Path(name)
        if not args.skip_e2e:
            part_e2e(args.corpus, tmp)
        if not args.skip_memory:
            rows = load_rows(args.corpus)
            sizes = sorted({small, large})
            part_memory(rows, tmp, sizes, text_mb, files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
