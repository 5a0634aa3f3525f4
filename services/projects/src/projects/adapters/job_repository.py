"""Batch jobs and their items."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from projects.adapters.tables import JobItemRow, JobRow
from projects.domain.jobs import ItemOutcome, Job, JobItem, JobKind


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
            await self._session.execute(
                insert(JobItemRow),
                [
                    {
                        "job_id": job.id,
                        "position": item.position,
                        "case_id": item.case_id,
                        "outcome": item.outcome.value,
                        "reason": item.reason,
                        "code": item.code,
                        "case_number": item.case_number,
                        "address": item.address,
                    }
                    for item in items
                ],
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

    async def items(self, job_id: uuid.UUID) -> list[JobItem]:
        statement = select(JobItemRow).where(JobItemRow.job_id == job_id).order_by(col(JobItemRow.position))
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
        told twice counts once. The job finishes when nothing is pending."""
        done = failed = 0
        for result in results:
            changed = await self._session.execute(
                update(JobItemRow)
                .where(
                    col(JobItemRow.job_id) == job_id,
                    col(JobItemRow.position) == result.position,
                    col(JobItemRow.outcome) == ItemOutcome.PENDING.value,
                )
                .values(
                    outcome=result.outcome.value,
                    case_id=result.case_id,
                    reason=result.reason,
                    code=result.code,
                    case_number=result.case_number,
                )
            )
            if changed.rowcount:  # type: ignore[attr-defined]
                done += result.outcome is ItemOutcome.DONE
                failed += result.outcome is ItemOutcome.FAILED
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
