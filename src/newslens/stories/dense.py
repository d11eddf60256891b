"""Optional dense sentence embeddings (sentence-transformers with a local model directory).

Imported only when ``StoryClusterer(embedding_model=...)`` is set, so the default install needs
neither sentence-transformers nor torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newslens.errors import ConfigError
from newslens.records import ArticleText


def load_model(model: str) -> Any:
    """Load a sentence-transformers model from a local directory (or an installed model name)."""
    try:
        from sentence_transformers import (  # type: ignore[import-not-found,unused-ignore]
            SentenceTransformer,
        )
    except ImportError as exc:
        raise ConfigError(
            f"embedding_model={model!r} needs sentence-transformers, which is not installed; "
            "install it (pip install sentence-transformers) or set embedding_model=None"
        ) from exc
    if not Path(model).exists() and ("/" in model or "\\" in model):
        raise ConfigError(
            f"embedding_model={model!r}: no such directory; give the path of a local "
            "sentence-transformers model, or set embedding_model=None"
        )
    return SentenceTransformer(model, device="cpu")


def embed_text(article: ArticleText, max_chars: int = 1000) -> str:
    """What is embedded: the title and the lead of the body."""
    title = article.title or ""
    return (title + ". " + article.body[:max_chars]) if title else article.body[:max_chars]


def embed(model: Any, articles: Sequence[ArticleText]) -> list[Any]:
    """Unit-length embeddings of the articles, one numpy vector each."""
    vectors = model.encode(
        [embed_text(a) for a in articles], normalize_embeddings=True, show_progress_bar=False
    )
    return list(vectors)
