"""The reader contract and the reader registry.

A reader turns one :class:`~newslens.records.Source` into raw documents. It streams: memory stays
bounded whatever the size of the input. It never raises for bad content; it yields a
:class:`~newslens.records.Rejected` naming the input, the reason and the fix, and goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from newslens.records import RawDocument, ReadOptions, Rejected, Source
from newslens.registry import Registry


class Reader(Protocol):
    """One input format. Registered by name in :data:`readers`."""

    name: str
    #: file name endings this reader claims in ``--format auto`` (lower case, with the dot)
    suffixes: tuple[str, ...]

    def sniff(self, head: bytes, name: str) -> bool:
        """True when the first bytes of an input look like this format (for ``--format auto``)."""
        ...

    def read(self, source: Source, options: ReadOptions) -> Iterator[RawDocument | Rejected]:
        """Yield the input's raw documents, and a Rejected for each part that cannot be read."""
        ...


readers: Registry[Reader] = Registry("reader", "newslens.readers")
