"""Cases in projects: the project and group a case belongs to, and the import row that made it, so a
re-sent part of an import job never creates a row's case twice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case", sa.Column("project_id", UUID(as_uuid=True), nullable=True))
    op.add_column("case", sa.Column("group_id", UUID(as_uuid=True), nullable=True))
    op.add_column("case", sa.Column("import_job_id", UUID(as_uuid=True), nullable=True))
    op.add_column("case", sa.Column("import_row", sa.Integer, nullable=True))
    op.create_index(
        "ux_case_import_row",
        "case",
        ["import_job_id", "import_row"],
        unique=True,
        postgresql_where=sa.text("import_job_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ux_case_import_row", table_name="case")
    for column in ("import_row", "import_job_id", "group_id", "project_id"):
        op.drop_column("case", column)
