"""A job's progress: what cases answered per part, and what the user sees of it."""

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime

from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.jobs import ItemOutcome, ItemResult, Job, JobItem, JobKind, recorded_items
from projects.service_layer.access import Actor, visible_project


class JobNotFound(LookupError):
    pass


class ItemsShown(enum.StrEnum):
    """Which of a job's items come with it: a page polling progress needs none of 10,000."""

    ALL = "all"
    FAILED = "failed"
    NONE = "none"


async def job_view(
    uow: ProjectsUnitOfWork,
    actor: Actor,
    project_id: uuid.UUID,
    job_id: uuid.UUID,
    shown: ItemsShown = ItemsShown.ALL,
) -> tuple[Job, list[JobItem]]:
    """The job with its rows' or cases' outcomes (all, the failed, or none), for whoever sees the project."""
    async with uow:
        project = await visible_project(uow, actor, project_id)
        job = await uow.jobs.get(job_id)
        if job is None or job.project_id != project.id:
            raise JobNotFound(job_id)
        if shown is ItemsShown.NONE:
            return job, []
        outcome = ItemOutcome.FAILED if shown is ItemsShown.FAILED else None
        return job, await uow.jobs.items(job.id, outcome)


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
