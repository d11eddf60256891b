"""The event stage: PLOVER events and quotes from an article's cached parse and its mentions.

It restores the spaCy ``Doc`` the language stage cached (no second parse), then runs the event
coder (``coder.py``, lexicon in ``data/events/lexicon.toml``) and the quote extractor
(``quotes.py``, cues in ``data/events/quote_cues.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from newslens.records import ArticleEvents, Event, EventInput, Quote, StageResult
from newslens.stages import stages

T = TypeVar("T", Event, Quote)


def _first_of_each(records: Sequence[T]) -> tuple[T, ...]:
    """The records in order, without a later one that repeats an earlier one's id."""
    seen: set[str] = set()
    kept = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            kept.append(record)
    return tuple(kept)


class EventStage:
    """Code events and quotes (``stages["events"]``). ``lexicon``: a user's lexicon file."""

    def __init__(self, model: str | None = None, lexicon: str | None = None) -> None:
        self.model = model
        self.lexicon = lexicon
        self._vocab: Any = None
        self._lexicon: Any = None
        self._cues: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_vocab"] = state["_lexicon"] = state["_cues"] = None  # reloaded by setup()
        return state

    def setup(self) -> None:
        """Load the spaCy vocabulary (to restore cached parses), the lexicon and the cues."""
        if self._vocab is None:
            from newslens.models import load_model

            self._vocab = load_model(self.model).vocab
        if self._lexicon is None:
            from newslens.events.coder import load_lexicon

            self._lexicon = load_lexicon(Path(self.lexicon) if self.lexicon else None)
        if self._cues is None:
            from newslens.events.quotes import load_quote_cues

            self._cues = load_quote_cues()

    def __call__(self, batch: Sequence[EventInput]) -> StageResult[ArticleEvents]:
        """One result per article, in order; an article without a parse has none."""
        if not batch:
            return StageResult(())
        self.setup()
        from spacy.tokens import Doc

        from newslens.events.coder import code_events
        from newslens.events.quotes import extract_quotes

        outputs = []
        for item in batch:
            article, analysis = item.article, item.analysis
            if not analysis.doc or analysis.skipped:
                outputs.append(ArticleEvents(article.id))
                continue
            doc = Doc(self._vocab).from_bytes(analysis.doc)
            events = code_events(
                article.id,
                doc,
                analysis.mentions,
                analysis.times,
                article.published,
                article.outlet,
                self._lexicon,
                analysis.actors,
            )
            quotes = extract_quotes(article.id, doc, analysis.mentions, self._cues)
            # ids are derived from where a record sits: two records at one place are one record
            outputs.append(
                ArticleEvents(article.id, _first_of_each(events), _first_of_each(quotes))
            )
        return StageResult(tuple(outputs))


stages.add("events", EventStage)
