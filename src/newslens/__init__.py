"""newslens: a local, transparent news intelligence engine."""

from newslens.errors import NewslensError
from newslens.records import Article, RawDocument, ReadOptions, Rejected, Source

__version__ = "0.1.0"

__all__ = [
    "Article",
    "NewslensError",
    "RawDocument",
    "ReadOptions",
    "Rejected",
    "Source",
    "__version__",
]
