"""Analyses over one scope's material: timeline, outlet comparison, cited summaries.

Pure functions over a :class:`~newslens.analysis.bundle.Bundle`; the report edge gathers the
bundle from the store and renders what these return.
"""

from __future__ import annotations

from newslens.analysis.bundle import Bundle, Citation, Scope, SourceArticle

__all__ = [
    "Bundle",
    "Citation",
    "Comparison",
    "Scope",
    "SourceArticle",
    "Summary",
    "TimelineEntry",
    "build_timeline",
    "compare_outlets",
    "summarize",
]


def __getattr__(name: str) -> object:
    # The analyses load scikit-learn; import them on first use so the records stay cheap.
    if name in ("Comparison", "compare_outlets"):
        from newslens.analysis import compare

        return getattr(compare, name)
    if name in ("Summary", "summarize"):
        from newslens.analysis import summary

        return getattr(summary, name)
    if name in ("TimelineEntry", "build_timeline"):
        from newslens.analysis import timeline

        return getattr(timeline, name)
    raise AttributeError(f"module 'newslens.analysis' has no attribute {name!r}")
