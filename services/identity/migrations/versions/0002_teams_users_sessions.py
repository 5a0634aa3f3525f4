"""Full team applications (certificate, signature, decision), teams, users, login sessions, password links.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _authorisations() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("authorisations", ARRAY(sa.String(30)), nullable=False, server_default="{}")


def upgrade() -> None:
    op.add_column("dso", sa.Column("applications_email", sa.String(320)))
    op.create_table(
        "certificate",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(50), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        _ts("uploaded_at"),
    )
    for column in (
        sa.Column("sole_trader", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("personal_number_encrypted", sa.LargeBinary),
        sa.Column("street", sa.String(200)),
        sa.Column("postcode", sa.String(10)),
        sa.Column("city", sa.String(100)),
        _authorisations(),
        sa.Column("contact_mobile", sa.String(30)),
        sa.Column("certificate_id", sa.Uuid, sa.ForeignKey("certificate.id")),
        _ts("gdpr_consent_at", nullable=True),
        sa.Column("signed_by", sa.String(200)),
        _ts("signed_at", nullable=True),
        sa.Column("signature_sha256", sa.String(64)),
        sa.Column("decided_by", sa.Uuid),
        _ts("decided_at", nullable=True),
        sa.Column("rejection_reason", sa.String(2000)),
        sa.Column("team_id", sa.Uuid),
    ):
        op.add_column("team_application", column)
    op.create_table(
        "team",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("dso_id", sa.String(40), sa.ForeignKey("dso.id"), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation_number", sa.String(20), nullable=False),
        _authorisations(),
        sa.Column("application_id", sa.Uuid, sa.ForeignKey("team_application.id")),
        _ts("created_at"),
        sa.UniqueConstraint("dso_id", "organisation_number"),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("dso_id", sa.String(40), sa.ForeignKey("dso.id"), nullable=False, index=True),
        sa.Column("team_id", sa.Uuid, sa.ForeignKey("team.id"), index=True),
        sa.Column("mobile", sa.String(30)),
        sa.Column("description", sa.String(500)),
        _authorisations(),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("password_hash", sa.String(300)),
        _ts("password_changed_at", nullable=True),
        _ts("created_at"),
    )
    op.create_table(
        "login_session",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, sa.ForeignKey("user_account.id"), nullable=False, index=True),
        sa.Column("refresh_token_sha256", sa.String(64), nullable=False, unique=True),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("ended_at", nullable=True),
        sa.Column("client_ip", sa.String(45)),
    )
    op.create_table(
        "password_link",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, sa.ForeignKey("user_account.id"), nullable=False, index=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("purpose", sa.String(30), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("used_at", nullable=True),
    )


def downgrade() -> None:
    for table in ("password_link", "login_session", "user_account", "team"):
        op.drop_table(table)
    for column in (
        "team_id", "rejection_reason", "decided_at", "decided_by", "signature_sha256", "signed_at",
        "signed_by", "gdpr_consent_at", "certificate_id", "contact_mobile", "authorisations", "city",
        "postcode", "street", "personal_number_encrypted", "sole_trader",
    ):  # fmt: skip
        op.drop_column("team_application", column)
    op.drop_table("certificate")
    op.drop_column("dso", "applications_email")
