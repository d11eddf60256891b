"""Resolved references: each pronoun, "the latter" or group phrase the event stage settled, with
the named mentions it goes back to, so a user can see why an event or quote names its actor.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coreferences",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor_ids", sa.JSON, nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("antecedents", sa.JSON, nullable=False),
    )
    op.create_index("ix_coreferences_article_id", "coreferences", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_coreferences_article_id", "coreferences")
    op.drop_table("coreferences")
