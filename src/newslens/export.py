"""Exports in the contract formats of DESIGN.md: JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newslens.errors import ExportError
from newslens.records import Actor, Event, Quote, Reference, Story
from newslens.store import Store, StoredArticle

ARTICLE_FIELDS = [
    "id",
    "url",
    "source_path",
    "outlet",
    "original_outlet",
    "title",
    "author",
    "language",
    "published",
    "published_earliest",
    "published_latest",
    "truncated",
    "body",
    "duplicate_of",
    "story_id",
    "thread_id",
]

STORY_FIELDS = ["id", "label", "start", "end", "article_ids", "outlets", "thread_id", "keywords"]

ACTOR_FIELDS = ["id", "name", "kind", "country", "sector", "roles", "aliases"]

EVENT_FIELDS = [
    "id",
    "type",
    "source",
    "target",
    "source_country",
    "target_country",
    "date",
    "date_earliest",
    "date_latest",
    "negated",
    "hypothetical",
    "background",
    "evidence",
    "claimed_by",
    "date_basis",
    "location",
    "signal",
    "confidence",
]
QUOTE_FIELDS = ["id", "speaker", "text", "direct", "cue", "article_id", "speaker_text"]

FORMATS = ("jsonl", "csv", "parquet")
KINDS = ("articles", "stories", "events", "quotes", "actors")


def article_record(article: StoredArticle) -> dict[str, Any]:
    """An article as the export contract names its fields (dates ISO, unknown None)."""
    record: dict[str, Any] = {}
    for name in ARTICLE_FIELDS:
        value = getattr(article, name)
        record[name] = value.isoformat() if isinstance(value, dt.date) else value
    return record


def story_record(story: Story) -> dict[str, Any]:
    """A story as the export contract names its fields (copies are not among its articles)."""
    return {
        "id": story.id,
        "label": story.label,
        "start": story.start.isoformat() if story.start else None,
        "end": story.end.isoformat() if story.end else None,
        "article_ids": list(story.article_ids),
        "outlets": list(story.outlets),
        "thread_id": story.thread_id,
        "keywords": list(story.keywords),
    }


def actor_record(actor: Actor) -> dict[str, Any]:
    """An actor as the export contract names its fields."""
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": actor.sector,
        "roles": list(actor.roles),
        "aliases": list(actor.aliases),
    }


def reference_record(ref: Reference) -> dict[str, Any]:
    """A resolved reference and the named mentions it goes back to."""
    return {
        "article_id": ref.article_id,
        "sentence_index": ref.sentence_index,
        "text": ref.text,
        "how": ref.how,
        "actors": list(ref.actor_ids),
        "antecedents": [
            {"sentence_index": m.sentence_index, "text": m.text, "actor_id": m.actor_id}
            for m in ref.antecedents
        ],
    }


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def event_record(event: Event, actors: dict[str, Actor]) -> dict[str, Any]:
    """An event as the export contract names its fields: actor names, ISO alpha-3 countries."""
    source, target = actors.get(event.source or ""), actors.get(event.target or "")
    claimed = actors.get(event.claimed_by or "")
    return {
        "id": event.id,
        "type": event.type,
        "source": source.name if source else event.source,
        "target": target.name if target else event.target,
        "source_country": source.country if source else None,
        "target_country": target.country if target else None,
        "date": _iso(event.date),
        "date_earliest": _iso(event.date_earliest or event.date),
        "date_latest": _iso(event.date_latest or event.date),
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "background": event.background,
        "evidence": [
            {"article_id": e.article_id, "outlet": e.outlet, "sentence": e.sentence}
            for e in event.evidence
        ],
        "claimed_by": claimed.name if claimed else event.claimed_by,
        "date_basis": event.date_basis,
        "location": event.location,
        "signal": event.signal,
        "confidence": None if event.confidence is None else round(event.confidence, 4),
    }


def quote_record(quote: Quote, actors: dict[str, Actor]) -> dict[str, Any]:
    """A quote as the export contract names its fields (speaker: the actor's name)."""
    speaker = actors.get(quote.speaker or "")
    return {
        "id": quote.id,
        "speaker": speaker.name if speaker else quote.speaker,
        "text": quote.text,
        "direct": quote.direct,
        "cue": quote.cue,
        "article_id": quote.article_id,
        "speaker_text": quote.speaker_text,
    }


def records(store: Store, kind: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """The field names and records of one export kind."""
    if kind == "articles":
        return ARTICLE_FIELDS, (article_record(a) for a in store.iter_articles())
    if kind == "stories":
        return STORY_FIELDS, (story_record(s) for s in store.iter_stories())
    if kind == "actors":
        return ACTOR_FIELDS, (actor_record(a) for a in store.iter_actors())
    if kind in ("events", "quotes"):
        actors = {a.id: a for a in store.iter_actors()}
        if kind == "events":
            return EVENT_FIELDS, (event_record(e, actors) for e in store.iter_events())
        return QUOTE_FIELDS, (quote_record(q, actors) for q in store.iter_quotes())
    raise ExportError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(fields: list[str], rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(
            {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
        )
        count += 1
    return count


BOOL_FIELDS = frozenset({"truncated", "negated", "hypothetical", "background", "direct"})


def write_parquet(fields: list[str], rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Stream rows into a Parquet file: booleans typed, lists as JSON text, the rest strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(name, pa.bool_() if name in BOOL_FIELDS else pa.string()) for name in fields]
    )

    def cell(name: str, value: Any) -> Any:
        if value is None or name in BOOL_FIELDS:
            return value
        return json.dumps(value) if isinstance(value, list | dict) else str(value)

    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for row in rows:
            batch.append({name: cell(name, row.get(name)) for name in fields})
            count += 1
            if len(batch) >= 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def export(store: Store, kind: str, fmt: str, out: Path | None, stdout: IO[str]) -> int:
    """Write one export kind in one format to ``out`` (or stdout for text formats)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    fields, rows = records(store, kind)
    if fmt == "parquet":
        if out is None:
            raise ExportError("parquet is binary: give --out FILE.parquet")
        return write_parquet(fields, rows, out)
    if out is None:
        return write_jsonl(rows, stdout) if fmt == "jsonl" else write_csv(fields, rows, stdout)
    with out.open("w", encoding="utf-8", newline="") as handle:
        return write_jsonl(rows, handle) if fmt == "jsonl" else write_csv(fields, rows, handle)
