"""The read model of the projects' cases, kept by case events (upserts: a case's events arrive in order,
and a replayed one writes the same values again)."""

import functools
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, Update, Uuid, any_, bindparam, func, update
from sqlalchemy.dialects.postgresql import ARRAY, Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from projects.adapters.tables import ProjectCaseRow

_PROJECT_CASE: Table = ProjectCaseRow.__table__  # type: ignore[attr-defined]


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
    """Changes are written at the unit of work's commit (`write`), those of a kind together: a consumer
    handling a batch of case events sends one `executemany` for them rather than a statement each."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._pending: list[tuple[str, dict[str, Any]]] = []  # ("upsert" | "update", columns), in order

    async def upsert(self, case_id: uuid.UUID, values: Mapping[str, Any]) -> None:
        """Insert the case, or change the given columns of the one we know."""
        self._pending.append(("upsert", {"case_id": case_id, **values}))

    async def update(self, case_id: uuid.UUID, values: Mapping[str, Any]) -> None:
        """Change a known case; events of cases outside every project change nothing."""
        self._pending.append(("update", {"case_id": case_id, **values}))

    async def write(self) -> None:
        """The pending changes in the order made, each run of one kind on the same columns and on
        different cases in one statement (an INSERT of many rows may not touch one row twice)."""
        pending, self._pending = self._pending, []
        runs: list[tuple[str, tuple[str, ...], list[dict[str, Any]]]] = []
        cases: set[uuid.UUID] = set()  # in the last run
        for kind, values in pending:
            columns = tuple(values)
            if not runs or runs[-1][:2] != (kind, columns) or values["case_id"] in cases:
                runs.append((kind, columns, []))
                cases = set()
            runs[-1][2].append({f"b_{name}": value for name, value in values.items()})
            cases.add(values["case_id"])
        for kind, columns, rows in runs:
            await self._session.execute(_upsert(columns) if kind == "upsert" else _update(columns), rows)

    def forget(self) -> None:
        """Rolled back: the pending changes are not written."""
        self._pending = []

    async def of_project(self, project_id: uuid.UUID) -> list[ProjectCase]:
        await self.write()
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
        await self.write()
        # Core rows and one array parameter: a selection may be a whole project of 10,000 cases.
        statement = _PROJECT_CASE.select().where(
            _PROJECT_CASE.c.project_id == project_id,
            _PROJECT_CASE.c.case_id == any_(bindparam("selected", list(case_ids), type_=ARRAY(Uuid))),
        )
        return [_case(row) for row in await self._session.execute(statement)]

    async def count_in_group(self, group_id: uuid.UUID) -> int:
        await self.write()
        statement = select(func.count()).where(ProjectCaseRow.group_id == group_id)
        return int((await self._session.execute(statement)).scalar_one())


@functools.cache
def _upsert(columns: tuple[str, ...]) -> Insert:
    statement = insert(_PROJECT_CASE).values({name: bindparam(f"b_{name}") for name in columns})
    return statement.on_conflict_do_update(
        index_elements=["case_id"],
        set_={name: statement.excluded[name] for name in columns if name not in ("case_id", "project_id")},
    )


@functools.cache
def _update(columns: tuple[str, ...]) -> Update:
    return (
        update(_PROJECT_CASE)
        .where(_PROJECT_CASE.c.case_id == bindparam("b_case_id"))
        .values({name: bindparam(f"b_{name}") for name in columns if name != "case_id"})
    )


def _case(row: ProjectCaseRow | Row[Any]) -> ProjectCase:
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
