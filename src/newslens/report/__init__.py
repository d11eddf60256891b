"""Dossiers: gather a scope from the store, analyse it, write HTML, Markdown or JSON.

::

    from newslens.report import Request, write_report
    write_report(store, Request(actors=("China", "Russia")), Path("dossier.html"))
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newslens.errors import QueryError
from newslens.report.gather import Request, gather

__all__ = ["FORMATS", "Request", "gather", "make_dossier", "render", "write_report"]

#: file suffix -> format
FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def make_dossier(store: Any, request: Request, **limits: int) -> dict[str, Any]:
    """The dossier of ``request`` as JSON-ready data (see docs/formats.md)."""
    from newslens.report.dossier import build_dossier

    return build_dossier(gather(store, request), **limits)


def render(dossier: dict[str, Any], fmt: str) -> str:
    """The dossier as ``html``, ``md`` or ``json`` text."""
    if fmt == "json":
        return json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        from newslens.report.markdown import render_markdown

        return render_markdown(dossier)
    if fmt == "html":
        from newslens.events import load_quad
        from newslens.report.html import render_html

        return render_html(dossier, load_quad().classes)
    raise QueryError(f"unknown report format {fmt!r}; choose html, md or json")


def write_report(store: Any, request: Request, out: Path, **limits: int) -> Path:
    """Write the dossier to ``out``, its format chosen by the suffix (.html, .md, .json)."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise QueryError(
            f"cannot tell the report format of {out}: name the file .html, .md or .json"
        )
    text = render(make_dossier(store, request, **limits), fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
