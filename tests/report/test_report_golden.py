"""Golden files: the demo's main-thread dossier, as Markdown and JSON, byte for byte.

The dossier depends on every stage, so a change anywhere that alters what users read shows up
here as a diff to review. After an intended change, regenerate with
``NEWSLENS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_report_golden.py`` and read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from newslens.demo import demo_corpus, main_thread, write_demo_dossier
from newslens.pipeline import build, ingest
from newslens.report import Request, make_dossier, render
from newslens.store import Store

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NEWSLENS_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    ingest(store, [demo_corpus()])
    build(store)
    return store


@pytest.fixture(scope="module")
def dossier(demo_store: Store) -> dict[str, Any]:
    return make_dossier(demo_store, Request(thread_id=main_thread(demo_store)))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_report_golden_demo_dossier(dossier: dict[str, Any], fmt: str) -> None:
    path = GOLDEN / f"demo-dossier.{fmt}"
    text = render(dossier, fmt)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with NEWSLENS_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_report_demo_dossier_is_the_same_twice(demo_store: Store, dossier: dict[str, Any]) -> None:
    again = make_dossier(demo_store, Request(thread_id=main_thread(demo_store)))
    assert render(again, "json") == render(dossier, "json")


def test_report_demo_dossier_cites_only_its_sources(dossier: dict[str, Any]) -> None:
    sources = {s["id"] for s in dossier["sources"]}
    cited = {c["article_id"] for e in dossier["timeline"] for c in e["citations"]}
    cited |= {c["article_id"] for s in dossier["summary"] for c in s["citations"]}
    assert cited and cited <= sources
    markdown = render(dossier, "md")
    numbers = {int(n) for n in re.findall(r"· S(\d+)\]", markdown)}
    assert numbers and max(numbers) <= len(dossier["sources"])


def test_report_demo_dossier_has_every_section(dossier: dict[str, Any]) -> None:
    assert dossier["summary"] and dossier["timeline"] and dossier["stories"]
    assert dossier["threads"] and dossier["quotes"] and dossier["actors"]
    assert dossier["comparison"]["facts"]
    (relation,) = dossier["relations"]  # the thread's two main actors
    assert {relation["a"], relation["b"]} == {"Kestria", "Norvadia"}
    html = render(dossier, "html")
    for anchor in ("summary", "timeline", "relations", "stories", "outlets", "quotes", "actors"):
        assert f'id="{anchor}"' in html


def test_report_demo_writes_three_formats(demo_store: Store, tmp_path: Path) -> None:
    written = write_demo_dossier(demo_store, tmp_path)
    assert [p.name for p in written] == ["dossier.html", "dossier.md", "dossier.json"]
    assert all(p.stat().st_size > 1000 for p in written)
