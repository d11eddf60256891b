"""``--format auto``: which reader an input needs, and reading paths end to end."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from newslens.errors import UnknownFormatError
from newslens.ingest.base import readers
from newslens.ingest.decode import HEAD_BYTES, SAMPLE_BYTES, check_head
from newslens.ingest.sources import iter_sources, unreadable
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

log = logging.getLogger(__name__)

#: built-in readers in the order their sniffers are tried: the most specific first, text last.
#: Readers added by plugins are tried before all of these.
SNIFF_ORDER = ("warc", "parquet", "rss", "html", "jsonl", "json", "csv", "urls", "text")
#: a suffix claims a generic format; a more specific one wins when its sniffer agrees
_REFINE = {"text": "urls", "json": "jsonl"}
#: the options used when none are given
DEFAULT_OPTIONS = ReadOptions()


def _suffix(name: str) -> str:
    stem = name.lower().removesuffix(".gz")
    return PurePosixPath(stem).suffix


def detect_format(source: Source) -> str | None:
    """The reader name for ``source``: by suffix (``.gz`` stripped), then by sniffing its head.

    ``None`` when no reader recognises it. Raises ``OSError`` when the source cannot be opened.
    """
    head = source.head(HEAD_BYTES)
    suffix = _suffix(source.name)
    if suffix:
        for name, reader in readers.items():
            if suffix in reader.suffixes:
                finer = _REFINE.get(name)
                if (
                    finer is not None
                    and finer in readers
                    and readers[finer].sniff(head, source.name)
                ):
                    return finer
                return name
    plugins = [n for n in readers.names() if n not in SNIFF_ORDER]
    for name in (*plugins, *SNIFF_ORDER):
        if name in readers and readers[name].sniff(head, source.name):
            return name
    return None


def _undetected(source: Source) -> Rejected:
    try:
        head = source.head(HEAD_BYTES)
    except OSError as exc:
        return unreadable(source.name, exc.strerror or exc)
    checked = check_head(head, source.name)
    if isinstance(checked, Rejected):
        return checked
    known = ", ".join(readers.names())
    return Rejected(
        source.name,
        Reason.UNKNOWN_FORMAT,
        f"{source.name}: no reader recognises this input; name its format with --format "
        f"(one of {known})",
        head[:SAMPLE_BYTES],
    )


def read_source(
    source: Source, fmt: str = "auto", options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[RawDocument | Rejected]:
    """Read one source with the named reader (or the detected one); never silent.

    A source that yields nothing (an empty array, a header without rows) yields one refusal, and a
    stream that breaks (a truncated gzip, a vanished file) ends with one.
    """
    try:
        name = detect_format(source) if fmt == "auto" else fmt
    except OSError as exc:
        yield unreadable(source.name, exc.strerror or exc)
        return
    if name is None:
        yield _undetected(source)
        return
    count = 0
    try:
        for item in readers[name].read(source, options):
            count += 1
            yield item
    except (EOFError, zlib.error) as exc:
        yield _broken(source, exc, count)
        return
    except OSError as exc:
        if "gzip" in str(exc).lower() or "compressed" in str(exc).lower():
            yield _broken(source, exc, count)
        else:
            yield unreadable(source.name, exc.strerror or exc)
        return
    if count == 0:
        yield Rejected(
            source.name,
            Reason.NO_ARTICLE,
            f"{source.name}: read as {name}, it holds no documents; check its content, or name "
            f"another format with --format",
        )


def _broken(source: Source, exc: BaseException, count: int) -> Rejected:
    where = f"after {count} item(s)" if count else "before any item"
    return Rejected(
        source.name,
        Reason.MALFORMED_FILE,
        f"{source.name}: the compressed stream is damaged {where} ({exc}); "
        f"re-create the .gz file and ingest again",
    )


def check_format(fmt: str) -> None:
    """Raise :class:`~newslens.errors.UnknownFormatError` unless ``fmt`` is auto or a reader."""
    if fmt != "auto" and fmt not in readers:
        raise UnknownFormatError(
            f"--format {fmt}: no such format; use auto or one of {', '.join(readers.names())}"
        )


def read_paths(
    paths: Sequence[str | Path], fmt: str = "auto", options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[RawDocument | Rejected]:
    """Every raw document (and every refusal) under ``paths``, lazily, in order.

    ``fmt`` is a reader name or ``"auto"``. Raises :class:`~newslens.errors.UnknownFormatError`
    for an unknown name and :class:`~newslens.errors.InputNotFoundError` for a missing path, both
    before anything is read; :class:`~newslens.errors.ColumnMapError` when a ``--map`` column is
    missing from an input.
    """
    check_format(fmt)
    sources = iter_sources(paths)
    return _read_all(sources, fmt, options)


def _read_all(
    sources: Iterator[Source | Rejected], fmt: str, options: ReadOptions
) -> Iterator[RawDocument | Rejected]:
    for source in sources:
        if isinstance(source, Rejected):
            yield source
        else:
            yield from read_source(source, fmt, options)
