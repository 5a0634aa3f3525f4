"""One mail of a kind per source event: a unique constraint, not only the consumer's inbox.

The inbox is per consumer name; the mail log itself must refuse a second mail for the same event
(a renamed consumer, a replay under another group). The constraint's index replaces the plain one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_unique_constraint(
        "uq_outgoing_mail_source_event_kind", "outgoing_mail", ["source_event_id", "kind"]
    )
    op.drop_index("ix_outgoing_mail_source_event_id", table_name="outgoing_mail")


def downgrade() -> None:
    op.create_index("ix_outgoing_mail_source_event_id", "outgoing_mail", ["source_event_id"])
    op.drop_constraint("uq_outgoing_mail_source_event_kind", "outgoing_mail", type_="unique")
