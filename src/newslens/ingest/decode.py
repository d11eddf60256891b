"""Bytes to text, shared by every reader: BOMs, UTF-8, legacy encodings, and refusals.

A reader looks at the head of its input with :func:`check_head` (empty? binary? which encoding?)
and then either decodes one bounded document with :func:`decode_document` or streams with
:func:`open_text`. Refusals come back as :class:`~newslens.records.Rejected` values, never raised.
"""

from __future__ import annotations

import codecs
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import charset_normalizer

from newslens.records import ReadOptions, Reason, Rejected, Source

log = logging.getLogger(__name__)

#: how many bytes of a refused input are kept in ``Rejected.sample``
SAMPLE_BYTES = 64 * 1024
#: how many bytes are looked at to decide on binary content and encoding
HEAD_BYTES = 64 * 1024

# UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the same two bytes.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 stream"),
    (b"\xfd7zXZ\x00", "an xz stream"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard stream"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)

#: legacy encodings preferred when charset-normalizer finds them as good as its first choice
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


@dataclass(frozen=True)
class Encoding:
    """The encoding chosen for an input, and whether stray bytes must be replaced."""

    name: str
    lenient: bool = False  # decode with U+FFFD for stray bytes in otherwise valid text

    @property
    def errors(self) -> str:
        return "replace" if self.lenient else "strict"


@dataclass(frozen=True)
class Decoded:
    """A decoded document and a note on how it was decoded (``None`` when nothing to say)."""

    text: str
    encoding: str
    note: str | None = None

    def extra(self) -> tuple[tuple[str, str], ...]:
        """Metadata pairs worth keeping in ``RawDocument.extra``."""
        pairs: list[tuple[str, str]] = []
        if self.encoding not in ("utf-8", "ascii"):
            pairs.append(("encoding", self.encoding))
        if self.note:
            pairs.append(("decoding", self.note))
        return tuple(pairs)


def binary_kind(head: bytes) -> str | None:
    """Say what binary thing ``head`` starts (``"a PNG image"``), or ``None`` for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text is full of NUL bytes
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def detect_encoding(head: bytes) -> Encoding | None:
    """Choose an encoding for text starting with ``head``; ``None`` when nothing fits."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Encoding(name)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of the head is fine
        return Encoding("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):
        return Encoding("utf-8", lenient=True)
    results = charset_normalizer.from_bytes(head)
    best = results.best()
    if best is None or best.encoding is None:
        return None
    for match in results:
        # short Western text fits cp1250/cp1257 as well as cp1252; on a tie, take the commonest
        if (
            match.encoding in _WESTERN
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence
        ):
            return Encoding(str(match.encoding))
    return Encoding(str(best.encoding))


def _mostly_utf8(data: bytes) -> bool:
    """True when ``data`` has real UTF-8 multi-byte characters and fewer stray bytes than those."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    return valid > 0 and stray <= valid


def head_text(head: bytes, limit: int = 4096) -> str:
    """The first bytes decoded for sniffing (lenient: only markers matter, not every character)."""
    encoding = detect_encoding(head[:limit])
    name = encoding.name if encoding else "latin-1"
    return head[:limit].decode(name, errors="replace").lstrip("\ufeff")


def check_head(head: bytes, name: str, *, complete: bool = False) -> Encoding | Rejected:
    """Refuse an input whose first bytes are empty, binary or undecodable; else its encoding.

    ``complete`` says ``head`` is the whole input, so whitespace-only content counts as empty.
    """
    sample = head[:SAMPLE_BYTES]
    if not head:
        return Rejected(
            name, Reason.EMPTY, f"{name}: the file is empty; remove it or re-export it with content"
        )
    kind = binary_kind(head)
    if kind is not None:
        return Rejected(
            name,
            Reason.BINARY,
            f"{name}: this is {kind}, not text; remove it from the input or convert it to text",
            sample,
        )
    encoding = detect_encoding(head)
    if encoding is None:
        return Rejected(
            name,
            Reason.UNDECODABLE,
            f"{name}: no text encoding fits these bytes; re-save it as UTF-8 and ingest again",
            sample,
        )
    if complete or len(head) < HEAD_BYTES:
        text = head.decode(encoding.name, errors="replace")
        if not text.strip():
            return Rejected(
                name,
                Reason.EMPTY,
                f"{name}: the file holds only whitespace; remove it or re-export it with content",
                sample,
            )
    return encoding


def decode_document(data: bytes, name: str, hint: str | None = None) -> Decoded | Rejected:
    """Decode one whole document (already bounded in size), or say why it cannot be.

    ``hint`` is an encoding declared by the container (an HTTP or HTML charset); it is tried
    after a BOM and before guessing.
    """
    checked = check_head(data, name, complete=True)
    if isinstance(checked, Rejected):
        return checked
    encoding = checked
    if hint and not any(data.startswith(bom) for bom, _ in _BOMS):
        try:
            return Decoded(data.decode(hint), codecs.lookup(hint).name)
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %r does not fit; guessing", name, hint)
    try:
        text = data.decode(encoding.name)
        return Decoded(text, codecs.lookup(encoding.name).name)
    except UnicodeDecodeError:
        text = data.decode(encoding.name, errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    note = f"{replaced} undecodable byte(s) replaced with U+FFFD"
    log.warning("%s: %s", name, note)
    return Decoded(text, codecs.lookup(encoding.name).name, note)


def open_text(stream: IO[bytes], encoding: Encoding) -> io.TextIOWrapper:
    """Wrap a binary stream for line-by-line reading; stray bytes become U+FFFD, never errors.

    Lenient on purpose: the head decided the encoding, and one bad byte deep inside a 200 MB
    dump should not cost the rows around it.
    """
    return io.TextIOWrapper(stream, encoding=encoding.name, errors="replace", newline="")


def read_bounded(stream: IO[bytes], limit: int) -> bytes | None:
    """Read a whole stream if it holds at most ``limit`` bytes; ``None`` when it holds more.

    Never reads more than ``limit + 1`` bytes, so a huge input costs no more memory than that.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        # read until EOF is seen: a truncated gzip only raises on the read after its last bytes
        chunk = stream.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def too_large(
    name: str,
    limit: int,
    sample: bytes,
    what: str = "the document",
    fix: str = "split it, or raise the limit with `newslens ingest --max-document-mb`",
) -> Rejected:
    """The refusal for a document over ``ReadOptions.max_document_bytes``."""
    return Rejected(
        name,
        Reason.TOO_LARGE,
        f"{name}: {what} is over the {limit:,}-byte limit; {fix}, then ingest again",
        sample[:SAMPLE_BYTES],
    )


def read_document(source: Source, options: ReadOptions) -> bytes | Rejected:
    """The whole input as bytes when it is within the document limit; else a TOO_LARGE refusal.

    Reads at most ``max_document_bytes + 1`` bytes, never the whole of a huge file.
    """
    with source.open() as stream:
        data = read_bounded(stream, options.max_document_bytes)
    if data is None:
        return too_large(source.name, options.max_document_bytes, source.head(SAMPLE_BYTES))
    return data


def read_text_document(
    source: Source, options: ReadOptions, hint: Callable[[bytes], str | None] | None = None
) -> Decoded | Rejected:
    """A whole bounded input, decoded (``hint`` finds a declared charset in the bytes)."""
    data = read_document(source, options)
    if isinstance(data, Rejected):
        return data
    return decode_document(data, source.name, hint=hint(data) if hint else None)
