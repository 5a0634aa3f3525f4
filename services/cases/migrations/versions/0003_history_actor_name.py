"""Who acted, by name as identity signed it into their token, kept with each history step.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case_history", sa.Column("actor_name", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("case_history", "actor_name")
