"""Batch jobs and their items."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, bindparam, column, func, insert, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from projects.adapters.tables import JobItemRow, JobRow
from projects.domain.jobs import ItemOutcome, Job, JobItem, JobKind

_JOB_ITEM: Table = JobItemRow.__table__  # type: ignore[attr-defined]
# An item by its position in the job, and what recording an outcome writes on it.
_RECORDED = ("position", "outcome", "case_id", "reason", "code", "case_number")
# One array per column, whatever the number of items: the statement is compiled and prepared once.
_ANSWERED = (
    func.unnest(*(bindparam(f"answered_{name}", type_=ARRAY(_JOB_ITEM.c[name].type)) for name in _RECORDED))
    .table_valued(*(column(name, _JOB_ITEM.c[name].type) for name in _RECORDED))
    .render_derived(name="answered")
)
_RECORD = (
    update(_JOB_ITEM)
    .where(
        _JOB_ITEM.c.job_id == bindparam("answered_job"),
        _JOB_ITEM.c.position == _ANSWERED.c.position,
        _JOB_ITEM.c.outcome == ItemOutcome.PENDING.value,
    )
    .values({name: _ANSWERED.c[name] for name in _RECORDED[1:]})
    .returning(_JOB_ITEM.c.outcome)
)
# A new item's columns besides its job's id, one array each.
_ADDED = ("position", "case_id", "outcome", "reason", "code", "case_number", "address")
_ADDING = (
    func.unnest(*(bindparam(f"added_{name}", type_=ARRAY(_JOB_ITEM.c[name].type)) for name in _ADDED))
    .table_valued(*(column(name, _JOB_ITEM.c[name].type) for name in _ADDED))
    .render_derived(name="added")
)
_ADD_ITEMS = insert(_JOB_ITEM).from_select(
    ["job_id", *_ADDED],
    select(bindparam("added_job", type_=_JOB_ITEM.c.job_id.type), *(_ADDING.c[name] for name in _ADDED)),
)


class JobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, job: Job, items: Sequence[JobItem]) -> None:
        self._session.add(
            JobRow(
                id=job.id,
                project_id=job.project_id,
                kind=job.kind.value,
                action=job.action,
                group_id=job.group_id,
                requested_by=job.requested_by,
                total=job.total,
                done=job.done,
                failed=job.failed,
                created_at=job.created_at,
                finished_at=job.finished_at,
            )
        )
        await self._session.flush()
        if items:
            # One statement with an array per column: an import or a selection has up to 10,000 items.
            columns = {
                "position": [item.position for item in items],
                "case_id": [item.case_id for item in items],
                "outcome": [item.outcome.value for item in items],
                "reason": [item.reason for item in items],
                "code": [item.code for item in items],
                "case_number": [item.case_number for item in items],
                "address": [item.address for item in items],
            }
            await self._session.execute(
                _ADD_ITEMS,
                {"added_job": job.id} | {f"added_{name}": values for name, values in columns.items()},
            )

    async def get(self, job_id: uuid.UUID) -> Job | None:
        row = (await self._session.execute(select(JobRow).where(JobRow.id == job_id))).scalar_one_or_none()
        return _job(row) if row else None

    async def of_project(self, project_id: uuid.UUID, limit: int = 20) -> list[Job]:
        statement = (
            select(JobRow)
            .where(JobRow.project_id == project_id)
            .order_by(col(JobRow.created_at).desc())
            .limit(limit)
        )
        return [_job(row) for row in (await self._session.execute(statement)).scalars()]

    async def running_import(self, group_id: uuid.UUID) -> bool:
        statement = select(JobRow.id).where(
            JobRow.group_id == group_id,
            JobRow.kind == JobKind.IMPORT.value,
            col(JobRow.finished_at).is_(None),
        )
        return (await self._session.execute(statement.limit(1))).first() is not None

    async def items(self, job_id: uuid.UUID, outcome: ItemOutcome | None = None) -> list[JobItem]:
        """The job's items in order; only those of one outcome if given."""
        statement = select(JobItemRow).where(JobItemRow.job_id == job_id)
        if outcome is not None:
            statement = statement.where(JobItemRow.outcome == outcome.value)
        statement = statement.order_by(col(JobItemRow.position))
        return [_item(row) for row in (await self._session.execute(statement)).scalars()]

    async def positions_of(self, job_id: uuid.UUID, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Where each of these cases stands in a bulk job's selection."""
        if not case_ids:
            return {}
        statement = select(JobItemRow.case_id, JobItemRow.position).where(
            JobItemRow.job_id == job_id, col(JobItemRow.case_id).in_(list(case_ids))
        )
        return {
            case_id: position
            for case_id, position in (await self._session.execute(statement)).all()
            if case_id is not None
        }

    async def record(self, job_id: uuid.UUID, results: Sequence[JobItem], now: datetime) -> None:
        """Each still-pending item gets its outcome; the job's counts grow by what changed, so a result
        told twice counts once. The job finishes when nothing is pending. One statement for a part's
        items (the first result for a position counts, as if told one after another)."""
        first: dict[int, JobItem] = {}
        for result in results:
            first.setdefault(result.position, result)
        if not first:
            return
        rows = [
            (item.position, item.outcome.value, item.case_id, item.reason, item.code, item.case_number)
            for item in first.values()
        ]
        # Planned for these items, not generically: after five runs PostgreSQL's generic plan guesses the
        # job's pending items instead of probing the primary key, and reads them all (100 ms a part).
        await self._session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        changed = await self._session.execute(
            _RECORD,
            {"answered_job": job_id}
            | {f"answered_{name}": [row[i] for row in rows] for i, name in enumerate(_RECORDED)},
        )
        outcomes = [ItemOutcome(outcome) for outcome in changed.scalars()]
        done = outcomes.count(ItemOutcome.DONE)
        failed = outcomes.count(ItemOutcome.FAILED)
        if done or failed:
            await self._session.execute(
                update(JobRow)
                .where(col(JobRow.id) == job_id)
                .values(done=col(JobRow.done) + done, failed=col(JobRow.failed) + failed)
            )
            await self._session.execute(
                update(JobRow)
                .where(
                    col(JobRow.id) == job_id,
                    col(JobRow.done) + col(JobRow.failed) >= col(JobRow.total),
                    col(JobRow.finished_at).is_(None),
                )
                .values(finished_at=now)
            )


def _job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        project_id=row.project_id,
        kind=JobKind(row.kind),
        action=row.action,
        group_id=row.group_id,
        requested_by=row.requested_by,
        total=row.total,
        done=row.done,
        failed=row.failed,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def _item(row: JobItemRow) -> JobItem:
    return JobItem(
        position=row.position,
        case_id=row.case_id,
        outcome=ItemOutcome(row.outcome),
        reason=row.reason,
        code=row.code,
        case_number=row.case_number,
        address=row.address,
    )
