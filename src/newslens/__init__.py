"""newslens: a local, transparent news intelligence engine.

The public API::

    import newslens

    store = newslens.Store.open("news.db")            # SQLite path or PostgreSQL URL
    report = newslens.ingest_paths(store, ["dumps/", "feed.xml"])
    newslens.build(store)                               # duplicates, actors, events, stories
    newslens.write_report(store, newslens.Request(actors=("China",)), Path("china.html"))
    for hit in store.search('"strategic coordination"'):
        print(hit.title)

Heavy parts (readers, the cleaner, the store) load on first use, so ``import newslens`` is cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from newslens.errors import NewslensError
from newslens.records import Article, RawDocument, ReadOptions, Reason, Rejected, Source

__version__ = "0.1.0"

# Library code logs, never prints; applications decide where the records go.
logging.getLogger("newslens").addHandler(logging.NullHandler())

_LAZY = {
    "Cleaner": "newslens.clean",
    "IngestReport": "newslens.pipeline",
    "Request": "newslens.report",
    "build_timeline": "newslens.analysis.timeline",
    "compare_outlets": "newslens.analysis.compare",
    "gather": "newslens.report",
    "make_dossier": "newslens.report",
    "summarize": "newslens.analysis.summary",
    "write_report": "newslens.report",
    "Store": "newslens.store",
    "build": "newslens.pipeline",
    "BuildReport": "newslens.pipeline",
    "ingest_paths": "newslens.pipeline",
    "read_paths": "newslens.ingest",
    "readers": "newslens.ingest",
    "stages": "newslens.stages",
}

__all__ = [
    "Article",
    "BuildReport",
    "Cleaner",
    "IngestReport",
    "NewslensError",
    "RawDocument",
    "ReadOptions",
    "Reason",
    "Rejected",
    "Request",
    "Source",
    "Store",
    "__version__",
    "build",
    "build_timeline",
    "compare_outlets",
    "gather",
    "ingest_paths",
    "make_dossier",
    "read_paths",
    "readers",
    "stages",
    "summarize",
    "write_report",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        # newslens.ingest is the readers' package, so the pipeline's ingest is ingest_paths.
        attribute = "ingest" if name == "ingest_paths" else name
        return getattr(importlib.import_module(_LAZY[name]), attribute)
    raise AttributeError(f"module 'newslens' has no attribute {name!r}")
