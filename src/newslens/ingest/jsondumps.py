"""JSON and JSONL dumps of articles, mapped to fields like tabular columns.

JSON: an array of article objects, an object holding such an array (``{"articles": [...]}``), or
one article object. A file over the document limit is streamed when it is a top-level array and
refused otherwise (with the advice to convert it to JSONL). JSONL is read line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from newslens.ingest.base import readers
from newslens.ingest.columns import (
    ColumnMapping,
    applicable,
    container_keys,
    map_columns,
    no_body,
    row_document,
)
from newslens.ingest.decode import (
    HEAD_BYTES,
    SAMPLE_BYTES,
    check_head,
    decode_document,
    head_text,
    open_text,
    read_bounded,
    too_large,
)
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

_CHUNK = 64 * 1024
_TO_JSONL = "convert it to JSONL (one article per line)"


class _Mapper:
    """Column mappings per key set; the first object decides whether --map and the body fit."""

    def __init__(self, name: str, options: ReadOptions) -> None:
        self.name = name
        self.options = options
        self._cache: dict[tuple[str, ...], ColumnMapping] = {}

    def __call__(self, keys: Sequence[str]) -> ColumnMapping:
        key = tuple(keys)
        mapping = self._cache.get(key)
        if mapping is None:
            overrides = self.options.column_map
            if self._cache:
                overrides = applicable(overrides, key)
            mapping = map_columns(key, overrides, self.name)
            if len(self._cache) < 1024:
                self._cache[key] = mapping
        return mapping


def _items(
    name: str, values: Iterator[Any], fmt: str, unit: str, options: ReadOptions
) -> Iterator[RawDocument | Rejected]:
    """Documents for a sequence of ``(number, value)``; values that are not objects are refused."""
    mapper = _Mapper(name, options)
    first = True
    for n, value in values:
        path = f"{name}#{n}"
        if isinstance(value, Rejected):  # a line the JSONL splitter already refused
            yield value
            continue
        if not isinstance(value, dict):
            yield Rejected(
                path,
                Reason.MALFORMED_ROW,
                f"{name}: {unit} {n} is a JSON {type(value).__name__}, not an article object; "
                f"fix or remove it, then ingest again",
                json.dumps(value, default=str).encode("utf-8")[:SAMPLE_BYTES],
            )
            continue
        keys = [str(k) for k in value]
        mapping = mapper(keys)
        if first and mapping.index("body") is None:
            yield no_body(name, mapping)
            return
        first = False
        yield row_document(
            list(value.values()),
            mapping,
            source_path=path,
            where=f"{unit} {n}",
            input_format=fmt,
            options=options,
        )


class JsonReader:
    """A JSON file of articles (array, object holding an array, or one article)."""

    name: str = "json"
    suffixes: tuple[str, ...] = (".json",)

    def sniff(self, head: bytes, name: str) -> bool:
        """True when the input opens with a JSON array or object."""
        return head_text(head).lstrip()[:1] in ("[", "{")

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one document or refusal per article in the file."""
        head = source.head(HEAD_BYTES)
        encoding = check_head(head, source.name)
        if isinstance(encoding, Rejected):
            yield encoding
            return
        with source.open() as raw:
            data = read_bounded(raw, options.max_document_bytes)
        if data is None:
            if head_text(head).lstrip()[:1] != "[":
                yield too_large(
                    source.name, options.max_document_bytes, head, "this JSON object", _TO_JSONL
                )
                return
            with source.open() as raw, open_text(raw, encoding) as text:
                try:
                    yield from _items(
                        source.name,
                        _stream_array(source.name, text, options.max_document_bytes),
                        self.name,
                        "item",
                        options,
                    )
                except _StreamError as exc:
                    yield Rejected(source.name, exc.reason, str(exc), head[:SAMPLE_BYTES])
            return
        decoded = decode_document(data, source.name)
        if isinstance(decoded, Rejected):
            yield decoded
            return
        try:
            value = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and decoded.text.lstrip().startswith("{"):
                # one object per line in a .json file: it is JSONL
                yield from JsonlReader().read(source, options)
                return
            yield Rejected(
                source.name,
                Reason.MALFORMED_FILE,
                f"{source.name}: not valid JSON at line {exc.lineno}, column {exc.colno} "
                f"({exc.msg}); fix the file and ingest again",
                data[:SAMPLE_BYTES],
            )
            return
        yield from self._value(source.name, value, options, data)

    def _value(
        self, name: str, value: Any, options: ReadOptions, data: bytes
    ) -> Iterator[RawDocument | Rejected]:
        if isinstance(value, list):
            yield from _items(name, enumerate(value, 1), self.name, "item", options)
            return
        if isinstance(value, dict):
            array = _container(value)
            if array is not None:
                yield from _items(name, enumerate(array, 1), self.name, "item", options)
                return
            keys = [str(k) for k in value]
            mapping = map_columns(keys, options.column_map, name)
            if mapping.index("body") is not None:
                yield row_document(
                    list(value.values()),
                    mapping,
                    source_path=name,
                    where="the article",
                    input_format=self.name,
                    options=options,
                )
                return
            yield Rejected(
                name,
                Reason.MALFORMED_FILE,
                f"{name}: the JSON object holds no list of articles and no text field (keys: "
                f"{mapping.describe()}); put the articles in an array or name the text with "
                f"--map KEY=body",
                data[:SAMPLE_BYTES],
            )
            return
        yield Rejected(
            name,
            Reason.MALFORMED_FILE,
            f"{name}: the JSON holds a {type(value).__name__}, not articles; give an array of "
            f"article objects and ingest again",
            data[:SAMPLE_BYTES],
        )


