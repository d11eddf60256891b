"""The event stage: PLOVER events and quotes from an article's cached parse and its mentions.

It restores the spaCy ``Doc`` the language stage cached (no second parse), embeds the candidate
sentences of the whole batch at once for the event classifier (``classifier.py``; the bundled
model unless ``event_model`` names another, or ``"none"`` for the lexicon alone), then runs the
event coder (``coder.py``, lexicon in ``data/events/lexicon.toml``, combined with the classifier
by ``combine.py``) and the quote extractor (``quotes.py``, cues in
``data/events/quote_cues.toml``).
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


#: ``event_model`` value for coding with the lexicon alone
NO_MODEL = "none"


class EventStage:
    """Code events and quotes (``stages["events"]``). ``lexicon``: a user's lexicon file;
    ``event_model``: a model file from ``newslens train events`` (None: the bundled one;
    ``"none"``: the lexicon alone)."""

    def __init__(
        self, model: str | None = None, lexicon: str | None = None, event_model: str | None = None
    ) -> None:
        self.model = model
        self.lexicon = lexicon
        self.event_model = event_model
        self._vocab: Any = None
        self._lexicon: Any = None
        self._cues: Any = None
        self._classifier: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("_vocab", "_lexicon", "_cues", "_classifier"):
            state[name] = None  # reloaded by setup()
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
        if self._classifier is None and self.event_model != NO_MODEL:
            from newslens.events.classifier import Predictor
            from newslens.events.classifier import load_model as load_event_model

            self._classifier = Predictor(load_event_model(self.event_model))

    def __call__(self, batch: Sequence[EventInput]) -> StageResult[ArticleEvents]:
        """One result per article, in order; an article without a parse has none."""
        if not batch:
            return StageResult(())
        self.setup()
        from spacy.tokens import Doc

        from newslens.events.coder import candidate_sentences, code_events
        from newslens.events.coder_coref import resolve_references
        from newslens.events.quotes import extract_quotes

        docs = [
            Doc(self._vocab).from_bytes(i.analysis.doc)
            if i.analysis.doc and not i.analysis.skipped
            else None
            for i in batch
        ]
        wanted = [
            (n, index, text)
            for n, (item, doc) in enumerate(zip(batch, docs, strict=True))
            if doc is not None and self._classifier is not None
            for index, text in candidate_sentences(
                doc, item.analysis.mentions, self._lexicon, self._classifier.model.cues
            )
        ]
        predicted: dict[int, dict[int, dict[str, float]]] = {}
        probabilities = self._classifier.for_texts([w[2] for w in wanted]) if wanted else []
        for (n, index, _), probs in zip(wanted, probabilities, strict=True):
            predicted.setdefault(n, {})[index] = probs
        outputs = []
        for n, (item, doc) in enumerate(zip(batch, docs, strict=True)):
            article, analysis = item.article, item.analysis
            if doc is None:
                outputs.append(ArticleEvents(article.id))
                continue
            actor_at, references = resolve_references(doc, analysis.mentions, analysis.actors)
            events = code_events(
                article.id,
                doc,
                analysis.mentions,
                analysis.times,
                article.published,
                article.outlet,
                self._lexicon,
                analysis.actors,
                predictions=predicted.get(n, {}) if self._classifier is not None else None,
                cues=self._classifier.model.cues if self._classifier is not None else None,
                actor_at=actor_at,
            )
            quotes = extract_quotes(article.id, doc, analysis.mentions, self._cues, actor_at)
            # ids are derived from where a record sits: two records at one place are one record
            outputs.append(
                ArticleEvents(
                    article.id, _first_of_each(events), _first_of_each(quotes), references
                )
            )
        return StageResult(tuple(outputs))


stages.add("events", EventStage)
