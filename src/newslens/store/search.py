"""Full-text search over title and body: SQLite FTS5 or PostgreSQL tsvector, one function."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

_TOKEN = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One article matching a query, best first."""

    article_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The hit as the CLI's ``search --json`` and the API's ``/search`` give it."""
        return {
            "id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


def _fts5_query(query: str) -> str:
    """Turn what a user types into a safe FTS5 query, with web-search conventions.

    Words are AND-ed, "quoted phrases" kept, ``OR`` between terms means either, a leading ``-``
    excludes a term. Every term is quoted, so FTS5 syntax in the input never raises an error.
    """
    parts: list[str] = []
    excluded: list[str] = []
    pending_or = False
    for phrase, word in _TOKEN.findall(query):
        if word == "OR":
            pending_or = bool(parts)
            continue
        negative = bool(word) and word.startswith("-")
        words = _WORD.findall(phrase or word)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negative:
            excluded.append(term)
        elif pending_or:
            parts[-1] = f"({parts[-1]} OR {term})"
        else:
            parts.append(term)
        pending_or = False
    if not parts:
        return ""
    match = " AND ".join(parts)
    return match + "".join(f" NOT {term}" for term in excluded)


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def search_articles(connection: sa.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles whose title or body match ``query``, ranked (title matches weigh more)."""
    if connection.dialect.name == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        rows = connection.execute(
            sa.text(
                "SELECT a.id, a.title, a.outlet, a.published, "
                "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, "
                "bm25(articles_fts, 10.0, 1.0) AS rank "
                "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY rank, a.seq LIMIT :limit"
            ),
            {"q": match, "limit": limit},
        )
        return [
            SearchHit(r.id, r.title, r.outlet, _as_date(r.published), r.snippet, -float(r.rank))
            for r in rows
        ]
    if not _WORD.search(query):
        return []
    rows = connection.execute(
        sa.text(
            "SELECT a.id, a.title, a.outlet, a.published, "
            "ts_headline('english', a.body, q, "
            "'StartSel=[,StopSel=],MaxWords=24,MinWords=8,MaxFragments=1') AS snippet, "
            "ts_rank(a.search_vector, q) AS rank "
            "FROM articles a, websearch_to_tsquery('english', :q) q "
            "WHERE a.search_vector @@ q ORDER BY rank DESC, a.seq LIMIT :limit"
        ),
        {"q": query, "limit": limit},
    )
    return [
        SearchHit(r.id, r.title, r.outlet, _as_date(r.published), r.snippet, float(r.rank))
        for r in rows
    ]
