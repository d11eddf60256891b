"""Runs the stages over the store: ingest (read -> clean) and build (dedupe -> stories -> threads).

Each batch is committed on its own, so a crash or Ctrl-C loses nothing already committed, and a
rerun resumes: articles already stored (same stable id) are skipped, never duplicated.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newslens.engine import Engine, IngestBatch, LocalEngine
from newslens.records import ArticleText, ReadOptions, Story, Thread
from newslens.store import Store

logger = logging.getLogger(__name__)

#: called after each input item with (items read so far, the item's source_path)
ProgressCallback = Callable[[int, str], None]


@dataclass
class IngestReport:
    """What an ingest did: read, ingested, already stored, exact copies, quarantined by reason."""

    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined_total,
            "quarantined_by_reason": dict(sorted(self.quarantined.items())),
            "formats": dict(sorted(self.formats.items())),
            "interrupted": self.interrupted,
        }


def _store_batch(store: Store, batch: IngestBatch, report: IngestReport) -> None:
    articles = list(batch.cleaned.outputs)
    rejected = [*batch.rejected, *batch.cleaned.dropped]
    known = store.existing_ids(a.id for a in articles)
    new = [a for a in articles if a.id not in known]
    seen_hashes = store.existing_body_hashes(a.body_hash for a in new)
    for article in new:
        if article.body_hash in seen_hashes:
            report.duplicates += 1
        seen_hashes.add(article.body_hash)
    report.unchanged += len(articles) - len(new)
    report.ingested += store.add_articles(new)
    store.add_rejected(rejected)
    for item in rejected:
        report.quarantined[str(item.reason)] += 1


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    batch_size: int = 200,
    progress: ProgressCallback | None = None,
    engine: Engine | None = None,
) -> IngestReport:
    """Read, clean and store every input under ``paths``; returns the ingest report.

    ``engine`` reads and cleans (``newslens.engine``: in this process by default, or on Ray);
    the store is written here, one batch per transaction, in input order either way."""
    report = IngestReport()
    engine = engine or LocalEngine()
    batches = engine.read_clean(paths, fmt, options or ReadOptions(), batch_size)
    run_id = store.start_run([str(p) for p in paths])
    status = "failed"
    try:
        for batch in batches:
            report.read += batch.read
            report.formats.update(batch.formats)
            if progress:  # told before the batch is stored: a callback that stops the run
                progress(report.read, batch.last_source)  # leaves only whole batches behind
            _store_batch(store, batch, report)
        status = "done"
    except KeyboardInterrupt:
        report.interrupted = True
        status = "interrupted"
        raise
    finally:
        store.finish_run(run_id, report.as_dict(), status)
        logger.info("ingest %s: %s", status, report.as_dict())
    return report


@dataclass
class BuildReport:
    """What a build did: fingerprints, copies, articles placed in stories, stories, threads."""

    fingerprinted: int = 0
    duplicates: int = 0
    analysed: int = 0
    skipped: int = 0
    actors: int = 0
    events_coded: int = 0
    quotes: int = 0
    events: int = 0
    clustered: int = 0
    stories_touched: int = 0
    stories: int = 0
    threads: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


def _date_key(article: ArticleText) -> tuple[int, dt.date, int]:
    """Order for online clustering: by date (a narrow stated interval counts by its middle), then
    seq; undated articles come last, in ingest order."""
    from newslens.stories.text import article_date

    day = article_date(article)
    return (0, day, article.seq) if day else (1, dt.date.max, article.seq)


BuildProgress = Callable[[str, int], None]


def _code_events(
    store: Store,
    report: BuildReport,
    tell: BuildProgress,
    engine: Engine,
    settings: dict[str, Any],
    resumed: bool,
    sizes: dict[str, int],
) -> None:
    """Code events and quotes from each new cached parse, then merge events across articles
    (again after an unfinished build too: it may have stopped before its merge)."""
    from newslens.events import EventStage, merge_events

    coded = 0
    stage = EventStage(**settings)
    for batch, result in engine.map(stage, store.uncoded_articles(**sizes)):
        store.save_article_events(result.outputs)
        coded += len(batch)
        report.events_coded += sum(len(r.events) for r in result.outputs)
        report.quotes += sum(len(r.quotes) for r in result.outputs)
        tell("events", coded)
    if coded or report.duplicates or resumed:
        # merging is over every coded event: a new report can join an event seen before
        merged = merge_events(list(store.iter_coded_events()))
        store.replace_events(merged)
        report.events = len(merged)


def _with_actors(store: Store, story: Story) -> Story:
    """A story's entities led by the actors its articles mention most (resolved by the language
    stage: "Beijing", "the Chinese leader" and "China" count as one), then the story's own."""
    actors = [a.name for a in store.top_actors(story.article_ids, n=8)]
    entities = list(dict.fromkeys([*actors, *story.entities]))[: max(len(story.entities), 8)]
    return replace(story, entities=tuple(entities))


def _label_by_actors(store: Store, thread: Thread, stories: Sequence[Story]) -> Thread:
    """Name a thread by the two actors its articles mention most ("China – Russia: talks"),
    keeping the topic word the thread linker chose; unchanged when no actor is known."""
    members = {s.id: s for s in stories}
    article_ids = [
        i for sid in thread.story_ids if sid in members for i in members[sid].article_ids
    ]
    actors = store.top_actors(article_ids, n=2)
    if len(actors) < 2:
        return thread
    topic = thread.label.rsplit(": ", 1)[1] if ": " in thread.label else ""
    names = " – ".join(sorted(a.name for a in actors))
    return replace(thread, label=f"{names}: {topic}" if topic else names)


