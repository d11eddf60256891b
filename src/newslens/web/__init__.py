"""The web UI: server-rendered pages (Jinja2, autoescaped) with vendored htmx.

``newslens.web.routes.router`` holds the pages; the API's app factory includes it and serves
:data:`STATIC_DIR` at ``/static``. See docs/web.md.
"""

from newslens.web.render import STATIC_DIR, TEMPLATES_DIR

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]
