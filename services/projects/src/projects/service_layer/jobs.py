"""A job's progress: what cases answered per part, and what the user sees of it."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.jobs import ItemResult, Job, JobItem, JobKind, recorded_items
from projects.service_layer.access import Actor, visible_project


class JobNotFound(LookupError):
    pass


async def job_view(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, job_id: uuid.UUID
) -> tuple[Job, list[JobItem]]:
    """The job with every row's or case's outcome, for whoever sees the project."""
    async with uow:
        project = await visible_project(uow, actor, project_id)
        job = await uow.jobs.get(job_id)
        if job is None or job.project_id != project.id:
            raise JobNotFound(job_id)
        return job, await uow.jobs.items(job.id)


async def record_part(
    uow: ProjectsUnitOfWork, job_id: uuid.UUID, results: Sequence[ItemResult], now: datetime
) -> None:
    """A part's outcomes on the job's still-pending items (a redelivered part changes nothing). Within the
    consumer's unit of work, which commits."""
    job = await uow.jobs.get(job_id)
    if job is None:  # the project was deleted meanwhile: nobody waits for this job
        return
    positions: dict[uuid.UUID, int] = {}
    if job.kind is JobKind.BULK_ACTION:
        asked = [result.case_id for result in results if result.case_id is not None]
        positions = await uow.jobs.positions_of(job.id, asked)
    await uow.jobs.record(job.id, recorded_items(job.kind, results, positions), now)
