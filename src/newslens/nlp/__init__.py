"""The language stage: sentences, actors and mentions, time expressions (spaCy underneath)."""

from newslens.nlp.stage import LanguageStage, load_model

__all__ = ["LanguageStage", "load_model"]
