"""Which articles report which merged event: an index, so a scope finds its events directly.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "event_articles",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), primary_key=True),
    )
    op.create_index("ix_event_articles_article_id", "event_articles", ["article_id"])
    # Stores built before this revision: fill the index from each event's evidence.
    rows = op.get_bind().execute(sa.text("SELECT id, evidence FROM events")).all()
    pairs: set[tuple[str, str]] = set()
    for event_id, evidence in rows:
        items = json.loads(evidence) if isinstance(evidence, str) else evidence
        pairs.update((event_id, item["article_id"]) for item in items or [])
    if pairs:
        op.bulk_insert(table, [{"event_id": e, "article_id": a} for e, a in sorted(pairs)])


def downgrade() -> None:
    op.drop_index("ix_event_articles_article_id", table_name="event_articles")
    op.drop_table("event_articles")
