"""Language identification with py3langid (a 4.5 MB model, loaded once per stage)."""

from __future__ import annotations

from typing import Any

from newslens.clean.boilerplate import word_count


def load_identifier() -> Any:
    """Load py3langid's bundled model with normalised probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(identifier: Any, text: str, min_words: int = 3) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` for text too short to tell."""
    if word_count(text) < min_words:
        return None
    code, _probability = identifier.classify(text[:5000])
    return str(code)


def normalize_language(value: str | None) -> str | None:
    """An input's language value ("en", "EN", "en-US", "en_GB") as a lower-case ISO 639-1 code."""
    if not value or not value.strip():
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