def _analyse(
    store: Store,
    report: BuildReport,
    tell: BuildProgress,
    engine: Engine,
    settings: dict[str, Any],
    sizes: dict[str, int],
) -> None:
    """Parse each new original once; store sentences, mentions, times and the merged actors,
    one batch per transaction."""
    from newslens.nlp import LanguageStage
    from newslens.nlp.actors import merge_actors

    stage = LanguageStage(**settings)
    model_name: str | None = None
    for _batch, result in engine.map(stage, store.unanalysed_articles(**sizes)):
        # the parses' model, named once (on Ray this loads it in this process too)
        model_name = model_name or stage.model_name
        found = [actor for analysis in result.outputs for actor in analysis.actors]
        stored = store.actors_by_id(a.id for a in found)
        merged = merge_actors([*stored.values(), *found])
        store.save_analyses(result.outputs, model_name, actors=merged)
        report.analysed += sum(1 for a in result.outputs if not a.skipped)
        report.skipped += sum(1 for a in result.outputs if a.skipped)
        report.actors += len(set(a.id for a in found) - set(stored))
        tell("language", report.analysed + report.skipped)


def build(
    store: Store,
    recluster: bool = False,
    progress: BuildProgress | None = None,
    clusterer_settings: dict[str, Any] | None = None,
    nlp_settings: dict[str, Any] | None = None,
    event_lexicon: str | None = None,
    recode: bool = False,
    event_model: str | None = None,
    engine: Engine | None = None,
    batch_size: int | None = None,
) -> BuildReport:
    """Run dedupe, the language stage, stories and threads over what is new in the store
    (stories and threads over all of it with ``recluster``).

    ``event_lexicon``: a user's lexicon file, read on top of the bundled one
    (``data/events/lexicon.toml`` says how); ``recode``: code every article's events again,
    as after changing the lexicon (the cached parses are reused, nothing is parsed twice);
    ``event_model``: the event classifier's model file (None: the bundled one; "none": the
    lexicon alone); ``engine``: where the language and event stages run (``newslens.engine``:
    here by default, or on Ray; the store is written here either way, so the result is the same);
    ``batch_size``: articles per batch of those stages (default: the engine's ``batch_size``, else
    the store's, 200 for the language stage and 100 for events; both engines use the store's,
    since actor names are merged per batch: ``engine/ray_engine.py``).

    A build that stopped before its end (killed, a power cut) leaves every committed batch in
    place; the next one carries on from there and redoes the whole-corpus steps (event merge,
    story descriptions, threads), which the stopped one may not have reached."""
    if event_lexicon:
        from newslens.events.coder import load_lexicon

        load_lexicon(Path(event_lexicon))  # a broken file fails before anything is forgotten
    if event_model and event_model != "none":
        from newslens.events.classifier import load_model

        load_model(event_model)  # likewise a missing or foreign model file
    if recode:
        store.forget_events()
    from newslens.dedupe import Deduper
    from newslens.stories import StoryClusterer, describe_stories, link_threads

    report = BuildReport()
    tell = progress or (lambda _stage, _n: None)
    engine = engine or LocalEngine()
    resumed = store.last_build_unfinished()
    run_id = store.start_build(engine.name)

    deduper = Deduper()
    deduper.setup()
    deduper.prime(store.known_signatures())
    touched: set[str] = set()
    for batch in store.unsigned_articles():
        result = deduper(batch)
        touched |= store.save_dedupe(result.outputs)
        report.fingerprinted += len(batch)
        report.duplicates += sum(1 for r in result.outputs if r.duplicate_of)
        tell("duplicates", report.fingerprinted)

    batch_size = batch_size or engine.batch_size
    sizes = {"batch_size": batch_size} if batch_size else {}
    _analyse(store, report, tell, engine, nlp_settings or {}, sizes)
    event_settings = {
        "model": (nlp_settings or {}).get("model"),
        "lexicon": event_lexicon,
        "event_model": event_model,
    }
    _code_events(store, report, tell, engine, event_settings, resumed, sizes)

    if recluster:
        store.clear_stories()
        touched = set()
    elif resumed:  # the stopped build may have placed articles without describing their stories
        touched |= store.story_ids()
    clusterer = StoryClusterer(**(clusterer_settings or {}))
    clusterer.setup()
    new = sorted(store.unclustered_articles(), key=_date_key)
    if new:
        dated = [_date_key(a)[1] for a in new if _date_key(a)[0] == 0]
        window = dt.timedelta(days=int(getattr(clusterer, "window_days", 7)))
        since = min(dated) - window if dated else None
        clusterer.prime(store.open_story_members(since))
        placed = clusterer(new)
        store.save_assignments(placed.outputs)
        touched |= {a.story_id for a in placed.outputs}
        report.clustered = len(placed.outputs)
        tell("stories", report.clustered)
    members = store.story_members(touched)
    stories = [_with_actors(store, story) for story in describe_stories(members)]
    store.save_stories(stories, gone=touched - set(members))
    report.stories_touched = len(stories)
    all_stories = list(store.iter_stories())
    threads = [_label_by_actors(store, t, all_stories) for t in link_threads(all_stories)]
    store.save_threads(threads)
    store.refresh_article_links()
    report.stories, report.threads = len(all_stories), len(threads)
    tell("threads", report.threads)
    store.finish_build(run_id, report.as_dict())
    return report
