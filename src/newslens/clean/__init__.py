"""The cleaning stage: boilerplate, metadata (title, outlet, dates, author), language and
normalisation. Raw documents in, articles out."""

from newslens.clean.cleaner import Cleaner, clean_documents
from newslens.clean.normalize import article_id, body_hash, normalize_text

__all__ = ["Cleaner", "article_id", "body_hash", "clean_documents", "normalize_text"]
