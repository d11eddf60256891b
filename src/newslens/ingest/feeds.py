"""RSS and Atom feeds (feedparser): each entry is one raw document."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from newslens.ingest.base import readers
from newslens.ingest.columns import looks_like_html
from newslens.ingest.decode import SAMPLE_BYTES, check_head, head_text, read_document
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _entry_content(entry: Any) -> str:
    """The fullest text an entry carries: its content, else its summary or description."""
    contents = entry.get("content") or []
    parts = [c.get("value", "") for c in contents if isinstance(c, dict)]
    body = "\n".join(p for p in parts if p.strip())
    if not body:
        body = entry.get("summary") or entry.get("description") or ""
    return str(body)


# RSS 2.0 writes authors as "email (Name)"; feedparser's own split misreads long TLDs.
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")


def _rss_author(value: str | None) -> str | None:
    """The name in an RSS ``author`` ("news@site.example (Desk)" -> "Desk"), else the value."""
    if not value:
        return None
    match = _EMAIL_NAME.match(value)
    if match:
        return match.group("name").strip()
    return None if "@" in value and " " not in value.strip() else value.strip()


class FeedReader:
    """RSS 0.9x/1.0/2.0 and Atom feeds."""

    name: str = "rss"
    suffixes: tuple[str, ...] = (".rss", ".atom")

    def sniff(self, head: bytes, name: str) -> bool:
        """True when an ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root element opens the input."""
        return _FEED_ROOT.search(head_text(head, 2048)) is not None

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one document per entry (``name#N``), or a refusal for the feed or an entry."""
        import feedparser  # imported here: it is slow to load and only feeds need it

        data = read_document(source, options)
        if isinstance(data, Rejected):
            yield data
            return
        checked = check_head(data, source.name, complete=True)
        if isinstance(checked, Rejected):
            yield checked
            return
        # a stream, not bytes: feedparser fetches strings that look like URLs
        parsed = feedparser.parse(
            io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False
        )
        entries = parsed.get("entries") or []
        if not entries:
            problem = parsed.get("bozo_exception")
            why = f"it does not parse as a feed ({problem})" if problem else "it has no entries"
            yield Rejected(
                source.name,
                Reason.MALFORMED_FILE if problem else Reason.NO_ARTICLE,
                f"{source.name}: {why}; check that it is an RSS or Atom feed and ingest again",
                data[:SAMPLE_BYTES],
            )
            return
        feed = parsed.get("feed") or {}
        outlet = options.outlet or _text(feed.get("title"))
        language = _text(feed.get("language"))
        for n, entry in enumerate(entries, 1):
            yield self._entry(source.name, n, entry, outlet, language, options)

    def _entry(
        self,
        name: str,
        n: int,
        entry: Any,
        outlet: str | None,
        language: str | None,
        options: ReadOptions,
    ) -> RawDocument | Rejected:
        path = f"{name}#{n}"
        content = _entry_content(entry)
        if not content.strip():
            return Rejected(
                path,
                Reason.EMPTY,
                f"{name}: entry {n} has no content or summary; fetch its link with the urls "
                f"reader instead",
            )
        if len(content.encode("utf-8")) > options.max_document_bytes:
            return Rejected(
                path,
                Reason.TOO_LARGE,
                f"{name}: entry {n} is over the {options.max_document_bytes:,}-byte limit; "
                f"raise it with `newslens ingest --max-document-mb` and ingest again",
                content.encode("utf-8")[:SAMPLE_BYTES],
            )
        raw_author = _text(entry.get("author"))
        author = _rss_author(raw_author)
        if raw_author is None:  # Atom <author><name>; feedparser's split of RSS strings is unsafe
            authors = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
            author = ", ".join(a for a in authors if a)
        extra = [("guid", entry["id"])] if isinstance(entry.get("id"), str) else []
        tags = [t.get("term") for t in entry.get("tags") or [] if isinstance(t, dict)]
        if any(tags):
            extra.append(("tags", ", ".join(t for t in tags if t)))
        return RawDocument(
            source_path=path,
            content=content,
            content_type="html" if looks_like_html(content) else "text",
            input_format=self.name,
            url=_text(entry.get("link")),
            title=_text(entry.get("title")),
            published=_text(entry.get("published") or entry.get("updated")),
            author=author or None,
            outlet=outlet,
            language=_text(entry.get("language")) or language,
            extra=tuple(extra),
        )


readers.add("rss", FeedReader())
