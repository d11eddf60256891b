"""The web UI in a real browser: Debian's Chromium drives a server started on 127.0.0.1.

A reader's path, by clicking: live search → article → story → actor → dyad, checking content on
each page and keeping screenshots in tests/artifacts/. The hostile article must show its
``<script>`` as text: no dialog fires, no element is injected, nothing loads from another origin.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from newslens.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
STORY = "Port Seren statement: what it says and what it leaves out"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is absent at /usr/bin/chromium"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(
    demo_store: Store, demo_db: str, app_factory: Callable[[Store, str], FastAPI]
) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free port; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    config = uvicorn.Config(
        app_factory(demo_store, demo_db), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """A Chromium page, with what it requested, which dialogs fired and console errors."""
    sync_api = pytest.importorskip("playwright.sync_api")
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.set_default_timeout(10_000)
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)

        def on_dialog(dialog: Any) -> None:
            seen["dialogs"].append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        yield page, seen
        browser.close()


def _shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    return path


def test_web_browser_search_story_actor_dyad_by_clicking(
    server: str, browser_page: tuple[Any, dict[str, list[str]]]
) -> None:
    page, seen = browser_page
    page.goto(f"{server}/")
    assert page.evaluate("typeof htmx") == "object", "the vendored htmx loaded"

    # live search: typing fills the results without a page load (htmx)
    page.locator("form.search input[name=q]").fill('"Port Seren statement"')
    page.wait_for_selector("#results a.title")
    assert "Results 1–" in page.inner_text("#results")
    assert "q=" in page.url, "the query is pushed to the address bar"
    _shot(page, "web-search.png")
    page.locator("#results a.title", has_text=STORY).first.click()

    # article -> its story
    page.wait_for_selector("article.body")
    assert page.locator("h1").inner_text() == STORY
    page.locator(".crumbs a", has_text=STORY).click()

    page.wait_for_selector("#summary")
    assert page.locator("h1").inner_text() == STORY
    assert page.locator("ul.summary .cite a").count() >= 3
    assert page.locator("table.matrix td.yes").count() >= 3
    assert page.locator("svg.chart circle").count() >= 3
    _shot(page, "web-story.png")
    page.locator("table.actors a", has_text="Kestria").first.click()

    page.wait_for_selector("svg.chart")
    assert page.locator("h1").inner_text() == "Kestria"
    assert "Kestrian government" in page.locator("dl.facts").inner_text()
    _shot(page, "web-actor.png")
    page.locator("ul.counterparts a", has_text="Norvadia").first.click()

    page.wait_for_selector("svg.chart")
    assert page.locator("h1").inner_text() == "Kestria – Norvadia"
    assert page.locator('svg[aria-label="Relation score by month"] rect').count() >= 2
    assert page.locator("table.events a[href^='/events/']").count() >= 3
    _shot(page, "web-dyad.png")

    page.locator("table.events td.type a").first.click()
    page.wait_for_selector("#evidence")
    assert page.locator("ul.evidence blockquote").count() >= 1

    assert [u for u in seen["requests"] if not u.startswith(server)] == []
    assert not [e for e in seen["errors"] if "Content Security Policy" in e], seen["errors"]


def test_web_browser_hostile_article_renders_as_text(
    server: str, browser_page: tuple[Any, dict[str, list[str]]], hostile_id: str
) -> None:
    page, seen = browser_page
    page.goto(f"{server}/articles/{hostile_id}")
    body = page.locator("article.body")
    assert SCRIPT in body.inner_text() and IMG in body.inner_text()
    assert page.get_by_text(IMG, exact=False).first.is_visible()
    assert SCRIPT in page.locator("h1").inner_text()
    assert page.locator("main script, main img").count() == 0
    _shot(page, "web-hostile-article.png")

    page.goto(f"{server}/search?q=lantern")
    page.locator("form.search input[name=q]").fill("lantern banner")
    page.wait_for_selector("#results a.title")
    assert SCRIPT in page.locator("#results").inner_text()
    assert page.locator("#results script, #results img").count() == 0
    assert seen["dialogs"] == [], "a script from an article ran"
