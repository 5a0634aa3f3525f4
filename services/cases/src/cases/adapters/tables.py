"""Cases' tables (ADR 0005). A draft is a case row in status `draft`; the list reads `case` alone."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, DateTime, Index, LargeBinary, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


def _timestamp(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable)


def _json(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(JSONB, nullable=nullable)


class DsoSettingsRow(SQLModel, table=True):
    """A DSO that takes cases through the portal: its number prefix and the last number given."""

    __tablename__ = "dso_settings"

    dso_id: str = Field(primary_key=True, max_length=40)
    case_prefix: str = Field(max_length=6)
    country: str = Field(max_length=2)
    last_number: int = 0


class CaseTypeRow(SQLModel, table=True):
    """One version of one DSO's case type; the newest active version is the one new cases get."""

    __tablename__ = "case_type"

    dso_id: str = Field(primary_key=True, foreign_key="dso_settings.dso_id", max_length=40)
    code: str = Field(primary_key=True, max_length=40)
    version: int = Field(primary_key=True)
    schema_: dict[str, Any] = Field(sa_column=Column("schema", JSONB, nullable=False))
    active: bool = True
    created_at: datetime = Field(sa_column=_timestamp())


class CaseRow(SQLModel, table=True):
    __tablename__ = "case"
    __table_args__ = (
        UniqueConstraint("dso_id", "case_number"),
        # The installer's lists: a team's sent cases and its drafts, newest first. The sent cases' index
        # matches the list's default ORDER BY exactly and includes the filter columns (see the migration).
        Index(
            "ix_case_team_sent",
            "team_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("status <> 'draft'"),
            postgresql_include=["status", "case_type", "installer_id"],
        ),
        Index(
            "ix_case_team_status",
            "team_id",
            "status",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("status <> 'draft'"),
        ),
        Index(
            "ix_case_team_drafts",
            "team_id",
            text("updated_at DESC"),
            postgresql_where=text("status = 'draft'"),
        ),
        # The DSO's queue (issue 6) and the expiry job.
        Index(
            "ix_case_dso_sent",
            "dso_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("status <> 'draft'"),
        ),
        Index("ix_case_draft_age", "updated_at", postgresql_where=text("status = 'draft'")),
        Index(
            "ix_case_dso_handler",
            "dso_id",
            "handler_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("status <> 'draft'"),
        ),
        Index(
            "ix_case_dso_due",
            "dso_id",
            "sla_due_on",
            "id",
            postgresql_where=text("status <> 'draft' AND sla_due_on IS NOT NULL"),
        ),
        # An import row makes one case, however often its part comes (issue 7).
        Index(
            "ux_case_import_row",
            "import_job_id",
            "import_row",
            unique=True,
            postgresql_where=text("import_job_id IS NOT NULL"),
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    dso_id: str = Field(max_length=40)
    team_id: uuid.UUID
    installer_id: uuid.UUID
    installer_name: str = Field(default="", max_length=200)
    case_type: str = Field(max_length=40)
    case_type_version: int
    status: str = Field(max_length=30)
    case_number: str | None = Field(default=None, max_length=20)
    values: dict[str, Any] = Field(sa_column=_json())
    completion_notice: dict[str, Any] | None = Field(default=None, sa_column=_json(nullable=True))
    address: str = Field(max_length=300)
    lon: float
    lat: float
    grid_area_id: str | None = Field(default=None, max_length=60)
    created_at: datetime = Field(sa_column=_timestamp())
    updated_at: datetime = Field(sa_column=_timestamp())
    submitted_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # The `updated_at` a draft's expiry warning was sent for: a change after it earns a new warning.
    expiry_warned_for: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    version: int = 1
    search_text: str = Field(sa_column=Column(Text, nullable=False))
    handler_id: uuid.UUID | None = None
    handler_name: str = Field(default="", max_length=200)
    # The service-level clock (domain/service_level.py); `sla_due_on` is what the queue sorts and flags by.
    sla_target_days: int | None = None
    sla_used_days: int = 0
    sla_turn_started_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    sla_due_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    # Cases made in a project (issue 7); an imported one also names its job and row.
    project_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    import_job_id: uuid.UUID | None = None
    import_row: int | None = None


class CaseHistoryRow(SQLModel, table=True):
    """Every status step: who, in which role, when, why."""

    __tablename__ = "case_history"

    id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True, ondelete="CASCADE")
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str = Field(max_length=30)
    actor_id: uuid.UUID
    actor_role: str = Field(max_length=20)
    reason: str | None = Field(default=None, max_length=2000)
    actor_name: str = Field(default="", max_length=200)
    at: datetime = Field(sa_column=_timestamp())
    kind: str = Field(default="status", max_length=20)  # "status" or "assigned" (to_status = from_status)
    detail: str | None = Field(default=None, max_length=2000)  # the handler assigned; a rule's reasoning


class AttachmentRow(SQLModel, table=True):
    __tablename__ = "case_attachment"

    id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True, ondelete="CASCADE")
    file_name: str = Field(max_length=255)
    content_type: str = Field(max_length=50)
    size: int
    sha256: str = Field(max_length=64)
    category: str | None = Field(default=None, max_length=40)
    uploaded_by: uuid.UUID
    uploaded_at: datetime = Field(sa_column=_timestamp())
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class PersonRow(SQLModel, table=True):
    """Users as identity announces them: the names lists and histories show."""

    __tablename__ = "person"

    user_id: uuid.UUID = Field(primary_key=True)
    name: str = Field(max_length=200)
    team_id: uuid.UUID | None = None
    dso_id: str | None = Field(default=None, max_length=40)
    role: str | None = Field(default=None, max_length=20)
    active: bool = True


class CaseNoteRow(SQLModel, table=True):
    __tablename__ = "case_note"
    __table_args__ = (Index("ix_case_note_case", "case_id", "written_at"),)

    id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="case.id", ondelete="CASCADE")
    author_id: uuid.UUID
    author_name: str = Field(max_length=200)
    author_side: str = Field(max_length=10)
    body: str = Field(sa_column=Column(Text, nullable=False))
    written_at: datetime = Field(sa_column=_timestamp())


class CaseNoteReadRow(SQLModel, table=True):
    """How far one side (team or DSO) has read a case's notes."""

    __tablename__ = "case_note_read"

    case_id: uuid.UUID = Field(primary_key=True, foreign_key="case.id", ondelete="CASCADE")
    side: str = Field(primary_key=True, max_length=10)
    read_until: datetime = Field(sa_column=_timestamp())


class CaseTypePolicyRow(SQLModel, table=True):
    """What a DSO decides about one of its types beside the form: the target and the approval rules."""

    __tablename__ = "case_type_policy"

    dso_id: str = Field(primary_key=True, foreign_key="dso_settings.dso_id", max_length=40)
    code: str = Field(primary_key=True, max_length=40)
    target_working_days: int | None = None
    approval_rules: list[dict[str, Any]] = Field(default_factory=list, sa_column=_json())
