"""DSO settings, case types, cases (drafts included), their history, attachments and people (ADR 0005).

The free-text index needs pg_trgm (and btree_gin to scope it by team); where the server lacks them (the
embedded development PostgreSQL) the list searches without that index, or unscoped, which only costs speed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)
_SENT = sa.text("status <> 'draft'")
_DRAFT = sa.text("status = 'draft'")


def upgrade() -> None:
    op.create_table(
        "dso_settings",
        sa.Column("dso_id", sa.String(40), primary_key=True),
        sa.Column("case_prefix", sa.String(6), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "case_type",
        sa.Column("dso_id", sa.String(40), sa.ForeignKey("dso_settings.dso_id"), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("schema", JSONB, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "case",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("dso_id", sa.String(40), nullable=False),
        sa.Column("team_id", sa.Uuid, nullable=False),
        sa.Column("installer_id", sa.Uuid, nullable=False),
        sa.Column("installer_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("case_type", sa.String(40), nullable=False),
        sa.Column("case_type_version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("case_number", sa.String(20)),
        sa.Column("values", JSONB, nullable=False),
        sa.Column("completion_notice", JSONB),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("grid_area_id", sa.String(60)),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("submitted_at", _TS),
        sa.Column("expiry_warned_for", _TS),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.UniqueConstraint("dso_id", "case_number"),
    )
    # A team's sent cases in the list's default order, spelled as the list query sorts (newest first, then id)
    # so a page is read off the index instead of sorting the team's cases; the filter columns are included
    # so counting a filtered list reads the index alone (bench/cases_list.py: 50,000 cases in one team).
    op.create_index(
        "ix_case_team_sent",
        "case",
        ["team_id", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=_SENT,
        postgresql_include=["status", "case_type", "installer_id"],
    )
    # A status filter: the open statuses a team follows up are a sliver of its cases, found in list order
    # here instead of by reading all of the team's cases (p95 40 -> 15 ms for 50,000 cases).
    op.create_index(
        "ix_case_team_status",
        "case",
        ["team_id", "status", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=_SENT,
    )
    op.create_index(
        "ix_case_team_drafts", "case", ["team_id", sa.text("updated_at DESC")], postgresql_where=_DRAFT
    )
    op.create_index(
        "ix_case_dso_sent",
        "case",
        ["dso_id", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=_SENT,
    )
    op.create_index("ix_case_draft_age", "case", ["updated_at"], postgresql_where=_DRAFT)
    if _has_extension("pg_trgm"):
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # Scoped by team where btree_gin allows: a street typed in one team's list is common in other
        # teams' towns, and a trigram-only index hands all of those rows over to be thrown away
        # (bench/cases_list.py); a condition on search_text alone (the DSO's list) uses it just as fully.
        # Sent cases only, like the list's other indexes: a team's drafts are few, and the list binds
        # 'draft' as a parameter, so a generic plan could use a non-partial index where it cannot use
        # these, and PostgreSQL would switch a busy connection to that generic plan (60-110 ms for a big
        # team instead of 1-10).
        columns = "search_text gin_trgm_ops"
        if _has_extension("btree_gin"):
            op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
            columns = f"team_id, {columns}"
        op.execute(f'CREATE INDEX ix_case_search_text ON "case" USING gin ({columns}) WHERE {_SENT}')
    op.create_table(
        "case_history",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "case_id", sa.Uuid, sa.ForeignKey("case.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("from_status", sa.String(30)),
        sa.Column("to_status", sa.String(30), nullable=False),
        sa.Column("actor_id", sa.Uuid, nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(2000)),
        sa.Column("at", _TS, nullable=False),
        # Steps taken within one clock tick still read in the order they were taken.
        sa.Column("seq", sa.BigInteger, sa.Identity(always=True), nullable=False),
    )
    op.create_table(
        "case_attachment",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "case_id", sa.Uuid, sa.ForeignKey("case.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(50), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("category", sa.String(40)),
        sa.Column("uploaded_by", sa.Uuid, nullable=False),
        sa.Column("uploaded_at", _TS, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "person",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("team_id", sa.Uuid),
        sa.Column("dso_id", sa.String(40)),
    )


def _has_extension(name: str) -> bool:
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = :name"), {"name": name}
    )
    return found.first() is not None


def downgrade() -> None:
    for table in ("person", "case_attachment", "case_history", "case", "case_type", "dso_settings"):
        op.drop_table(table)
