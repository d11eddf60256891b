"""Which signal coded each event (lexicon, classifier or both) and with what confidence.

Also widens ``type`` so that a user's own categories (``newslens train events`` on custom
labels) fit on PostgreSQL, which enforces the column's length.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("coded_events", "events")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("signal", sa.String(16), nullable=False, server_default="lexicon")
            )
            batch.add_column(sa.Column("confidence", sa.Float))
            batch.alter_column(
                "type", type_=sa.String(64), existing_type=sa.String(16), existing_nullable=False
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "type", type_=sa.String(16), existing_type=sa.String(64), existing_nullable=False
            )
            batch.drop_column("confidence")
            batch.drop_column("signal")
