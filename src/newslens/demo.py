"""The bundled demo corpus: fictional outlets and events, written by this project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).parent / "data" / "demo"


def demo_corpus() -> Path:
    """The folder of demo articles, in every input format newslens reads."""
    return DEMO_DIR / "articles"


def main_thread(store: Any) -> str | None:
    """The id of the thread with the most articles (ties: the earliest), or None."""
    best: tuple[int, str] | None = None
    for thread in store.threads():
        members = store.story_members(thread.story_ids)
        size = sum(len(v) for v in members.values())
        if best is None or size > best[0]:
            best = (size, thread.id)
    return best[1] if best else None


def write_demo_dossier(store: Any, out: Path) -> list[Path]:
    """The dossier of the demo's main thread, as HTML, Markdown and JSON in ``out``."""
    from newslens.report import Request, write_report

    thread = main_thread(store)
    request = Request(thread_id=thread)
    return [
        write_report(store, request, out / f"dossier{suffix}")
        for suffix in (".html", ".md", ".json")
    ]
