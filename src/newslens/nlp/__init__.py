"""The language stage: sentences, actors and mentions, time expressions (spaCy underneath)."""

from newslens.models import load_model
from newslens.nlp.stage import LanguageStage

__all__ = ["LanguageStage", "load_model"]
