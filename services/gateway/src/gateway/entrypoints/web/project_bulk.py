"""Bulk actions on a project's selected cases, across groups (seed 004): the team's ready for meter, cancel
and change installer; the DSO's cancel, reject (with a reason), archive and change case handler. Projects
answers with a job whose progress page comes next; cases checks each case again and answers per case.
And the export of the project's cases."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.projects_client import ProjectsProblem
from gateway.domain.project_actions import BulkFormError, action_of, bulk_request
from gateway.domain.project_view import selection
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.project_addresses import job_path, xlsx_download
from gateway.entrypoints.web.project_list import project_path
from gateway.entrypoints.web.project_page import ProjectShown, show_project
from gateway.entrypoints.web.projects_calls import ProjectUser
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)


@router.post("/projekt/{project_id}/massatgard", dependencies=[Depends(require_csrf)])
async def bulk_action(request: Request, project_id: str, member: ProjectUser) -> Response:
    found = item_id(project_id)
    form = await request.form()
    text = {name: value.strip() for name, value in form.items() if isinstance(value, str)}
    repeated = [value for value in form.getlist("case_id") if isinstance(value, str)]
    chosen = selection(text.get("case_ids", ""), repeated)
    typed = {key: text.get(key, "") for key in ("action", "reason", "target_installer", "target_handler")}
    kept = frozenset(str(case_id) for case_id in chosen or ())
    try:
        body = bulk_request(action_of(member.user.role, typed["action"]), chosen, typed)
        with refusals_as_pages(request, back=project_path(found)):
            job: dict[str, Any] = await member.json("POST", f"/projects/{found}/bulk-actions", json=body)
    except BulkFormError as refused:
        shown = ProjectShown(
            status=422, bulk_error=translate(request, refused.key), typed_bulk=typed, selected=kept
        )
        return await show_project(request, member, found, shown)
    except ProjectsProblem as problem:
        if problem.status not in (409, 422):
            raise
        key = "project.bulk.error.not_allowed" if problem.status == 409 else _refusal_key(problem)
        shown = ProjectShown(
            status=problem.status, bulk_error=translate(request, key), typed_bulk=typed, selected=kept
        )
        return await show_project(request, member, found, shown)
    return RedirectResponse(job_path(found, job["id"]), status_code=303)


def _refusal_key(problem: ProjectsProblem) -> str:
    fields = problem.field_errors()
    if "reason" in fields:
        return "project.bulk.error.reason"
    if "target_user_id" in fields:
        return "project.bulk.error.target"
    return "project.bulk.error.not_allowed"


@router.get("/projekt/{project_id}/export")
async def export(request: Request, project_id: str, member: ProjectUser) -> Response:
    """The project's cases as an .xlsx, as projects writes it (safe from formulas)."""
    with refusals_as_pages(request):
        found = await member.call("GET", f"/projects/{item_id(project_id)}/export")
    return xlsx_download(found.content, found.headers.get("content-disposition"), "projekt.xlsx")
