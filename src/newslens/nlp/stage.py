"""The language stage: one spaCy parse per article, then actors and time expressions.

Every article is parsed once (``nlp.pipe`` in batches, optionally several processes); the parsed
``Doc`` is returned serialised so the store caches it and later stages never parse again. Actor
resolution and time resolution work over the parse (token and entity lookups, compiled regular
expressions) and cost a small fraction of the parse itself. Articles not in English are skipped
with the reason recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslens.errors import ConfigError
from newslens.models import LANGUAGES, load_model
from newslens.records import ArticleAnalysis, ArticleText, Sentence, StageResult
from newslens.stages import stages

logger = logging.getLogger(__name__)

EVENTS_FILE = Path(__file__).resolve().parents[1] / "data" / "events.toml"


@dataclass(frozen=True)
class KnownEvent:
    """A well-known event whose date anchors an undated article's time expressions."""

    name: str
    date: dt.date
    places: re.Pattern[str]
    keywords: tuple[str, ...]


def load_events(path: Path = EVENTS_FILE) -> tuple[KnownEvent, ...]:
    """The known events of the data file (see its header)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(
            KnownEvent(
                str(e["name"]),
                e["date"],
                re.compile(r"\b(?:" + "|".join(re.escape(p) for p in e["places"]) + r")\b"),
                tuple(str(k).lower() for k in e["keywords"]),
            )
            for e in data.get("event", [])
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the known events in {path}: {exc}; fix the file") from exc


def event_anchors(body: str, events: Sequence[KnownEvent]) -> Mapping[str, dt.date]:
    """Keyword -> date of the known events an article names by place; ambiguous keywords go."""
    anchors: dict[str, dt.date] = {}
    clashing: set[str] = set()
    for event in events:
        if not event.places.search(body):
            continue
        for keyword in event.keywords:
            if anchors.get(keyword, event.date) != event.date:
                clashing.add(keyword)
            anchors.setdefault(keyword, event.date)
    return {k: v for k, v in anchors.items() if k not in clashing}


def sentences_of(article_id: str, doc: Any) -> list[Sentence]:
    """The sentences of a parsed body, with character offsets into the body."""
    return [
        Sentence(article_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
    ]


class LanguageStage:
    """Parse articles, resolve actors and time expressions (``stages["nlp"]``)."""

    def __init__(self, model: str | None = None, batch_size: int = 32, n_process: int = 1) -> None:
        self.model = model
        self.batch_size = batch_size
        self.n_process = n_process
        self._nlp: Any = None
        self._gazetteer: Any = None
        self._events: tuple[KnownEvent, ...] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_nlp"] = state["_gazetteer"] = state["_events"] = None  # reloaded by setup()
        return state

    @property
    def model_name(self) -> str:
        """The loaded spaCy pipeline as name and version (what the cached parses came from)."""
        self.setup()
        meta = self._nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"

    def setup(self) -> None:
        """Load the spaCy model and the gazetteer (once)."""
        if self._nlp is None:
            self._nlp = load_model(self.model)
        if self._gazetteer is None:
            from newslens.nlp.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        if self._events is None:
            self._events = load_events()

    def __call__(self, batch: Sequence[ArticleText]) -> StageResult[ArticleAnalysis]:
        """Analyse each article: one output per article, in order (skipped ones say why)."""
        if not batch:
            return StageResult(())
        self.setup()
        outputs: dict[str, ArticleAnalysis] = {}
        english = []
        for article in batch:
            language = article.language
            if language and language not in LANGUAGES:
                outputs[article.id] = ArticleAnalysis(
                    article.id, language, skipped=f"language {language}: no model for it"
                )
            elif not article.body.strip():
                outputs[article.id] = ArticleAnalysis(article.id, language, skipped="empty body")
            else:
                english.append(article)
        docs = self._nlp.pipe(
            (a.body for a in english), batch_size=self.batch_size, n_process=self.n_process
        )
        for article, doc in zip(english, docs, strict=True):
            outputs[article.id] = self._analyse(article, doc)
        return StageResult(tuple(outputs[a.id] for a in batch))

    def _analyse(self, article: ArticleText, doc: Any) -> ArticleAnalysis:
        from newslens.nlp.actors import resolve_actors
        from newslens.nlp.times import infer_publication, resolve_times

        sentences = sentences_of(article.id, doc)
        mentions, actors = resolve_actors(article.id, doc, self._gazetteer)
        earliest, latest = article.published_earliest, article.published_latest
        anchors: Mapping[str, dt.date] = {}
        if article.published is None and earliest is None and latest is None:
            # An undated article: known events it names date its yearless references.
            anchors = event_anchors(article.body, self._events or ())
            first = resolve_times(article.id, sentences, None, anchors=anchors)
            earliest, latest = infer_publication(sentences, first, anchors)
        times = resolve_times(
            article.id, sentences, article.published, earliest, latest, anchors=anchors
        )
        return ArticleAnalysis(
            article_id=article.id,
            language=article.language or "en",
            sentences=tuple(sentences),
            mentions=tuple(mentions),
            actors=tuple(actors),
            times=tuple(times),
            published_earliest=earliest if article.published is None else None,
            published_latest=latest if article.published is None else None,
            doc=doc_bytes(doc),
        )


def doc_bytes(doc: Any) -> bytes:
    """A parse as bytes, the same in every process: spaCy lists a doc's strings from a set,
    whose order changes with each process's hash seed, so they are sorted here (a Ray build
    stores the parses a local one does, byte for byte)."""
    import srsly  # type: ignore[import-untyped]

    data = srsly.msgpack_loads(doc.to_bytes(exclude=["user_data"]))
    data["strings"] = sorted(data["strings"])
    return bytes(srsly.msgpack_dumps(data))


stages.add("nlp", LanguageStage)
