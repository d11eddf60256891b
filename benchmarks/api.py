"""Latency of the REST API and web pages under a bounded concurrent load, next to the same
query called in-process.

Run on a built store (SQLite path or PostgreSQL URL):

    .venv/bin/python benchmarks/api.py --db /tmp/n22.db [--concurrency 8 --requests 400]

It starts ``newslens serve`` (uvicorn) in a subprocess on 127.0.0.1 on a free port and drives it
from this process with httpx over ``--concurrency`` threads. For each endpoint it prints the
in-process time of the same query (the peer: the store and analysis called directly, no HTTP),
the sequential HTTP p50 and their ratio (the cost of HTTP, routing and JSON), then p50 and p95
under load, requests per second and errors. Web pages (``/``, ``/stories``) are measured when
the web UI answers them; endpoints answering 404 are skipped.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from newslens.analysis.timeline import build_timeline
from newslens.api import queries
from newslens.export import event_record, story_record
from newslens.report.gather import Request, gather
from newslens.store import Store


@dataclass
class Target:
    """One endpoint: its path and query, and the same work done in-process (None for pages)."""

    name: str
    path: str
    params: dict[str, str | list[str]]
    direct: Callable[[], Any] | None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from newslens.cli import main; main()",
        "--db",
        db,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-jobs",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "NEWSLENS_RATE_LIMIT_PER_MINUTE": "0"}
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newslens serve exited with status {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("newslens serve did not answer within 90 s")


def targets(store: Store, actor: str | None, partner: str, query: str) -> list[Target]:
    """The endpoints measured, with the in-process call each stands for."""
    if actor is None:
        found, _ = queries.list_actors(store, queries.Page(1, 0))
        actor = found[0].actor.name if found else "nobody"
    page = queries.Page(50, 0)

    def articles() -> Any:
        return queries.list_articles(store, page)

    def stories() -> Any:
        found, total = queries.list_stories(store, page)
        return [story_record(s) for s in found], total

    def events() -> Any:
        ids = queries.resolve_actors(store, [actor]) or []
        found, total = queries.list_events(store, page, actor_ids=ids)
        named = {a for e in found for a in (e.source, e.target, e.claimed_by) if a}
        named_actors = store.actors_by_id(named)
        return [event_record(e, named_actors) for e in found], total

    def timeline() -> Any:
        resolved = queries.resolve_actor(store, actor)
        scope = Request(actors=(resolved.id,) if resolved else ())
        return [e.to_dict() for e in build_timeline(gather(store, scope, full=False), limit=30)]

    def dyad_timeline() -> Any:
        ids = tuple(a.id for name in (actor, partner) if (a := queries.resolve_actor(store, name)))
        bundle = gather(store, Request(actors=ids), full=False)
        return [e.to_dict() for e in build_timeline(bundle, limit=30)]

    def search() -> Any:
        return store.search(query, limit=21)

    return [
        Target("articles", "/api/v1/articles", {"limit": "50"}, articles),
        Target("stories", "/api/v1/stories", {"limit": "50"}, stories),
        Target(f"events actor={actor}", "/api/v1/events", {"actor": actor}, events),
        Target(f"timeline actor={actor}", "/api/v1/timeline", {"actor": actor}, timeline),
        Target(
            f"timeline {actor}+{partner}",
            "/api/v1/timeline",
            {"actor": [actor, partner]},
            dyad_timeline,
        ),
        Target(f"search q={query}", "/api/v1/search", {"q": query}, search),
        Target("page /", "/", {}, None),
        Target("page /stories", "/stories", {}, None),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_direct(call: Callable[[], Any], repeat: int) -> float:
    call()  # warm caches, as the server's first request did
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_http(
    client: httpx.Client, target: Target, count: int, concurrency: int, budget: float
) -> tuple[list[float], int, float]:
    """Latencies of up to ``count`` requests at ``concurrency`` (stopping after ``budget`` s),
    the number of failed requests, and the wall time."""
    deadline = time.monotonic() + budget

    def one(_: int) -> float | None:
        if time.monotonic() > deadline:
            return None
        start = time.perf_counter()
        response = client.get(target.path, params=target.params)
        elapsed = time.perf_counter() - start
        return elapsed if response.status_code == 200 else -1.0

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = [r for r in pool.map(one, range(count)) if r is not None]
    wall = time.perf_counter() - started
    return [r for r in results if r >= 0], sum(1 for r in results if r < 0), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite path or PostgreSQL URL (built)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint, under load")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per endpoint at most")
    parser.add_argument("--actor", default=None, help="default: the most mentioned actor")
    parser.add_argument("--partner", default="China", help="the second actor of a dyad timeline")
    parser.add_argument("--query", default="talks")
    args = parser.parse_args()

    store = Store.open(args.db)
    port = free_port()
    server = start_server(args.db, port)
    limits = httpx.Limits(max_connections=args.concurrency)
    base = f"http://127.0.0.1:{port}"
    print(f"store {store.url}: {store.count_articles()} articles; server on {base}")
    print(f"load: {args.requests} requests per endpoint, {args.concurrency} at a time\n")
    header = (
        f"{'endpoint':34} {'in-proc':>9} {'http seq':>9} {'ratio':>6} "
        f"{'p50':>9} {'p95':>9} {'req/s':>7} {'err':>4}"
    )
    print(header + "\n" + "-" * len(header))
    try:
        with httpx.Client(base_url=base, limits=limits, timeout=300) as client:
            for target in targets(store, args.actor, args.partner, args.query):
                probe = client.get(target.path, params=target.params)
                if probe.status_code == 404:
                    print(f"{target.name:34} skipped: 404 (not served)")
                    continue
                repeat = 5 if "timeline" in target.name else 20
                sequential, _, _ = time_http(client, target, repeat, 1, args.budget)
                seq = statistics.median(sequential) if sequential else float("nan")
                direct = time_direct(target.direct, repeat) if target.direct else None
                loaded, errors, wall = time_http(
                    client, target, args.requests, args.concurrency, args.budget
                )
                ms = 1000.0
                in_proc = f"{direct * ms:7.1f}ms" if direct is not None else f"{'-':>9}"
                ratio = f"{seq / direct:5.1f}x" if direct else "     -"
                p50 = percentile(loaded, 0.5) * ms if loaded else float("nan")
                p95 = percentile(loaded, 0.95) * ms if loaded else float("nan")
                rate = (len(loaded) + errors) / wall if wall else 0.0
                print(
                    f"{target.name[:34]:34} {in_proc} {seq * ms:7.1f}ms {ratio} "
                    f"{p50:7.1f}ms {p95:7.1f}ms {rate:7.1f} {errors:4d}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.close()
    print(
        "\nin-proc: the same query called in this process (median); http seq: one request at a "
        "time (median); ratio: http seq / in-proc; p50/p95: under load."
    )


if __name__ == "__main__":
    main()
