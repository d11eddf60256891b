"""The store: SQLAlchemy schema, Alembic migrations, queries and full-text search."""

from newslens.store.language import ActorSummary
from newslens.store.search import SearchHit
from newslens.store.store import QuarantineEntry, Store, StoredArticle

__all__ = ["ActorSummary", "QuarantineEntry", "SearchHit", "Store", "StoredArticle"]
