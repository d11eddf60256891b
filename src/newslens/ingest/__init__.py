"""Readers: one module per input format, registered by name in :data:`readers`.

>>> from newslens.ingest import read_paths
>>> for item in read_paths(["articles.csv"]):  # doctest: +SKIP
...     print(item)

``read_paths`` yields :class:`~newslens.records.RawDocument` values and, for every input or row
that cannot be read, a :class:`~newslens.records.Rejected` naming it, the reason and the fix.
"""

from newslens.ingest import feeds, jsondumps, plain, tabular, urls, warc
from newslens.ingest.base import Reader, readers
from newslens.ingest.detect import check_format, detect_format, read_paths, read_source
from newslens.ingest.sources import iter_sources

__all__ = [
    "Reader",
    "check_format",
    "detect_format",
    "feeds",
    "iter_sources",
    "jsondumps",
    "plain",
    "read_paths",
    "read_source",
    "readers",
    "tabular",
    "urls",
    "warc",
]
