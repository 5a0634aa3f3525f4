"""The trace a queued mail belongs to: the dispatcher's SMTP send joins the trace of the event that
queued it (gateway → service → outbox → Kafka → consumer → SMTP in one trace).

Expand only: a nullable column, which the previous release neither reads nor writes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outgoing_mail", sa.Column("traceparent", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("outgoing_mail", "traceparent")
