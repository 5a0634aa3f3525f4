"""The DSO's back office: handler assignment, the service-level clock, notes with read state per side, each
type's policy (target, automatic approval rules), and which people are DSO staff.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SENT = sa.text("status <> 'draft'")


def upgrade() -> None:
    op.add_column("case", sa.Column("handler_id", UUID(as_uuid=True), nullable=True))
    op.add_column("case", sa.Column("handler_name", sa.String(200), nullable=False, server_default=""))
    op.add_column("case", sa.Column("sla_target_days", sa.Integer, nullable=True))
    op.add_column("case", sa.Column("sla_used_days", sa.Integer, nullable=False, server_default="0"))
    op.add_column("case", sa.Column("sla_turn_started_on", sa.Date, nullable=True))
    op.add_column("case", sa.Column("sla_due_on", sa.Date, nullable=True))
    # The queue: a handler's cases ("mine", "assigned to") and the cases nearest their due date.
    op.create_index(
        "ix_case_dso_handler",
        "case",
        ["dso_id", "handler_id", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=_SENT,
    )
    op.create_index(
        "ix_case_dso_due",
        "case",
        ["dso_id", "sla_due_on", "id"],
        postgresql_where=sa.text("status <> 'draft' AND sla_due_on IS NOT NULL"),
    )
    op.add_column("case_history", sa.Column("kind", sa.String(20), nullable=False, server_default="status"))
    op.add_column("case_history", sa.Column("detail", sa.String(2000), nullable=True))

    op.create_table(
        "case_note",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "case_id", UUID(as_uuid=True), sa.ForeignKey("case.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("author_id", UUID(as_uuid=True), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_side", sa.String(10), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_case_note_case", "case_note", ["case_id", "written_at"])
    op.create_table(
        "case_note_read",
        sa.Column(
            "case_id", UUID(as_uuid=True), sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("side", sa.String(10), primary_key=True),
        sa.Column("read_until", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_type_policy",
        sa.Column("dso_id", sa.String(40), sa.ForeignKey("dso_settings.dso_id"), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("target_working_days", sa.Integer, nullable=True),
        sa.Column("approval_rules", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
    )
    op.add_column("person", sa.Column("role", sa.String(20), nullable=True))
    op.add_column("person", sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("person", "active")
    op.drop_column("person", "role")
    op.drop_table("case_type_policy")
    op.drop_table("case_note_read")
    op.drop_index("ix_case_note_case", table_name="case_note")
    op.drop_table("case_note")
    op.drop_column("case_history", "detail")
    op.drop_column("case_history", "kind")
    op.drop_index("ix_case_dso_due", table_name="case")
    op.drop_index("ix_case_dso_handler", table_name="case")
    for column in ("sla_due_on", "sla_turn_started_on", "sla_used_days", "sla_target_days"):
        op.drop_column("case", column)
    op.drop_column("case", "handler_name")
    op.drop_column("case", "handler_id")
