"""In-app notifications (the bell), mail preferences per kind, users' role and DSO in the directory, and
one mail per event, kind and address.

One event may now notify several users with the same kind of mail (a case's installer and its handler,
a DSO's admins), so the mail log's uniqueness takes in the address. Role and DSO come from
user.created.v1: the directory finds a DSO's admins by them. Users known before this migration have
neither until their user.created.v1 is seen again (a replay fills what is missing, changes nothing else).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "in_app_notification",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("case_id", sa.Uuid, nullable=True),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_event_id", sa.Uuid, nullable=True),
        sa.UniqueConstraint("source_event_id", "user_id", name="uq_in_app_notification_source_event_user"),
    )
    op.create_index(
        "ix_in_app_notification_user_newest",
        "in_app_notification",
        ["user_id", sa.text("created_at DESC"), sa.text("id DESC")],
    )
    op.create_index(
        "ix_in_app_notification_user_unread",
        "in_app_notification",
        ["user_id", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=sa.text("read_at IS NULL"),
    )
    op.create_table(
        "notification_preference",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("mail", sa.Boolean, nullable=False),
    )
    op.add_column("recipient", sa.Column("role", sa.String(20), nullable=True))
    op.add_column("recipient", sa.Column("dso_id", sa.String(40), nullable=True))
    op.create_index("ix_recipient_dso_role", "recipient", ["dso_id", "role"])
    op.create_unique_constraint(
        "uq_outgoing_mail_source_event_kind_recipient",
        "outgoing_mail",
        ["source_event_id", "kind", "recipient"],
    )
    op.drop_constraint("uq_outgoing_mail_source_event_kind", "outgoing_mail", type_="unique")


def downgrade() -> None:
    # Fails where one event mailed one kind to several addresses: those rows must go first.
    op.create_unique_constraint(
        "uq_outgoing_mail_source_event_kind", "outgoing_mail", ["source_event_id", "kind"]
    )
    op.drop_constraint("uq_outgoing_mail_source_event_kind_recipient", "outgoing_mail", type_="unique")
    op.drop_index("ix_recipient_dso_role", table_name="recipient")
    op.drop_column("recipient", "dso_id")
    op.drop_column("recipient", "role")
    op.drop_table("notification_preference")
    op.drop_table("in_app_notification")
