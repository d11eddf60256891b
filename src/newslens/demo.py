"""The bundled demo corpus: fictional outlets and events, written by this project."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent / "data" / "demo"


def demo_corpus() -> Path:
    """The folder of demo articles, in every input format newslens reads."""
    return DEMO_DIR / "articles"
