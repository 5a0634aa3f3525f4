"""HTTP: bulk actions on a project's cases, and any job's progress with every row's or case's outcome.
Both for the project's team and for the DSO of its cases; nobody else learns the project exists."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from projects.entrypoints.api.deps import CurrentActor, Now, Uow
from projects.entrypoints.api.job_schemas import BulkActionIn, JobDetailOut
from projects.entrypoints.api.problems import answered_as_problems
from projects.entrypoints.api.schemas import JobOut
from projects.service_layer.bulk_actions import BulkActionRequest, request_bulk_action
from projects.service_layer.jobs import ItemsShown, job_view

router = APIRouter(tags=["jobs"])


@router.post("/projects/{project_id}/bulk-actions", status_code=status.HTTP_202_ACCEPTED)
async def bulk_action(
    project_id: uuid.UUID, body: BulkActionIn, request: Request, actor: CurrentActor, uow: Uow, now: Now
) -> JobOut:
    """One action on every selected case; refused (409, naming the cases) unless allowed for all."""
    command = BulkActionRequest(body.action, body.case_ids, body.reason, body.target_user_id)
    with answered_as_problems(request, actor):
        return JobOut.of(await request_bulk_action(uow, actor, project_id, command, now))


@router.get("/projects/{project_id}/jobs/{job_id}")
async def job(
    project_id: uuid.UUID,
    job_id: uuid.UUID,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
    items: Annotated[
        ItemsShown,
        Query(
            description="Which rows or cases come along: all, only the failed, or none (to poll progress)."
        ),
    ] = ItemsShown.ALL,
) -> JobDetailOut:
    """Progress (done + failed of total) and, per row or case, pending, done or failed and why."""
    with answered_as_problems(request, actor):
        found, shown = await job_view(uow, actor, project_id, job_id, items)
    return JobDetailOut.with_items(found, shown)
