"""The language stage: cached parses, analyses, sentences, actors, mentions, time expressions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parses",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("doc", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("language", sa.String(16)),
        sa.Column("skipped", sa.Text),
        sa.Column("sentences", sa.Integer, nullable=False),
    )
    op.create_table(
        "sentences",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(64)),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor_id", sa.String(128), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
    )
    op.create_index("ix_mentions_actor_id", "mentions", ["actor_id"])
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_table(
        "time_expressions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("earliest", sa.Date),
        sa.Column("latest", sa.Date),
        sa.Column("anchor", sa.String(16), nullable=False),
    )
    op.create_index("ix_time_expressions_article_id", "time_expressions", ["article_id"])


def downgrade() -> None:
    op.drop_table("time_expressions")
    op.drop_table("mentions")
    op.drop_table("actors")
    op.drop_table("sentences")
    op.drop_table("analyses")
    op.drop_table("parses")
