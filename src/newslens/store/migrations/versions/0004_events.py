"""Events and quotes: coded events per sentence, merged events, quotes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _event_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("type", sa.String(16), nullable=False),
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
    ]


def upgrade() -> None:
    op.create_table(
        "coded_events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False, index=True),
        sa.Column("evidence", sa.JSON, nullable=False),
        *_event_columns(),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        *_event_columns(),
    )
    op.create_index("ix_events_source", "events", ["source"])
    op.create_index("ix_events_target", "events", ["target"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False, index=True),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(128), index=True),
        sa.Column("speaker_text", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
    )
    op.create_table(
        "event_runs",
        sa.Column("article_id", sa.String(32), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("event_runs")
    op.drop_table("quotes")
    op.drop_table("events")
    op.drop_table("coded_events")
