"""The HTML dossier as a reader sees it: Debian's Chromium, headless, draws it offline.

Checks what a screenshot shows: both charts drawn with marks, nothing wider than the page, no
request leaves the file. The screenshot is kept in tests/artifacts/ for a look by eye.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newslens.demo import demo_corpus, main_thread
from newslens.pipeline import build, ingest
from newslens.report import Request, make_dossier, render
from newslens.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is absent: `make test` installs it"
)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    store = Store.open(str(folder / "demo.db"))
    ingest(store, [demo_corpus()])
    build(store)
    dossier = make_dossier(store, Request(thread_id=main_thread(store)))
    path = folder / "dossier.html"
    path.write_text(render(dossier, "html"), encoding="utf-8")
    return path


def test_report_html_draws_its_charts_offline(page_file: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        charts: list[dict[str, Any]] = page.eval_on_selector_all(
            "svg.chart",
            "els => els.map(e => ({w: e.getBoundingClientRect().width,"
            " h: e.getBoundingClientRect().height,"
            " marks: e.querySelectorAll('circle, rect').length}))",
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "dossier.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert len(charts) >= 2, "the timeline and the relation chart"
    assert all(c["w"] > 400 and c["h"] > 100 for c in charts), charts
    timeline, relation = charts[0], charts[1]
    assert timeline["marks"] > 10 and relation["marks"] >= 1, charts
    assert not overflow, "the page scrolls sideways"
    assert [r for r in requests if not r.startswith("file:")] == []
    assert shot.stat().st_size > 20_000
