"""Tabular dumps: CSV/TSV (streamed row by row) and Parquet (streamed batch by batch).

Every data row is accounted for: it yields exactly one raw document or one refusal, whose
``source_path`` is ``name#N`` with N the 1-based data row number.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from pathlib import PurePosixPath

from newslens.ingest.base import readers
from newslens.ingest.columns import ColumnMapping, known_field, map_columns, no_body, row_document
from newslens.ingest.decode import (
    HEAD_BYTES,
    SAMPLE_BYTES,
    check_head,
    head_text,
    open_text,
)
from newslens.records import RawDocument, ReadOptions, Reason, Rejected, Source

log = logging.getLogger(__name__)

_DELIMITERS = (",", "\t", ";", "|")
_BATCH_ROWS = 256


def sniff_delimiter(line: str) -> str:
    """The delimiter used most often outside quotes in a header line (comma when none is)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _set_field_limit(limit: int) -> None:
    # csv refuses fields over 128 KiB by default and an article body is routinely longer: the
    # limit becomes the document limit. It is process-wide, so it is set again for every file.
    csv.field_size_limit(limit)


class CsvReader:
    """CSV and TSV dumps with a header row; the delimiter is sniffed from the header."""

    name: str = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv", ".tab")

    def sniff(self, head: bytes, name: str) -> bool:
        """True when the first line is a delimited header naming two or more known fields."""
        lines = head_text(head).splitlines()
        if len(lines) < 2:
            return False
        delimiter = sniff_delimiter(lines[0])
        header = next(csv.reader([lines[0]], delimiter=delimiter), [])
        if len(header) < 2 or any(len(h) > 64 for h in header):
            return False
        return sum(1 for h in header if known_field(h)) >= 2

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one document or one refusal per data row, streaming the file."""
        head = source.head(HEAD_BYTES)
        encoding = check_head(head, source.name)
        if isinstance(encoding, Rejected):
            yield encoding
            return
        suffix = PurePosixPath(source.name.removesuffix(".gz")).suffix.lower()
        first_line = head.decode(encoding.name, errors="replace").lstrip("\ufeff").split("\n")[0]
        delimiter = "\t" if suffix in (".tsv", ".tab") else sniff_delimiter(first_line)
        _set_field_limit(options.max_document_bytes)
        with source.open() as raw, open_text(raw, encoding) as text:
            yield from self._rows(source.name, text, delimiter, options, head)

    def _rows(
        self,
        name: str,
        text: io.TextIOWrapper,
        delimiter: str,
        options: ReadOptions,
        head: bytes,
    ) -> Iterator[RawDocument | Rejected]:
        rows = csv.reader(text, delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            yield Rejected(name, Reason.EMPTY, f"{name}: the file has no rows; re-export it")
            return
        except csv.Error as exc:
            yield Rejected(
                name,
                Reason.MALFORMED_FILE,
                f"{name}: the header row cannot be parsed ({exc}); fix the file and ingest again",
                head[:SAMPLE_BYTES],
            )
            return
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        mapping = map_columns(header, options.column_map, name)
        if mapping.index("body") is None:
            yield no_body(name, mapping, head[:SAMPLE_BYTES])
            return
        n = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield Rejected(
                    f"{name}#{n}",
                    Reason.MALFORMED_ROW,
                    f"{name}: row {n} (line {rows.line_num}) cannot be parsed ({exc}); fix the "
                    f"quoting or shorten the field, then ingest again",
                )
                continue
            if not row:
                continue  # a blank line is no data row
            n += 1
            yield _row(name, n, row, mapping, delimiter, options)


def _row(
    name: str,
    n: int,
    row: list[str],
    mapping: ColumnMapping,
    delimiter: str,
    options: ReadOptions,
) -> RawDocument | Rejected:
    path = f"{name}#{n}"
    if len(row) != len(mapping.columns):
        return Rejected(
            path,
            Reason.MALFORMED_ROW,
            f"{name}: row {n} has {len(row)} fields but the header has {len(mapping.columns)}; "
            f"fix the quoting or remove the row, then ingest again",
            delimiter.join(row).encode("utf-8")[:SAMPLE_BYTES],
        )
    return row_document(
        row, mapping, source_path=path, where=f"row {n}", input_format="csv", options=options
    )


class ParquetReader:
    """Parquet files, read in record batches so memory stays bounded."""

    name: str = "parquet"
    suffixes: tuple[str, ...] = (".parquet", ".pq")

    def sniff(self, head: bytes, name: str) -> bool:
        """True for the Parquet magic bytes ``PAR1``."""
        return head.startswith(b"PAR1")

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield one document or one refusal per row, batch by batch."""
        import pyarrow as pa  # imported here: pyarrow and numpy cost more to load than the rest
        import pyarrow.parquet as pq

        with source.open() as stream:
            try:
                parquet = pq.ParquetFile(stream)
            except (pa.ArrowException, OSError) as exc:
                yield _malformed(source, exc, 0)
                return
            mapping = map_columns(parquet.schema_arrow.names, options.column_map, source.name)
            if mapping.index("body") is None:
                yield no_body(source.name, mapping)
                return
            n = 0
            try:
                for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
                    columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
                    for r in range(batch.num_rows):
                        n += 1
                        yield row_document(
                            [column[r] for column in columns],
                            mapping,
                            source_path=f"{source.name}#{n}",
                            where=f"row {n}",
                            input_format=self.name,
                            options=options,
                        )
            except (pa.ArrowException, OSError) as exc:
                yield _malformed(source, exc, n)


def _malformed(source: Source, exc: Exception, rows_read: int) -> Rejected:
    where = f"after row {rows_read}" if rows_read else "at its start"
    return Rejected(
        source.name,
        Reason.MALFORMED_FILE,
        f"{source.name}: the Parquet file is damaged {where} ({exc}); re-export it and "
        f"ingest again",
        source.head(SAMPLE_BYTES),
    )


readers.add("csv", CsvReader())
readers.add("parquet", ParquetReader())
