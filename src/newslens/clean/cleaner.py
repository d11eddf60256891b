"""The cleaning stage: raw documents in, articles (and refused inputs) out."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newslens.clean.boilerplate import is_sentence_like, remove_boilerplate
from newslens.clean.dates import (
    DateInfo,
    date_from_url,
    month_day,
    numeric_order,
    parse_date,
    take_date_header,
)
from newslens.clean.language import detect_language, load_identifier, normalize_language
from newslens.clean.lexicon import BoilerplateCues, SignatureCues, boilerplate_cues, signature_cues
from newslens.clean.metadata import (
    TextSignals,
    is_truncated,
    read_signals,
    resolve_outlet,
    split_title_suffix,
)
from newslens.clean.normalize import article_id, body_hash, join_paragraphs, normalize_text
from newslens.clean.outlets import OutletRegistry
from newslens.records import Article, RawDocument, Reason, Rejected, StageResult
from newslens.stages import stages

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageMetadata:
    """Metadata an HTML extractor found on the page (all optional)."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class _Prepared:
    doc: RawDocument
    text: str  # normalised input text (an HTML page's extracted body)
    lines: tuple[str, ...]
    header_date: dt.date | None
    page: PageMetadata


class Cleaner:
    """Turn raw documents into articles: boilerplate removed, metadata found, text normalised.

    ``__init__`` only stores settings; :meth:`setup` loads the outlet registry, cue lists and the
    language model; calling the stage on a batch returns a :class:`StageResult` whose ``dropped``
    holds the inputs with no article (``Reason.EMPTY``, ``Reason.NO_ARTICLE``).
    """

    name = "clean"

    def __init__(
        self,
        *,
        outlets_dir: str | None = None,
        boilerplate_file: str | None = None,
        signatures_file: str | None = None,
        detect_language: bool = True,
    ) -> None:
        self.outlets_dir = outlets_dir
        self.boilerplate_file = boilerplate_file
        self.signatures_file = signatures_file
        self.detect_language = detect_language
        self._registry: OutletRegistry | None = None
        self._cues: BoilerplateCues | None = None
        self._signatures: SignatureCues | None = None
        self._identifier: Any = None

    def setup(self) -> None:
        """Load the outlet registry, the cue lists and (when enabled) the language model."""
        self._registry = OutletRegistry.load(Path(self.outlets_dir) if self.outlets_dir else None)
        self._cues = boilerplate_cues(
            Path(self.boilerplate_file) if self.boilerplate_file else None
        )
        self._signatures = signature_cues(
            Path(self.signatures_file) if self.signatures_file else None
        )
        self._identifier = load_identifier() if self.detect_language else None

    def __getstate__(self) -> dict[str, Any]:
        # Loaded resources are rebuilt by setup() on the other side (e.g. in a Ray actor).
        state = dict(self.__dict__)
        for key in ("_registry", "_cues", "_signatures", "_identifier"):
            state[key] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __call__(self, batch: Sequence[RawDocument]) -> StageResult[Article]:
        """Clean a batch. Deterministic: the same batch always gives the same result."""
        if self._registry is None:
            self.setup()
        prepared: list[_Prepared] = []
        dropped: list[Rejected] = []
        for doc in batch:
            item = self._prepare(doc)
            if isinstance(item, Rejected):
                dropped.append(item)
            else:
                prepared.append(item)
        repeated = self._repeated_lines(prepared)
        conventions = _date_conventions(prepared)
        articles: list[Article] = []
        for item in prepared:
            dayfirst = conventions.get(_input_file(item.doc))
            result = self._clean(item, repeated, dayfirst)
            if isinstance(result, Rejected):
                dropped.append(result)
            else:
                articles.append(result)
        return StageResult(tuple(articles), tuple(dropped))

    def _prepare(self, doc: RawDocument) -> _Prepared | Rejected:
        if not doc.content.strip():
            detail = f"{doc.source_path}: the document has no text; remove it or fix the export"
            return Rejected(doc.source_path, Reason.EMPTY, detail)
        page = PageMetadata()
        content = doc.content
        if doc.content_type == "html":
            from newslens.clean.html import extract_html

            extraction = extract_html(doc.content, doc.url)
            page = PageMetadata(
                title=extraction.title,
                author=extraction.author,
                published=extraction.published,
                sitename=extraction.sitename,
                language=extraction.language,
            )
            content = extraction.body
        text = normalize_text(content, unescape=doc.content_type == "text")
        header_date, rest = take_date_header(text)
        return _Prepared(doc, text, split_lines(rest), header_date, page)

    def _repeated_lines(self, prepared: Sequence[_Prepared]) -> frozenset[str]:
        assert self._cues is not None
        sources: dict[str, set[str]] = defaultdict(set)
        for item in prepared:
            key = _source_key(item.doc)
            for line in set(item.lines):
                if len(line) <= self._cues.repetition_max_chars and not is_sentence_like(line):
                    sources[line].add(key)
        minimum = self._cues.repetition_min_sources
        return frozenset(line for line, keys in sources.items() if len(keys) >= minimum)

    def _clean(
        self, item: _Prepared, repeated: frozenset[str], dayfirst: bool | None = None
    ) -> Article | Rejected:
        assert self._registry and self._cues and self._signatures
        doc, registry = item.doc, self._registry
        gentle = doc.content_type == "html"
        cleaned = remove_boilerplate(item.lines, self._cues, repeated=repeated, gentle=gentle)
        kept = list(cleaned.kept)
        given_title = doc.title or item.page.title
        signals = read_signals(
            kept, item.lines, registry, self._signatures, find_title=not given_title
        )
        removed = list(cleaned.removed)
        consumed = set(signals.consumed)
        for i in sorted(consumed):
            if i != 0 or signals.title is None:
                removed.append(kept[i])
        if given_title and kept and _same_title(kept[0], given_title, registry):
            consumed.add(0)
        body = join_paragraphs([line for i, line in enumerate(kept) if i not in consumed])
        if not body:
            detail = (
                f"{doc.source_path}: no article text left after removing {len(removed)} "
                f"boilerplate lines (a page without an article?); if it is an article, check "
                f"the input with `newslens ingest --format text` or report the removed lines"
            )
            logger.debug(detail)
            sample = doc.content[:65536].encode("utf-8", "replace")
            return Rejected(doc.source_path, Reason.NO_ARTICLE, detail, sample)
        title, suffix_outlet = _title(doc, item.page, signals, registry)
        outlet, original = _outlets(doc, item.page, signals, suffix_outlet, registry)
        dates = _dates(doc, item, signals, dayfirst)
        language = normalize_language(doc.language)
        if language is None and self._identifier is not None:
            language = detect_language(self._identifier, body)
        language = language or normalize_language(item.page.language)
        author = doc.author or item.page.author or signals.author
        if author is None and not signals.republished:
            # A bio on a republished page names the reposter, not the writer.
            author = signals.bio_author
        # The provenance key is the URL, else the file name (+ #row) without its folder, so
        # ingesting a folder or one of its files, from any working directory, gives one id.
        key = doc.url or doc.source_path.replace("\\", "/").rsplit("/", 1)[-1]
        return Article(
            id=article_id(key, item.text),
            source_path=doc.source_path,
            body=body,
            input_format=doc.input_format,
            url=doc.url,
            outlet=outlet,
            original_outlet=original,
            title=title,
            author=author.strip() if author else None,
            language=language,
            published=dates.published,
            published_earliest=dates.earliest,
            published_latest=dates.latest,
            truncated=is_truncated(body, self._signatures),
            body_hash=body_hash(body),
            removed_lines=tuple(removed),
            raw=doc.content,
        )


