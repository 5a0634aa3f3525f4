"""Projects, groups, batch jobs and their items, and the read model of the projects' cases (ADR 0007).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("team_id", sa.Uuid, nullable=False),
        sa.Column("dso_id", sa.String(40), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_by", sa.Uuid, nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_project_team", "project", ["team_id", sa.text("created_at DESC")])
    op.create_index("ix_project_dso", "project", ["dso_id", sa.text("created_at DESC")])
    op.create_table(
        "project_group",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("case_type", sa.String(40), nullable=False),
        _timestamp("created_at"),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_project_group_project", "project_group", ["project_id", "created_at"])
    op.create_table(
        "project_case",
        sa.Column("case_id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, nullable=False),
        sa.Column("group_id", sa.Uuid, nullable=False),
        sa.Column("case_number", sa.String(20), nullable=True),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("installer_id", sa.Uuid, nullable=False),
        sa.Column("handler_id", sa.Uuid, nullable=True),
        _timestamp("updated_at"),
    )
    op.create_index("ix_project_case_group", "project_case", ["project_id", "group_id", "case_number"])
    op.create_table(
        "job",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("action", sa.String(40), nullable=True),
        sa.Column("group_id", sa.Uuid, nullable=True),
        sa.Column("requested_by", sa.Uuid, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        _timestamp("created_at"),
        _timestamp("finished_at", nullable=True),
    )
    op.create_index("ix_job_project", "job", ["project_id", sa.text("created_at DESC")])
    op.create_table(
        "job_item",
        sa.Column("job_id", sa.Uuid, sa.ForeignKey("job.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Uuid, nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("case_number", sa.String(20), nullable=True),
        sa.Column("address", sa.String(300), nullable=True),
    )


def downgrade() -> None:
    for table in ("job_item", "job", "project_case", "project_group", "project"):
        op.drop_table(table)
