"""WARC crawls (warcio): each successful HTML ``response`` record is one raw document.

Requests, metadata, images and redirects are not articles and are passed over (the count is
logged); an HTML error response (4xx, 5xx) is quarantined as ``fetch_failed`` with its status.
The crawl date goes to ``extra`` as ``crawled``: it is when the page was fetched,
not when it was published.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newslens.ingest.base import readers
from newslens.ingest.decode import SAMPLE_BYTES, decode_document, read_bounded, too_large
from newslens.ingest.plain import declared_charset
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

log = logging.getLogger(__name__)

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class WarcReader:
    """WARC files, plain or gzipped per record (``.warc``, ``.warc.gz``)."""

    name: str = "warc"
    suffixes: tuple[str, ...] = (".warc",)

    def sniff(self, head: bytes, name: str) -> bool:
        """True when the input opens with a WARC version line."""
        return head.startswith(b"WARC/")

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one HTML document per 2xx response record (``name#N``, N the record number)."""
        n = 0
        passed_over = 0
        with source.open() as stream:
            try:
                for record in ArchiveIterator(stream):
                    n += 1
                    result = self._record(source.name, n, record, options)
                    if result is None:
                        passed_over += 1
                    else:
                        yield result
            except (ArchiveLoadFailed, ValueError, EOFError) as exc:
                where = f"after record {n}" if n else "at its start"
                yield Rejected(
                    source.name,
                    Reason.MALFORMED_FILE,
                    f"{source.name}: the WARC file does not parse {where} ({exc}); check that "
                    f"it is complete and ingest again",
                    source.head(SAMPLE_BYTES) if not n else b"",
                )
        log.info("%s: %d records, %d not HTML pages passed over", source.name, n, passed_over)

    def _record(
        self, name: str, n: int, record: Any, options: ReadOptions
    ) -> RawDocument | Rejected | None:
        if record.rec_type != "response" or record.http_headers is None:
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
        if "html" not in content_type.lower() or status.startswith("3"):
            return None
        path = f"{name}#{n}"
        url = record.rec_headers.get_header("WARC-Target-URI")
        if not status.startswith("2"):
            # An error page the crawler kept: not an article, but the user ingested it, so it is
            # quarantined with its status rather than passed over in silence.
            return Rejected(
                path,
                Reason.FETCH_FAILED,
                f"{path}: the crawl recorded HTTP {status or '?'} for {url}, an error page, not "
                f"an article; recrawl the URL if it should have a page",
                record.content_stream().read(SAMPLE_BYTES),
            )
        data = read_bounded(record.content_stream(), options.max_document_bytes)
        if data is None:
            return too_large(path, options.max_document_bytes, b"", f"the page {url}")
        match = _CHARSET.search(content_type)
        hint = match.group(1) if match else declared_charset(data)
        decoded = decode_document(data, path, hint=hint)
        if isinstance(decoded, Rejected):
            return decoded
        extra: list[tuple[str, str]] = []
        crawled = record.rec_headers.get_header("WARC-Date")
        if crawled:
            extra.append(("crawled", crawled))
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        if record_id:
            extra.append(("warc_record_id", record_id))
        return RawDocument(
            source_path=path,
            content=decoded.text,
            content_type="html",
            input_format=self.name,
            url=url or None,
            outlet=options.outlet,
            extra=(*extra, *decoded.extra()),
        )


readers.add("warc", WarcReader())