def split_lines(text: str) -> tuple[str, ...]:
    """Non-empty lines of normalised text, re-joining hard-wrapped lines of one paragraph.

    A line continues the previous one when that one is long, does not end a sentence and the next
    starts in lower case (a hard wrap, not a new paragraph or a junk line).
    """
    lines: list[str] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        joinable = lines and not previous_blank and len(lines[-1]) >= 40
        if joinable and not is_sentence_like(lines[-1]) and line[:1].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        previous_blank = False
    return tuple(lines)


def _source_key(doc: RawDocument) -> str:
    if doc.url:
        host = urlsplit(doc.url if "//" in doc.url else f"//{doc.url}").hostname
        if host:
            return host.removeprefix("www.")
    return doc.outlet or doc.source_path


def _same_title(line: str, title: str, registry: OutletRegistry) -> bool:
    plain = split_title_suffix(title, registry)[0].casefold()
    return line.casefold() in (title.casefold(), plain)


def _title(
    doc: RawDocument, page: PageMetadata, signals: TextSignals, registry: OutletRegistry
) -> tuple[str | None, str | None]:
    raw = doc.title or page.title or signals.title
    if not raw or not raw.strip():
        return None, None
    title, suffix = split_title_suffix(" ".join(raw.split()), registry)
    return title, suffix


