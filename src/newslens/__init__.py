"""newslens: a local, transparent news intelligence engine."""

import logging

from newslens.errors import NewslensError
from newslens.records import Article, RawDocument, ReadOptions, Rejected, Source

__version__ = "0.1.0"

# Library code logs, never prints; applications decide where the records go.
logging.getLogger("newslens").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "NewslensError",
    "RawDocument",
    "ReadOptions",
    "Rejected",
    "Source",
    "__version__",
]
