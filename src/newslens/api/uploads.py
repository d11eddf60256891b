"""Uploads: which files the ingest endpoint accepts, and spooling them to disk for their job.

A file is accepted when its name's suffix (``.gz`` aside) is one newslens reads, or it has
none, and its first bytes are not a known binary format. Everything else is refused with 415
before a job exists. An empty file is accepted: its job quarantines it with reason ``empty``,
as ``newslens ingest`` would, so the refusal is recorded with the rest of the input's story.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from newslens.api.errors import ApiError
from newslens.ingest.decode import HEAD_BYTES, binary_kind

#: suffixes of the formats newslens reads (each may also end in .gz)
ALLOWED_SUFFIXES = frozenset(
    {
        ".txt", ".text", ".md",
        ".html", ".htm", ".xhtml", ".shtml",
        ".json", ".jsonl", ".ndjson", ".jsonlines",
        ".csv", ".tsv", ".tab",
        ".xml", ".rss", ".atom",
        ".warc", ".urls",
        ".parquet", ".pq",
    }
)  # fmt: skip
ACCEPTED = (
    "text (.txt), HTML, JSON or JSONL, CSV or TSV, XML feeds (RSS, Atom), WARC, Parquet or URL "
    "lists (.urls), each optionally gzipped (.gz)"
)
GZIP_MAGIC = b"\x1f\x8b"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Spooled:
    """A file written to a job's spool folder."""

    name: str
    size: int

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "size": self.size}


def safe_name(name: str | None, fallback: str = "upload") -> str:
    """A file name safe to write in the spool folder: no folders, no odd characters.

    The name matters: an article's id derives from its file name (or URL), so the same upload
    gets the same safe name and its articles are never stored twice.
    """
    raw = (name or "").replace("\x00", "")
    base = PurePosixPath(PureWindowsPath(raw).name).name
    cleaned = _UNSAFE.sub("_", base).strip("._")[:120]
    return cleaned or fallback


def _suffix(name: str) -> tuple[str, bool]:
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    return PurePosixPath(lower.removesuffix(".gz")).suffix, gzipped


def _unsupported(name: str, why: str) -> ApiError:
    return ApiError(415, "unsupported_file", f"{name}: {why}; send {ACCEPTED}")


def check_upload(name: str, head: bytes) -> None:
    """Raise a 415 :class:`ApiError` naming the file when it is not something newslens reads."""
    suffix, gzipped = _suffix(name)
    if suffix and suffix not in ALLOWED_SUFFIXES:
        raise _unsupported(name, f"files of type {suffix} are not accepted")
    if not head:
        return  # empty: the job quarantines it with its reason
    if head.startswith(GZIP_MAGIC):
        complete = len(head) < HEAD_BYTES  # the whole file is in hand: it must end cleanly
        inflater = zlib.decompressobj(wbits=47)
        try:
            inner = inflater.decompress(head, HEAD_BYTES)
        except zlib.error:
            raise _unsupported(name, "the gzip stream is damaged") from None
        if complete and not inflater.eof and not inflater.unconsumed_tail:
            raise _unsupported(name, "the gzip stream is damaged or cut short")
        head = inner
    elif gzipped:
        raise _unsupported(name, "it is named .gz but is not gzip-compressed")
    if head.startswith(b"PAR1"):
        if suffix in ("", ".parquet", ".pq"):
            return
        raise _unsupported(name, "it is a Parquet file under another name; name it .parquet")
    if suffix in (".parquet", ".pq"):
        raise _unsupported(name, "it is named .parquet but is not a Parquet file")
    kind = binary_kind(head)
    if kind is not None:
        raise _unsupported(name, f"it is {kind}, not text")


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``stem-2.ext`` and so on when the job already has a file of that name."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        stem, dot, ext = name.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


def spool_file(source: BinaryIO, folder: Path, name: str) -> Spooled:
    """Check and copy an uploaded file into ``folder``; 415 (nothing written) when refused."""
    head = source.read(HEAD_BYTES)
    check_upload(name, head)
    folder.mkdir(parents=True, exist_ok=True)
    size = len(head)
    with (folder / name).open("wb") as out:
        out.write(head)
        while chunk := source.read(_CHUNK):
            out.write(chunk)
            size += len(chunk)
    return Spooled(name, size)


def write_spooled(folder: Path, name: str, data: bytes) -> Spooled:
    """Check and write bytes already in memory (a JSONL body, a URL list) as one spooled file."""
    check_upload(name, data[:HEAD_BYTES])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return Spooled(name, len(data))
