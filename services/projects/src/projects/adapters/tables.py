"""Projects' tables (migration 0002, ADR 0007)."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


def _timestamp(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable)


class ProjectRow(SQLModel, table=True):
    __tablename__ = "project"

    id: uuid.UUID = Field(primary_key=True)
    team_id: uuid.UUID
    dso_id: str = Field(max_length=40)
    name: str = Field(max_length=100)
    created_by: uuid.UUID
    created_at: datetime = Field(sa_column=_timestamp())
    updated_at: datetime = Field(sa_column=_timestamp())
    version: int


class GroupRow(SQLModel, table=True):
    __tablename__ = "project_group"

    id: uuid.UUID = Field(primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id")
    name: str = Field(max_length=100)
    case_type: str = Field(max_length=40)
    created_at: datetime = Field(sa_column=_timestamp())
    version: int


class ProjectCaseRow(SQLModel, table=True):
    """The read model: a project's case as its events told it."""

    __tablename__ = "project_case"

    case_id: uuid.UUID = Field(primary_key=True)
    project_id: uuid.UUID
    group_id: uuid.UUID
    case_number: str | None = Field(default=None, max_length=20)
    address: str = Field(max_length=300)
    status: str = Field(max_length=40)
    installer_id: uuid.UUID
    handler_id: uuid.UUID | None = None
    updated_at: datetime = Field(sa_column=_timestamp())


class JobRow(SQLModel, table=True):
    __tablename__ = "job"

    id: uuid.UUID = Field(primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id")
    kind: str = Field(max_length=20)
    action: str | None = Field(default=None, max_length=40)
    group_id: uuid.UUID | None = None
    requested_by: uuid.UUID
    total: int
    done: int = 0
    failed: int = 0
    created_at: datetime = Field(sa_column=_timestamp())
    finished_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class JobItemRow(SQLModel, table=True):
    __tablename__ = "job_item"

    job_id: uuid.UUID = Field(primary_key=True, foreign_key="job.id")
    position: int = Field(primary_key=True)
    case_id: uuid.UUID | None = None
    outcome: str = Field(max_length=20)
    reason: str | None = Field(default=None, max_length=500)
    code: str | None = Field(default=None, max_length=40)
    case_number: str | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=300)
