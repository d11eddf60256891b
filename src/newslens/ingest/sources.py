"""Turn the paths a user gives into :class:`~newslens.records.Source` values, lazily.

Folders are walked recursively in sorted order, skipping hidden files and dot-folders; nothing is
read until a reader opens a source, so a folder of many thousands of files costs one directory
listing at a time. Gzip is undone transparently for every format (detected by magic bytes).
"""

from __future__ import annotations

import functools
import glob
import gzip
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, cast

from newslens.errors import InputNotFoundError
from newslens.records import Reason, Rejected, Source

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"


def open_path(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, decompressing it on the fly when it is gzip."""
    stream = path.open("rb")
    try:
        magic = stream.read(2)
        stream.seek(0)
    except OSError:
        stream.close()
        raise
    if magic == GZIP_MAGIC:
        stream.close()
        return cast(IO[bytes], gzip.open(path, "rb"))
    return stream


def unreadable(name: str, why: object) -> Rejected:
    """The refusal for an input the file system will not give us."""
    return Rejected(
        name,
        Reason.UNREADABLE,
        f"{name}: the file cannot be read ({why}); check that it exists and that you may read "
        f"it, then ingest again",
    )


def _source(path: Path, name: str) -> Source | Rejected:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return unreadable(name, exc.strerror or exc)
    if not os.access(path, os.R_OK):
        return unreadable(name, "permission denied")
    return Source(name=name, opener=functools.partial(open_path, path), size=size, path=path)


def _walk(folder: Path, prefix: str) -> Iterator[Source | Rejected]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield unreadable(prefix, exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        name = f"{prefix}/{entry.name}"
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path, name)
            elif entry.is_file(follow_symlinks=True):
                yield _source(path, name)
            elif entry.is_symlink():
                yield unreadable(name, "a link to a file that does not exist")
            else:
                log.info("%s: not a regular file (socket, pipe, device); passed over", name)
        except OSError as exc:
            yield unreadable(name, exc.strerror or exc)


def iter_sources(paths: Sequence[str | Path]) -> Iterator[Source | Rejected]:
    """The files under ``paths`` as sources, in order; each unreadable one as a refusal.

    A file argument is named by its file name; a file inside a folder argument by its path
    relative to the folder's parent (``seeds/000_x.txt``); a path that does not exist but is a
    glob pattern (``shards/*.jsonl.gz``, ``**`` for any depth) stands for the files and folders
    it matches, in sorted order, a matched file named as matched (``shards/a.jsonl.gz``). Raises
    :class:`~newslens.errors.InputNotFoundError` at once when a path does not exist.
    """
    resolved: list[tuple[Path, str | None]] = []
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink() and glob.has_magic(str(given)):
            matches = sorted(glob.glob(str(given), recursive=True))
            if not matches:
                raise InputNotFoundError(
                    f"{given}: no file matches this pattern (looked in {Path.cwd()}); check the "
                    f"pattern, or quote it so that the shell leaves it to newslens"
                )
            resolved += [(Path(m), m) for m in matches]  # named as matched: "shards/a.jsonl"
        elif not path.exists() and not path.is_symlink():
            raise InputNotFoundError(
                f"{path}: no such file or folder (looked in {Path.cwd()}); check the spelling, "
                f"or give an absolute path"
            )
        else:
            resolved.append((path, None))
    return _iter_sources(resolved)


def _iter_sources(paths: list[tuple[Path, str | None]]) -> Iterator[Source | Rejected]:
    for path, matched in paths:
        if matched is not None and path.is_file():
            yield _source(path, matched)
        elif path.is_dir():
            name = path.name if path.name not in ("", ".", "..") else path.resolve().name
            yield from _walk(path, name)
        elif path.exists():
            yield _source(path, path.name)
        else:
            yield unreadable(path.name, "a link to a file that does not exist")