def _container(value: dict[str, Any]) -> list[Any] | None:
    """The list of articles an object holds under a usual key, or its only list of objects."""
    lowered = {str(k).lower(): v for k, v in value.items()}
    for key in container_keys():
        found = lowered.get(key)
        if isinstance(found, list):
            return found
        if isinstance(found, dict):  # {"data": {"articles": [...]}}
            inner = _container(found)
            if inner is not None:
                return inner
    lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else None


def _stream_array(name: str, text: TextIO, limit: int) -> Iterator[tuple[int, Any]]:
    """Yield ``(n, item)`` for a top-level JSON array without holding the whole array in memory.

    A malformed or oversized item ends the stream with a refusal for the rest of the file
    (yielded as a value the caller turns into a Rejected).
    """
    decoder = json.JSONDecoder()
    buf = ""
    pos = 0
    eof = False

    def fill() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        chunk = text.read(max(_CHUNK, len(buf) - pos))  # doubling: no quadratic re-parsing
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def peek() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or not fill():
                return buf[pos] if pos < len(buf) else ""

    if peek() != "[":
        raise _StreamError(name, "the file does not start with a JSON array", Reason.MALFORMED_FILE)
    pos += 1
    n = 0
    while True:
        ch = peek()
        if ch == "]":
            return
        if n and ch != ",":
            raise _StreamError(name, f"expected ',' or ']' after item {n}", Reason.MALFORMED_FILE)
        if n:
            pos += 1
            peek()
        while True:
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > limit:
                    what = f"item {n + 1} is over the {limit:,}-byte limit"
                    raise _StreamError(name, what, Reason.TOO_LARGE) from exc
                if fill():
                    continue
                what = f"item {n + 1} is not valid JSON ({exc.msg})"
                raise _StreamError(name, what, Reason.MALFORMED_FILE) from exc
            if end == len(buf) and fill():  # a number cut at the chunk's end: read on
                continue
            break
        n += 1
        pos = end
        yield n, item


class _StreamError(ValueError):
    """Ends a streamed array; the reader turns it into one refusal for the rest of the file."""

    def __init__(self, name: str, what: str, reason: Reason) -> None:
        super().__init__(f"{name}: {what}; the items after it were not read; {_TO_JSONL}")
        self.reason = reason


class JsonlReader:
    """JSON Lines (``.jsonl``, ``.ndjson``): one article object per line, read line by line."""

    name: str = "jsonl"
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson", ".jsonlines")

    def sniff(self, head: bytes, name: str) -> bool:
        """True when the first two non-empty lines each hold a JSON object."""
        lines = [line for line in head_text(head, HEAD_BYTES).split("\n") if line.strip()]
        if len(lines) < 2 or not lines[1].lstrip().startswith("{"):
            return False
        try:
            return isinstance(json.loads(lines[0]), dict)
        except json.JSONDecodeError:
            return False

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one document or refusal per non-empty line; the line number is the row."""
        head = source.head(HEAD_BYTES)
        encoding = check_head(head, source.name)
        if isinstance(encoding, Rejected):
            yield encoding
            return
        with source.open() as raw, open_text(raw, encoding) as text:
            lines = _jsonl_values(source.name, text, options.max_document_bytes)
            yield from _items(source.name, lines, self.name, "line", options)


def _jsonl_values(name: str, text: TextIO, limit: int) -> Iterator[tuple[int, Any]]:
    lineno = 0
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith("\n"):
            sample = line[:SAMPLE_BYTES].encode("utf-8")[:SAMPLE_BYTES]
            while line and not line.endswith("\n"):  # skip the rest of the long line
                line = text.readline(limit + 1)
            yield (
                lineno,
                too_large(f"{name}#{lineno}", limit, sample, f"line {lineno}", "split the article"),
            )
            continue
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                lineno,
                Rejected(
                    f"{name}#{lineno}",
                    Reason.MALFORMED_ROW,
                    f"{name}: line {lineno} is not valid JSON ({exc.msg} at column {exc.colno}); "
                    f"fix or remove the line, then ingest again",
                    line.encode("utf-8")[:SAMPLE_BYTES],
                ),
            )


readers.add("json", JsonReader())
readers.add("jsonl", JsonlReader())
