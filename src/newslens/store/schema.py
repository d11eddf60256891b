"""The store's tables as SQLAlchemy Core objects, mirroring the Alembic migrations.

The migrations create and change the schema; this module describes the current schema for
queries. A test checks that a migrated database matches these tables.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    # seq is the ingest order and the FTS5 rowid; id is the stable, content-derived article id.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("input_format", sa.String(32), nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("original_outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("published", sa.Date),
    sa.Column("published_earliest", sa.Date),
    sa.Column("published_latest", sa.Date),
    sa.Column("truncated", sa.Boolean, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False, index=True),
    sa.Column("duplicate_of", sa.String(32)),
    sa.Column("story_id", sa.String(32)),
    sa.Column("thread_id", sa.String(32)),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

raw_documents = sa.Table(
    "raw_documents",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("removed_lines", sa.Text, nullable=False),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("sample", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("inputs", sa.Text, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
)

build_runs = sa.Table(
    "build_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("engine", sa.String(16), nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
)

signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
)

story_assignments = sa.Table(
    "story_assignments",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(32), nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("keywords", sa.JSON, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
    sa.Column("article_ids", sa.JSON, nullable=False),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Column("outlets", sa.JSON, nullable=False),
    sa.Column("thread_id", sa.String(32)),
)

threads = sa.Table(
    "threads",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("story_ids", sa.JSON, nullable=False),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
)

parses = sa.Table(
    "parses",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("model", sa.String(64), nullable=False),
    sa.Column("doc", sa.LargeBinary, nullable=False),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("language", sa.String(16)),
    sa.Column("skipped", sa.Text),
    sa.Column("sentences", sa.Integer, nullable=False),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(64)),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, index=True),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor_id", sa.String(128), nullable=False, index=True),
    sa.Column("how", sa.String(16), nullable=False),
)

# Pronouns, "the latter" and group phrases the event stage resolved, with the named mentions
# (JSON list of {sentence_index, start, end, text, actor_id}) each goes back to.
coreferences = sa.Table(
    "coreferences",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, index=True),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor_ids", sa.JSON, nullable=False),
    sa.Column("how", sa.String(16), nullable=False),
    sa.Column("antecedents", sa.JSON, nullable=False),
)

time_expressions = sa.Table(
    "time_expressions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, index=True),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("earliest", sa.Date),
    sa.Column("latest", sa.Date),
    sa.Column("anchor", sa.String(16), nullable=False),
)


def _event_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("source", sa.String(128)),
        sa.Column("target", sa.String(128)),
        sa.Column("date", sa.Date),
        sa.Column("date_earliest", sa.Date),
        sa.Column("date_latest", sa.Date),
        sa.Column("date_basis", sa.String(16), nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("hypothetical", sa.Boolean, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("claimed_by", sa.String(128)),
        sa.Column("location", sa.Text),
        sa.Column("verb", sa.Text, nullable=False),
        # which signal coded the event (lexicon, classifier, both) and the classifier's
        # probability of its type (None when the build ran without an event model)
        sa.Column("signal", sa.String(16), nullable=False, server_default="lexicon"),
        sa.Column("confidence", sa.Float),
    ]


coded_events = sa.Table(
    "coded_events",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String(32), nullable=False, index=True),
    sa.Column("evidence", sa.JSON, nullable=False),
    *_event_columns(),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("article_count", sa.Integer, nullable=False),
    *_event_columns(),
)

#: merged event -> the articles whose sentences report it (from its evidence)
event_articles = sa.Table(
    "event_articles",
    metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String(32), primary_key=True, index=True),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String(32), nullable=False, index=True),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("speaker", sa.String(128), index=True),
    sa.Column("speaker_text", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("cue", sa.Text, nullable=False),
)

event_runs = sa.Table(
    "event_runs",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    # the token's public id travels in the token itself, so a check is one primary-key lookup
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("salt", sa.String(32), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

ingest_jobs = sa.Table(
    "ingest_jobs",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True)),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("heartbeat_at", sa.DateTime(timezone=True)),
    sa.Column("token_id", sa.String(16)),
    sa.Column("spool_dir", sa.Text, nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("options", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("errors", sa.JSON, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
)
