"""Stop the Ray processes a test started, and only those (never `ray stop`, which stops every
Ray of the machine): the processes whose command line names the test's temporary folder, and
their descendants (Ray's agents and workers rename themselves)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process we may read."""
    found: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":  # a zombie has exited already; only its parent can reap it
            found[int(entry.name)] = (int(parent), command)
    return found


def started_under(folders: list[str]) -> set[int]:
    """The live processes started with one of ``folders`` on their command line, and theirs."""
    table = _processes()
    chosen = {pid for pid, (_, command) in table.items() if any(f in command for f in folders)}
    chosen.discard(os.getpid())
    grew = True
    while grew:
        children = {pid for pid, (parent, _) in table.items() if parent in chosen}
        grew = not children <= chosen
        chosen |= children
    return chosen


def stop(folders: list[str], wait: float = 10.0) -> set[int]:
    """Stop those processes (TERM, then KILL after ``wait`` seconds); returns any still alive."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in started_under(folders):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and started_under(folders):
            time.sleep(0.2)
    return started_under(folders)
