"""Adding addresses to a group from Excel ("Tilføj adresse", seed 004): the group's template to download,
and the filled template uploaded. Projects checks every row at once: a wrong file creates nothing, and
every wrong row and column is listed. An accepted file is a job whose progress page comes next. (One
address in a form: project_address_form.py.)"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.projects_client import ProjectsProblem
from gateway.domain.project_jobs import RowError, import_errors, wrong_rows
from gateway.domain.project_view import attachment_disposition
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.case_attachments import RELAY_LIMIT_BYTES, chosen_file
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.project_list import project_path
from gateway.entrypoints.web.project_page import ProjectShown, show_project
from gateway.entrypoints.web.projects_calls import AsProjectUser, ProjectTeamMember, ProjectUser
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_TIMEOUT_SECONDS = 120.0  # projects checks a whole file (up to 10,000 rows) with GIS and cases
# Projects' refusals of a file as a whole, by its `code`; a 409 is an import already running in the group.
UPLOAD_CODES = ("not_xlsx", "empty", "bad_header", "too_many_rows", "too_large", "formulas")


def job_path(project_id: uuid.UUID, job_id: object) -> str:
    return f"{project_path(project_id)}/jobb/{job_id}"


@router.get("/projekt/{project_id}/grupper/{group_id}/mall")
async def template(request: Request, project_id: str, group_id: str, member: ProjectUser) -> Response:
    """The group's template, in the reader's language, as a download."""
    path = f"/projects/{item_id(project_id)}/groups/{item_id(group_id)}/template"
    with refusals_as_pages(request):
        found = await member.call("GET", path)
    return xlsx_download(found.content, found.headers.get("content-disposition"), "adresser.xlsx")


def xlsx_download(content: bytes, disposition: str | None, fallback: str) -> Response:
    return Response(
        content,
        media_type=XLSX,
        headers={
            "content-disposition": attachment_disposition(disposition, fallback),
            "x-content-type-options": "nosniff",
            "cache-control": "private, no-store",
        },
    )


@router.post("/projekt/{project_id}/grupper/{group_id}/import", dependencies=[Depends(require_csrf)])
async def upload(
    request: Request,
    project_id: str,
    group_id: str,
    member: ProjectTeamMember,
    file: Annotated[UploadFile | None, Form()] = None,
) -> Response:
    found, group = item_id(project_id), item_id(group_id)
    chosen = chosen_file(file)
    if chosen is None:
        return await _upload_refused(request, member, found, group, "project.upload.error.none", 422)
    content = await chosen.read(RELAY_LIMIT_BYTES + 1)
    if len(content) > RELAY_LIMIT_BYTES:
        return await _upload_refused(request, member, found, group, "project.upload.error.too_large", 413)
    files = {"file": (chosen.filename, content, chosen.content_type or XLSX)}
    try:
        with refusals_as_pages(request, back=project_path(found)):
            job: dict[str, Any] = await member.json(
                "POST",
                f"/projects/{found}/groups/{group}/imports",
                files=files,
                timeout=IMPORT_TIMEOUT_SECONDS,
            )
    except ProjectsProblem as problem:
        if problem.status not in (400, 409, 413, 415, 422):
            raise
        errors = import_errors(problem.body)
        return await _upload_refused(
            request, member, found, group, upload_refusal_key(problem), problem.status, errors
        )
    return RedirectResponse(job_path(found, job["id"]), status_code=303)


def upload_refusal_key(problem: ProjectsProblem) -> str:
    """What the page says of a refused file: its wrong rows, or what is wrong with the file as a whole."""
    code = problem.body.get("code")
    if code == "invalid_rows" or (code is None and wrong_rows(import_errors(problem.body))):
        return "project.upload.error.rows"
    if code in UPLOAD_CODES:
        return f"project.upload.error.{code}"
    if problem.status == 409:
        return "project.upload.error.running"
    return "project.upload.error.too_large" if problem.status == 413 else "project.upload.error.file"


async def _upload_refused(
    request: Request,
    member: AsProjectUser,
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    key: str,
    status: int,
    errors: list[RowError] | None = None,
) -> Response:
    """The project page again, the group's "add addresses" open with the reason and every wrong cell."""
    errors = errors or []
    shown = ProjectShown(
        status=status,
        upload_group=str(group_id),
        upload_message=translate(request, key, count=wrong_rows(errors)),
        upload_errors=errors,
    )
    return await show_project(request, member, project_id, shown)
