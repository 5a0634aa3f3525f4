"""A project's job, `/projekt/{id}/jobb/{job_id}`: an import's or a bulk action's progress (done and failed
out of total) while cases works through it, then per row or case what became of it (done, or failed and
why). The page's script polls the job's progress as JSON and reloads when it is finished; without script
the page refreshes itself until then."""

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from gateway.domain.case_display import status_class
from gateway.domain.local_time import local_time
from gateway.domain.project_jobs import (
    Progress,
    action_key,
    failure_key,
    items_of,
    job_title_key,
    outcome_of,
)
from gateway.domain.project_view import groups_of
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.project_page import read_project
from gateway.entrypoints.web.projects_calls import ProjectUser
from gateway.entrypoints.web.rendering import render

router = APIRouter(include_in_schema=False)

MAX_ITEMS_SHOWN = 2_000  # rows on the page; the failed come first, the export has every case


@router.get("/projekt/{project_id}/jobb/{job_id}", response_class=HTMLResponse)
async def job_page(request: Request, project_id: str, job_id: str, member: ProjectUser) -> HTMLResponse:
    found, job_key = item_id(project_id), item_id(job_id)
    project = await read_project(request, member, found)
    with refusals_as_pages(request):
        job: dict[str, Any] = await member.json("GET", f"/projects/{found}/jobs/{job_key}")
    items = items_of(job)
    groups = {group.id: group for group in groups_of(project, {})}
    return render(
        request,
        "project_job.html",
        project=project,
        job=job,
        group=groups.get(str(job.get("group_id"))),
        title_key=job_title_key(job),
        action_key=action_key(job),
        progress=Progress.of(job),
        items=items[:MAX_ITEMS_SHOWN],
        more=max(0, len(items) - MAX_ITEMS_SHOWN),
        outcome_of=outcome_of,
        failure_key=failure_key,
        status_class=status_class,
        when=partial(local_time, language=member.language),
    )


@router.get("/projekt/{project_id}/jobb/{job_id}/status")
async def job_progress(request: Request, project_id: str, job_id: str, member: ProjectUser) -> JSONResponse:
    """The job's progress for the page's script; a refusal is the same page as for the job page itself."""
    path = f"/projects/{item_id(project_id)}/jobs/{item_id(job_id)}?items=none"  # counts, not 10,000 rows
    with refusals_as_pages(request):
        job: dict[str, Any] = await member.json("GET", path)
    return JSONResponse(Progress.of(job).as_json(), headers={"cache-control": "no-store"})
