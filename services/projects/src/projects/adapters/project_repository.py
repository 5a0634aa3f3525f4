"""Projects and groups, with their case counts from the read model."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from projects.adapters.tables import GroupRow, ProjectCaseRow, ProjectRow
from projects.domain.project import Group, Project


class ProjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, project: Project) -> None:
        self._session.add(_row(project))

    async def get(self, project_id: uuid.UUID, *, lock: bool = False) -> Project | None:
        statement = select(ProjectRow).where(ProjectRow.id == project_id)
        if lock:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _project(row) if row else None

    async def of_team(self, team_id: uuid.UUID) -> list[Project]:
        statement = (
            select(ProjectRow)
            .where(ProjectRow.team_id == team_id)
            .order_by(col(ProjectRow.created_at).desc())
        )
        return [_project(row) for row in (await self._session.execute(statement)).scalars()]

    async def of_dso_with_cases(self, dso_id: str) -> list[Project]:
        """A DSO's view: the projects with at least one case in its grid areas."""
        has_cases = select(ProjectCaseRow.case_id).where(ProjectCaseRow.project_id == ProjectRow.id).exists()
        statement = (
            select(ProjectRow)
            .where(ProjectRow.dso_id == dso_id, has_cases)
            .order_by(col(ProjectRow.created_at).desc())
        )
        return [_project(row) for row in (await self._session.execute(statement)).scalars()]

    async def save(self, project: Project) -> bool:
        """False if someone else changed it since `project.version - 1` was read."""
        changed = await self._session.execute(
            update(ProjectRow)
            .where(col(ProjectRow.id) == project.id, col(ProjectRow.version) == project.version - 1)
            .values(name=project.name, updated_at=project.updated_at, version=project.version)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]

    async def delete(self, project_id: uuid.UUID) -> None:
        await self._session.execute(delete(ProjectRow).where(col(ProjectRow.id) == project_id))

    async def case_counts(self, project_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not project_ids:
            return {}
        statement = (
            select(ProjectCaseRow.project_id, func.count())
            .where(col(ProjectCaseRow.project_id).in_(project_ids))
            .group_by(col(ProjectCaseRow.project_id))
        )
        return {
            project_id: int(count) for project_id, count in (await self._session.execute(statement)).all()
        }


class GroupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, group: Group) -> None:
        self._session.add(
            GroupRow(
                id=group.id,
                project_id=group.project_id,
                name=group.name,
                case_type=group.case_type,
                created_at=group.created_at,
                version=group.version,
            )
        )

    async def get(self, group_id: uuid.UUID) -> Group | None:
        row = (
            await self._session.execute(select(GroupRow).where(GroupRow.id == group_id))
        ).scalar_one_or_none()
        return _group(row) if row else None

    async def of_project(self, project_id: uuid.UUID) -> list[Group]:
        statement = (
            select(GroupRow).where(GroupRow.project_id == project_id).order_by(col(GroupRow.created_at))
        )
        return [_group(row) for row in (await self._session.execute(statement)).scalars()]

    async def save(self, group: Group) -> bool:
        changed = await self._session.execute(
            update(GroupRow)
            .where(col(GroupRow.id) == group.id, col(GroupRow.version) == group.version - 1)
            .values(name=group.name, version=group.version)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]

    async def delete(self, group_id: uuid.UUID) -> None:
        await self._session.execute(delete(GroupRow).where(col(GroupRow.id) == group_id))


def _row(project: Project) -> ProjectRow:
    return ProjectRow(
        id=project.id,
        team_id=project.team_id,
        dso_id=project.dso_id,
        name=project.name,
        created_by=project.created_by,
        created_at=project.created_at,
        updated_at=project.updated_at,
        version=project.version,
    )


def _project(row: ProjectRow) -> Project:
    return Project(
        id=row.id,
        team_id=row.team_id,
        dso_id=row.dso_id,
        name=row.name,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def _group(row: GroupRow) -> Group:
    return Group(
        id=row.id,
        project_id=row.project_id,
        name=row.name,
        case_type=row.case_type,
        created_at=row.created_at,
        version=row.version,
    )
