"""Analyses over one scope's material: timeline, outlet comparison, cited summaries.

Pure functions over a :class:`~newslens.analysis.bundle.Bundle`; the report edge gathers the
bundle from the store and renders what these return.
"""

from __future__ import annotations

from newslens.analysis.bundle import Bundle, Citation, Scope, SourceArticle

__all__ = ["Bundle", "Citation", "Scope", "SourceArticle"]
