"""Duplicates, stories and threads: MinHash signatures, story assignments, stories, threads.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_table(
        "story_assignments",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_index("ix_story_assignments_story_id", "story_assignments", ["story_id"])
    op.create_table(
        "stories",
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
    op.create_index("ix_stories_end", "stories", ["end"])
    op.create_index("ix_stories_thread_id", "stories", ["thread_id"])
    op.create_table(
        "threads",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("story_ids", sa.JSON, nullable=False),
        sa.Column("start", sa.Date),
        sa.Column("end", sa.Date),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])


def downgrade() -> None:
    op.drop_index("ix_articles_duplicate_of", "articles")
    op.drop_index("ix_articles_story_id", "articles")
    op.drop_table("threads")
    op.drop_table("stories")
    op.drop_table("story_assignments")
    op.drop_table("signatures")
