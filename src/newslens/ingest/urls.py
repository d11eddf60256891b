"""A list of URLs to fetch (httpx), politely: robots.txt respected, one request per host at a time
with a delay between them, a timeout and an honest user agent.

Each line's page is one raw HTML document; each URL that yields no page is one refusal, named
``name#N`` with N the line number.
"""

from __future__ import annotations

import logging
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx

from newslens.ingest.base import readers
from newslens.ingest.decode import (
    HEAD_BYTES,
    decode_document,
    head_text,
    read_text_document,
    too_large,
)
from newslens.ingest.plain import declared_charset
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

log = logging.getLogger(__name__)

_URL = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _url_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


class UrlListReader:
    """A file of http(s) URLs, one per line (``#`` comments and blank lines allowed)."""

    name: str = "urls"
    suffixes: tuple[str, ...] = (".urls",)

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.transport = transport
        self.sleep = sleep

    def sniff(self, head: bytes, name: str) -> bool:
        """True when every non-empty line of the head is an http(s) URL."""
        text = head_text(head, HEAD_BYTES)
        lines = _url_lines(text)
        if len(head) >= HEAD_BYTES and lines:
            lines = lines[:-1]  # the last line may be cut
        return bool(lines) and all(_URL.fullmatch(line) for line in lines)

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Fetch each URL in order and yield its page or the reason it was not fetched."""
        decoded = read_text_document(source, options)
        if isinstance(decoded, Rejected):
            yield decoded
            return
        client = httpx.Client(
            transport=self.transport,
            timeout=options.fetch_timeout_seconds,
            headers={"User-Agent": options.user_agent},
            follow_redirects=True,
        )
        with client:
            fetcher = _Fetcher(client, options, self.sleep)
            for lineno, line in enumerate(decoded.text.splitlines(), 1):
                url = line.strip()
                if not url or url.startswith("#"):
                    continue
                path = f"{source.name}#{lineno}"
                if not _URL.fullmatch(url):
                    yield Rejected(
                        path,
                        Reason.MALFORMED_ROW,
                        f"{source.name}: line {lineno} is not an http(s) URL; fix or remove it, "
                        f"then ingest again",
                        url.encode("utf-8"),
                    )
                    continue
                yield fetcher.fetch(url, path)


class _Fetcher:
    """Fetches pages for one URL list: robots.txt once per host, a delay between requests."""

    def __init__(
        self, client: httpx.Client, options: ReadOptions, sleep: Callable[[float], None]
    ) -> None:
        self.client = client
        self.options = options
        self.sleep = sleep
        self.robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self.last_request: dict[str, float] = {}

    def _polite_get(self, host: str, url: str) -> httpx.Response:
        """Send a streamed GET after waiting out the host's delay; the caller closes it."""
        delay = self.options.fetch_delay_seconds
        parser = self.robots.get(host)
        if isinstance(parser, urllib.robotparser.RobotFileParser):
            crawl_delay = parser.crawl_delay(self.options.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        last = self.last_request.get(host)
        if last is not None:
            wait = delay - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        try:
            return self.client.send(self.client.build_request("GET", url), stream=True)
        finally:
            self.last_request[host] = time.monotonic()

    def _robots(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        """The host's robots.txt rules, or a string saying why the host cannot be fetched."""
        cached = self.robots.get(host)
        if cached is not None:
            return cached
        parser = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        try:
            response = self._polite_get(host, f"{host}/robots.txt")
            try:
                body = response.read()
            finally:
                response.close()
        except httpx.HTTPError as exc:
            result: urllib.robotparser.RobotFileParser | str = f"{host} did not answer ({exc})"
        else:
            status = response.status_code
            if status == 200:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            elif status in (401, 403) or status >= 500:
                # RFC 9309: a forbidden or failing robots.txt means nothing may be fetched
                parser.parse(["User-agent: *", "Disallow: /"])
            else:
                parser.parse([])  # no robots.txt: everything is allowed
            result = parser
        self.robots[host] = result
        return result

    def fetch(self, url: str, path: str) -> RawDocument | Rejected:
        """The page at ``url`` as an HTML document, or why it could not be had."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots(host)
        if isinstance(robots, str):
            return self._failed(path, url, f"{robots}; check the URL or try again later")
        if not robots.can_fetch(self.options.user_agent, url):
            return Rejected(
                path,
                Reason.ROBOTS_DISALLOWED,
                f"{path}: {host}/robots.txt does not allow fetching {url}; get the page another "
                f"way (e.g. a WARC or an export) or leave it out",
            )
        try:
            response = self._polite_get(host, url)
        except httpx.HTTPError as exc:
            return self._failed(path, url, f"the request failed ({exc}); check the URL or retry")
        try:
            return self._page(path, url, response)
        except httpx.HTTPError as exc:
            return self._failed(path, url, f"the download broke off ({exc}); retry later")
        finally:
            response.close()

    def _page(self, path: str, url: str, response: httpx.Response) -> RawDocument | Rejected:
        status = response.status_code
        if status != 200:
            return self._failed(path, url, f"the server answered HTTP {status}; check the URL")
        content_type = response.headers.get("Content-Type", "")
        if not any(t in content_type.lower() for t in _HTML_TYPES):
            kind = content_type.split(";")[0].strip() or "no content type"
            return self._failed(
                path,
                url,
                f"the server answered HTTP 200 with {kind}, not an HTML page; leave it out",
            )
        limit = self.options.max_document_bytes
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return too_large(path, limit, b"".join(chunks), f"the page {url}")
        data = b"".join(chunks)
        match = _CHARSET.search(content_type)
        decoded = decode_document(
            data, path, hint=match.group(1) if match else declared_charset(data)
        )
        if isinstance(decoded, Rejected):
            return decoded
        final_url = str(response.url)
        extra = (("fetched_url", final_url),) if final_url != url else ()
        return RawDocument(
            source_path=path,
            content=decoded.text,
            content_type="html",
            input_format="urls",
            url=url,
            outlet=self.options.outlet,
            extra=(*extra, *decoded.extra()),
        )

    def _failed(self, path: str, url: str, what: str) -> Rejected:
        log.info("%s: %s", url, what)
        return Rejected(path, Reason.FETCH_FAILED, f"{path}: fetching {url}: {what}")


readers.add("urls", UrlListReader())
