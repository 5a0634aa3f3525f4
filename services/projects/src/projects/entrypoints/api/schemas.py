"""Request and response bodies of projects' API."""

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from projects.adapters.case_read_model import ProjectCase
from projects.domain.jobs import Job
from projects.domain.project import MAX_NAME_LENGTH, Group, Project


class NameIn(BaseModel):
    name: str = Field(max_length=MAX_NAME_LENGTH * 2, description="Trimmed; 1–100 characters.")


class RenameIn(NameIn):
    version: int = Field(ge=1, description="The version you read: a rename over someone else's is refused.")


class GroupIn(NameIn):
    case_type: str = Field(max_length=40, description="A project case type the grid company takes.")


class ProjectOut(BaseModel):
    id: uuid.UUID
    name: str
    team_id: uuid.UUID
    dso_id: str
    created_at: datetime
    version: int
    case_count: int = 0

    @classmethod
    def of(cls, project: Project, case_count: int = 0) -> "ProjectOut":
        return cls(
            id=project.id,
            name=project.name,
            team_id=project.team_id,
            dso_id=project.dso_id,
            created_at=project.created_at,
            version=project.version,
            case_count=case_count,
        )


class GroupOut(BaseModel):
    id: uuid.UUID
    name: str
    case_type: str
    version: int
    case_count: int = 0

    @classmethod
    def of(cls, group: Group, case_count: int = 0) -> "GroupOut":
        return cls(
            id=group.id,
            name=group.name,
            case_type=group.case_type,
            version=group.version,
            case_count=case_count,
        )


class ProjectCaseOut(BaseModel):
    case_id: uuid.UUID
    group_id: uuid.UUID
    case_number: str | None
    address: str
    status: str
    installer_id: uuid.UUID
    handler_id: uuid.UUID | None

    @classmethod
    def of(cls, case: ProjectCase) -> "ProjectCaseOut":
        return cls(
            case_id=case.case_id,
            group_id=case.group_id,
            case_number=case.case_number,
            address=case.address,
            status=case.status,
            installer_id=case.installer_id,
            handler_id=case.handler_id,
        )


class JobOut(BaseModel):
    id: uuid.UUID
    kind: str
    action: str | None
    group_id: uuid.UUID | None
    total: int
    done: int
    failed: int
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, job: Job) -> "JobOut":
        return cls(
            id=job.id,
            kind=job.kind.value,
            action=job.action,
            group_id=job.group_id,
            total=job.total,
            done=job.done,
            failed=job.failed,
            created_at=job.created_at,
            finished_at=job.finished_at,
        )


class ProjectDetailOut(ProjectOut):
    groups: list[GroupOut]
    cases: list[ProjectCaseOut]
    jobs: list[JobOut]
    actions: list[str] = Field(description="The bulk actions the caller's side has (per case: see `cases`).")
