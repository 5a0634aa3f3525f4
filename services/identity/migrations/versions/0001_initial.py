"""Messaging tables, DSOs and team applications.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.db.migrations import create_messaging_tables, drop_messaging_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_messaging_tables()
    op.create_table(
        "dso",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("case_prefix", sa.String(10), nullable=False),
    )
    op.create_table(
        "team_application",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("dso_id", sa.String(40), sa.ForeignKey("dso.id"), nullable=False, index=True),
        sa.Column("company_name", sa.String(200), nullable=False),
        sa.Column("organisation_number", sa.String(20), nullable=False),
        sa.Column("contact_name", sa.String(200), nullable=False),
        sa.Column("contact_email", sa.String(320), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("team_application")
    op.drop_table("dso")
    drop_messaging_tables()