def _outlets(
    doc: RawDocument,
    page: PageMetadata,
    signals: TextSignals,
    suffix_outlet: str | None,
    registry: OutletRegistry,
) -> tuple[str | None, str | None]:
    url_outlet, wire = registry.from_url(doc.url) if doc.url else (None, None)
    given = registry.canonical(doc.outlet) if doc.outlet and doc.outlet.strip() else None
    site = resolve_outlet(page.sitename, registry)
    # The publisher of the text as given: the user's word first, then the page's own address,
    # then what the page and the text say of themselves. A title suffix on a republished page
    # names the original, not the republisher, so it does not count here.
    from_text = signals.byline_outlet or signals.notice_outlet or signals.dateline_outlet
    named_elsewhere = signals.republished_from and suffix_outlet != signals.republished_from
    if not signals.republished or named_elsewhere:
        from_text = from_text or suffix_outlet
    outlet = given or url_outlet or site or from_text
    original = wire or signals.republished_from
    if original is None and signals.republished:
        original = suffix_outlet
    if original is None and signals.dateline_outlet and outlet != signals.dateline_outlet:
        original = signals.dateline_outlet  # a wire's "(AP) --" dateline in another's page
    return outlet, (original if original != outlet else None)


def _input_file(doc: RawDocument) -> str:
    return doc.source_path.split("#", 1)[0]


def _date_conventions(prepared: Sequence[_Prepared]) -> dict[str, bool]:
    """Per input file, whether its numeric dates are written day first (``True``) or month
    first (``False``), when its unambiguous dates ("25/03/2031") all agree; files whose dates
    settle nothing, or disagree, are left out and their ambiguous dates stay intervals."""
    seen: dict[str, set[bool]] = defaultdict(set)
    for item in prepared:
        order = numeric_order(item.doc.published)
        if order is not None:
            seen[_input_file(item.doc)].add(order)
    return {key: orders.pop() for key, orders in seen.items() if len(orders) == 1}


def _dates(
    doc: RawDocument, item: _Prepared, signals: TextSignals, dayfirst: bool | None = None
) -> DateInfo:
    stated = parse_date(doc.published, dayfirst)
    if stated.published:
        return stated
    for day in (item.header_date,):
        if day:
            return DateInfo(day)
    page = parse_date(item.page.published)
    for info in (page, signals.published):
        if info.published:
            return info
    from_url = date_from_url(doc.url)
    if from_url:
        return DateInfo(from_url)
    bounds = next((i for i in (stated, page, signals.published) if i.earliest), DateInfo())
    if signals.dateline_month_day:
        # "March 7 (UPI) --" gives a date only with a year known from elsewhere.
        day = month_day(*signals.dateline_month_day, bounds.year)
        if day:
            return DateInfo(day)
    updated = signals.updated.published or signals.updated.latest
    if updated and bounds == DateInfo():
        # Only an "Updated ..." line: the article was published on or before that day.
        return DateInfo(None, None, updated)
    return bounds


stages.add("clean", Cleaner)


def clean_documents(docs: Sequence[RawDocument], **settings: Any) -> StageResult[Article]:
    """Clean ``docs`` with a freshly set-up :class:`Cleaner` (settings as its keyword args)."""
    cleaner = Cleaner(**settings)
    cleaner.setup()
    return cleaner(docs)
