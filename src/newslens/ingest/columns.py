"""Column mapping for tabular and JSON inputs: which column holds the body, the title, the date.

The names that map automatically are data (``newslens/data/columns.toml``), matched ignoring case
and punctuation. ``ReadOptions.column_map`` (``--map column=field``) overrides them. Columns that
map to no field are kept in ``RawDocument.extra``; unnamed index columns are dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from newslens.errors import ColumnMapError
from newslens.ingest.decode import too_large
from newslens.records import RawDocument, ReadOptions, Reason, Rejected

#: the article fields a column can map to (``body`` is the document's content)
FIELDS = ("body", "title", "url", "published", "author", "outlet", "language")
#: names accepted for a field on the right of ``--map column=field``
_FIELD_NAMES = {
    **{f: f for f in FIELDS},
    "content": "body",
    "text": "body",
    "date": "published",
    "link": "url",
    "source": "outlet",
    "byline": "author",
    "headline": "title",
    "lang": "language",
    "extra": "extra",
}
_INDEX_COLUMN = re.compile(r"(unnamed:?\s*\d+|index|level_0)?", re.IGNORECASE)
_MARKUP = re.compile(
    r"<(p|div|br|a|span|h[1-6]|ul|ol|li|article|section|strong|em|b|i|img|table|figure|blockquote)"
    r"(\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def normalise(name: str) -> str:
    """A column name as lower-case letters and digits (``Publish-Date``: ``publishdate``)."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@functools.cache
