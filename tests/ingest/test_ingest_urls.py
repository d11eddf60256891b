"""The URL-list reader against a local HTTP server: pages, robots.txt, errors."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from newslens.ingest.urls import UrlListReader
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

Read = Callable[..., list[RawDocument | Rejected]]

PAGE = (
    b"<html><head><title>Council votes</title></head><body><p>The council voted.</p></body></html>"
)
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
    "/news/council": (200, "text/html; charset=utf-8", PAGE),
    "/private/memo": (200, "text/html", b"<html>secret</html>"),
    "/data.json": (200, "application/json", b"{}"),
}


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        status, ctype, body = ROUTES.get(self.path, (404, "text/html", b"<html>not found</html>"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=lambda: httpd.serve_forever(poll_interval=0.05), daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.mark.parametrize("name", ["list.urls", "list.txt", "list"])
def test_url_reader_fetches_politely(read: Read, server: str, name: str) -> None:
    urls = [
        f"{server}/news/council",
        f"{server}/private/memo",
        f"{server}/missing",
        f"{server}/data.json",
    ]
    items = read(
        name,
        "\n".join(["# fetched for a test", *urls, ""]),
        fetch_delay_seconds=0,
        user_agent="newslens-test/1.0",
    )
    page, disallowed, missing, not_html = items
    assert isinstance(page, RawDocument)
    assert page.url == urls[0] and page.content == PAGE.decode() and page.content_type == "html"
    assert page.source_path == f"{name}#2" and page.input_format == "urls"
    assert isinstance(disallowed, Rejected) and disallowed.reason is Reason.ROBOTS_DISALLOWED
    assert isinstance(missing, Rejected) and missing.reason is Reason.FETCH_FAILED
    assert "HTTP 404" in missing.detail
    assert isinstance(not_html, Rejected) and not_html.reason is Reason.FETCH_FAILED
    assert "application/json" in not_html.detail
    paths = [p for p, _ in Handler.requests]
    assert paths.count("/robots.txt") == 1  # once per host
    assert "/private/memo" not in paths
    assert all(agent == "newslens-test/1.0" for _, agent in Handler.requests)


def test_url_reader_unreachable_host_is_fetch_failed(read: Read) -> None:
    (item,) = read(
        "dead.urls", "http://127.0.0.1:9/nothing\n", fetch_delay_seconds=0, fetch_timeout_seconds=2
    )
    assert isinstance(item, Rejected) and item.reason is Reason.FETCH_FAILED
    assert "dead.urls#1" in item.detail


def test_url_reader_waits_between_requests_to_a_host(server: str) -> None:
    waits: list[float] = []
    reader = UrlListReader(sleep=waits.append)
    data = f"{server}/news/council\n{server}/news/council\n".encode()
    source = Source("two.urls", opener=lambda: io.BytesIO(data))
    items = list(reader.read(source, ReadOptions(fetch_delay_seconds=5)))
    assert all(isinstance(i, RawDocument) for i in items)
    assert len(waits) == 2 and all(0 < w <= 5 for w in waits)  # robots, page, page: two waits
