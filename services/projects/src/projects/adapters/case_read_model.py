"""The read model of the projects' cases, kept by case events (upserts: a case's events arrive in order,
and a replayed one writes the same values again)."""

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from projects.adapters.tables import ProjectCaseRow


@dataclass(frozen=True, slots=True)
class ProjectCase:
    case_id: uuid.UUID
    project_id: uuid.UUID
    group_id: uuid.UUID
    case_number: str | None
    address: str
    status: str
    installer_id: uuid.UUID
    handler_id: uuid.UUID | None
    updated_at: datetime


class CaseReadModel:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, case_id: uuid.UUID, values: Mapping[str, Any]) -> None:
        """Insert the case, or change the given columns of the one we know."""
        changes = {name: value for name, value in values.items() if name not in ("case_id", "project_id")}
        statement = insert(ProjectCaseRow).values(case_id=case_id, **values)
        await self._session.execute(statement.on_conflict_do_update(index_elements=["case_id"], set_=changes))

    async def update(self, case_id: uuid.UUID, values: Mapping[str, Any]) -> None:
        """Change a known case; events of cases outside every project change nothing."""
        await self._session.execute(
            update(ProjectCaseRow).where(col(ProjectCaseRow.case_id) == case_id).values(**values)
        )

    async def of_project(self, project_id: uuid.UUID) -> list[ProjectCase]:
        statement = (
            select(ProjectCaseRow)
            .where(ProjectCaseRow.project_id == project_id)
            .order_by(
                col(ProjectCaseRow.group_id), col(ProjectCaseRow.case_number), col(ProjectCaseRow.address)
            )
        )
        return [_case(row) for row in (await self._session.execute(statement)).scalars()]

    async def selected(self, project_id: uuid.UUID, case_ids: Collection[uuid.UUID]) -> list[ProjectCase]:
        """The selected cases that belong to the project (others are not the caller's to act on here)."""
        statement = select(ProjectCaseRow).where(
            ProjectCaseRow.project_id == project_id, col(ProjectCaseRow.case_id).in_(list(case_ids))
        )
        return [_case(row) for row in (await self._session.execute(statement)).scalars()]

    async def count_in_group(self, group_id: uuid.UUID) -> int:
        statement = select(func.count()).where(ProjectCaseRow.group_id == group_id)
        return int((await self._session.execute(statement)).scalar_one())


def _case(row: ProjectCaseRow) -> ProjectCase:
    return ProjectCase(
        case_id=row.case_id,
        project_id=row.project_id,
        group_id=row.group_id,
        case_number=row.case_number,
        address=row.address,
        status=row.status,
        installer_id=row.installer_id,
        handler_id=row.handler_id,
        updated_at=row.updated_at,
    )