def _config() -> dict[str, Any]:
    text = files("newslens").joinpath("data/columns.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def _aliases(section: str) -> dict[str, str]:
    """Normalised column name -> field, for the ``fields`` or ``fallback`` section."""
    table: dict[str, list[str]] = _config().get(section, {})
    out: dict[str, str] = {}
    for field, names in table.items():
        for name in names:
            out.setdefault(normalise(name), field)
    return out


def container_keys() -> tuple[str, ...]:
    """Keys of a JSON object that may hold the list of articles, in order of preference."""
    keys: list[str] = _config().get("json", {}).get("container_keys", [])
    return tuple(keys)


def is_index_column(name: str) -> bool:
    """True for the unnamed index column pandas writes (``""``, ``Unnamed: 0``)."""
    return _INDEX_COLUMN.fullmatch(name.strip()) is not None


def known_field(column: str) -> str | None:
    """The field a column name maps to automatically, if any."""
    key = normalise(column)
    return _aliases("fields").get(key) or _aliases("fallback").get(key)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries HTML markup (paragraph, link, heading tags…)."""
    return _MARKUP.search(text[:100_000]) is not None


@dataclass(frozen=True)
class ColumnMapping:
    """Which column index feeds which field; the rest go to ``extra``."""

    columns: tuple[str, ...]
    fields: tuple[tuple[str, int], ...]
    extra: tuple[int, ...]

    def index(self, field: str) -> int | None:
        for name, i in self.fields:
            if name == field:
                return i
        return None

    def describe(self) -> str:
        """The columns as a readable list, for messages."""
        return ", ".join(repr(c) for c in self.columns) or "(none)"


def map_columns(
    columns: Sequence[str], overrides: Sequence[tuple[str, str]], input_name: str
) -> ColumnMapping:
    """Map an input's columns to fields: ``overrides`` first, then the automatic names.

    Raises :class:`~newslens.errors.ColumnMapError` when an override names a column the input
    does not have, or a field that does not exist.
    """
    cols = tuple(columns)
    chosen: dict[str, int] = {}
    forced_extra: set[int] = set()
    taken: set[int] = set()
    for column, field_name in overrides:
        field = _FIELD_NAMES.get(field_name.strip().lower())
        if field is None:
            raise ColumnMapError(
                f"--map {column}={field_name}: {field_name!r} is not a field; use one of "
                f"{', '.join(FIELDS)} (or extra)"
            )
        i = _find_column(cols, column)
        if i is None:
            listed = ", ".join(repr(c) for c in cols) or "(none)"
            raise ColumnMapError(
                f"--map {column}={field_name}: {input_name} has no column {column!r}; "
                f"its columns are {listed}"
            )
        taken.add(i)
        if field == "extra":
            forced_extra.add(i)
        else:
            chosen[field] = i
    for section in ("fields", "fallback"):
        aliases = _aliases(section)
        for i, column in enumerate(cols):
            if i in taken or is_index_column(column):
                continue
            field = aliases.get(normalise(column))
            if field is not None and field not in chosen:
                chosen[field] = i
                taken.add(i)
    mapped = set(chosen.values())
    extra = tuple(
        i
        for i, c in enumerate(cols)
        if i not in mapped and (i in forced_extra or not is_index_column(c))
    )
    return ColumnMapping(cols, tuple(sorted(chosen.items(), key=lambda kv: kv[1])), extra)


def applicable(
    overrides: Sequence[tuple[str, str]], columns: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """The overrides whose column ``columns`` has (JSON objects need not all share their keys)."""
    cols = tuple(columns)
    return tuple((c, f) for c, f in overrides if _find_column(cols, c) is not None)


def _find_column(columns: tuple[str, ...], wanted: str) -> int | None:
    if wanted in columns:
        return columns.index(wanted)
    key = normalise(wanted)
    for i, column in enumerate(columns):
        if normalise(column) == key:
            return i
    return None


def no_body(name: str, mapping: ColumnMapping, sample: bytes = b"") -> Rejected:
    """The refusal for an input in which no column maps to the article body."""
    return Rejected(
        name,
        Reason.MALFORMED_FILE,
        f"{name}: no column holds the article text (columns: {mapping.describe()}); "
        f"name it with --map COLUMN=body and ingest again",
        sample,
    )


def as_text(value: object) -> str | None:
    """A cell or JSON value as a string; ``None`` for null, NaN and empty values."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, list | tuple):
        parts = [p for p in (as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        named = value.get("name")
        if isinstance(named, str):
            return named
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def row_document(
    values: Sequence[object],
    mapping: ColumnMapping,
    *,
    source_path: str,
    where: str,
    input_format: str,
    options: ReadOptions,
) -> RawDocument | Rejected:
    """Build the raw document for one row (or JSON object) of values aligned with ``mapping``.

    ``where`` names the row in messages (``"row 17"``, ``"item 3"``, ``"line 12"``).
    """

    def get(field: str) -> str | None:
        i = mapping.index(field)
        if i is None or i >= len(values):
            return None
        text = as_text(values[i])
        if field != "body" and text is not None:
            text = text.strip() or None
        return text

    body = get("body")
    if body is None or not body.strip():
        i = mapping.index("body")
        column = f"column {mapping.columns[i]!r}" if i is not None else "any text column"
        return Rejected(
            source_path,
            Reason.EMPTY,
            f"{source_path}: {where} has no text in {column}; fill it in or remove "
            f"the row, then ingest again",
        )
    if len(body) * 4 > options.max_document_bytes:
        encoded = body.encode("utf-8")
        if len(encoded) > options.max_document_bytes:
            return too_large(
                source_path, options.max_document_bytes, encoded, f"the text of {where}"
            )
    extra: list[tuple[str, str]] = []
    for i in mapping.extra:
        text = as_text(values[i]) if i < len(values) else None
        if text is not None and text.strip():
            extra.append((mapping.columns[i], text))
    return RawDocument(
        source_path=source_path,
        content=body,
        content_type="html" if looks_like_html(body) else "text",
        input_format=input_format,
        url=get("url"),
        title=get("title"),
        published=get("published"),
        author=get("author"),
        outlet=options.outlet or get("outlet"),
        language=get("language"),
        extra=tuple(extra),
    )
