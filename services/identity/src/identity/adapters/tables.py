"""Identity's tables."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, LargeBinary, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel


def _timestamp(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable)


class DsoRow(SQLModel, table=True):
    __tablename__ = "dso"

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    country: str = Field(max_length=2)
    case_prefix: str = Field(max_length=10)
    applications_email: str | None = Field(default=None, max_length=320)


class CertificateRow(SQLModel, table=True):
    """An uploaded authorisation certificate; type decided from the content, size capped at upload."""

    __tablename__ = "certificate"

    id: uuid.UUID = Field(primary_key=True)
    file_name: str = Field(max_length=255)
    content_type: str = Field(max_length=50)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_at: datetime = Field(sa_column=_timestamp())


class TeamApplicationRow(SQLModel, table=True):
    __tablename__ = "team_application"

    id: uuid.UUID = Field(primary_key=True)
    dso_id: str = Field(foreign_key="dso.id", index=True)
    company_name: str = Field(max_length=200)
    organisation_number: str = Field(max_length=20)
    contact_name: str = Field(max_length=200)
    contact_email: str = Field(max_length=320)
    language: str = Field(max_length=2)
    status: str = Field(max_length=20, index=True)
    submitted_at: datetime = Field(sa_column=_timestamp())
    sole_trader: bool = False
    personal_number_encrypted: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    street: str | None = Field(default=None, max_length=200)
    postcode: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=100)
    authorisations: list[str] = Field(
        default_factory=list, sa_column=Column(ARRAY(String(30)), nullable=False)
    )
    contact_mobile: str | None = Field(default=None, max_length=30)
    certificate_id: uuid.UUID | None = Field(default=None, foreign_key="certificate.id")
    gdpr_consent_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    signed_by: str | None = Field(default=None, max_length=200)
    signed_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    signature_sha256: str | None = Field(default=None, max_length=64)
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    rejection_reason: str | None = Field(default=None, max_length=2000)
    team_id: uuid.UUID | None = None


class TeamRow(SQLModel, table=True):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("dso_id", "organisation_number"),)

    id: uuid.UUID = Field(primary_key=True)
    dso_id: str = Field(foreign_key="dso.id", index=True)
    name: str = Field(max_length=200)
    organisation_number: str = Field(max_length=20)
    authorisations: list[str] = Field(
        default_factory=list, sa_column=Column(ARRAY(String(30)), nullable=False)
    )
    application_id: uuid.UUID | None = Field(default=None, foreign_key="team_application.id")
    created_at: datetime = Field(sa_column=_timestamp())


class UserRow(SQLModel, table=True):
    __tablename__ = "user_account"

    id: uuid.UUID = Field(primary_key=True)
    email: str = Field(max_length=320, unique=True)  # stored lower-case: one login per address
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    role: str = Field(max_length=20)
    dso_id: str = Field(foreign_key="dso.id", index=True)
    team_id: uuid.UUID | None = Field(default=None, foreign_key="team.id", index=True)
    mobile: str | None = Field(default=None, max_length=30)
    description: str | None = Field(default=None, max_length=500)
    authorisations: list[str] = Field(
        default_factory=list, sa_column=Column(ARRAY(String(30)), nullable=False)
    )
    language: str = Field(max_length=2)
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=300)
    password_changed_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    created_at: datetime = Field(sa_column=_timestamp())


class LoginSessionRow(SQLModel, table=True):
    """A login: its refresh token's hash, open until it expires, is logged out or ended."""

    __tablename__ = "login_session"

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user_account.id", index=True)
    refresh_token_sha256: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_column=_timestamp())
    expires_at: datetime = Field(sa_column=_timestamp())
    ended_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    client_ip: str | None = Field(default=None, max_length=45)


class PasswordLinkRow(SQLModel, table=True):
    """A one-time set-password link: only its hash is kept."""

    __tablename__ = "password_link"

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user_account.id", index=True)
    token_sha256: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=30)
    created_at: datetime = Field(sa_column=_timestamp())
    expires_at: datetime = Field(sa_column=_timestamp())
    used_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
