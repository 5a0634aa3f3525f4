"""One address added to a group in the form of the group's case type (cases' `GET /case-types/{code}`, as
for drafts): projects checks it as it checks an import's row and answers a job of one case, whose
progress page comes next; a refusal shows the form again as typed, projects' reasons beside the fields."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.projects_client import ProjectsProblem
from gateway.domain.case_fieldsets import sections
from gateway.domain.case_form import PREFIX, Field, fields_of, typed_values, values_from_form
from gateway.entrypoints.web.access import PageNotFound, item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.project_addresses import job_path
from gateway.entrypoints.web.project_groups import group_path
from gateway.entrypoints.web.project_page import read_project
from gateway.entrypoints.web.projects_calls import AsProjectUser, ProjectTeamMember
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)


@router.get("/projekt/{project_id}/grupper/{group_id}/adress", response_class=HTMLResponse)
async def address_page(
    request: Request, project_id: str, group_id: str, member: ProjectTeamMember
) -> HTMLResponse:
    return await _address_form(request, member, item_id(project_id), item_id(group_id))


@router.post("/projekt/{project_id}/grupper/{group_id}/adress", dependencies=[Depends(require_csrf)])
async def add_address(
    request: Request, project_id: str, group_id: str, member: ProjectTeamMember
) -> Response:
    found, group = item_id(project_id), item_id(group_id)
    form = await request.form()
    text = {name: value for name, value in form.multi_items() if isinstance(value, str)}
    values = {name: value for name, value in values_from_form(text).items() if value}
    if not values:
        message = translate(request, "project.address.error.empty")
        return await _address_form(request, member, found, group, typed=text, message=message, status=422)
    try:
        with refusals_as_pages(request, back=group_path(found, group) + "/adress"):
            job: dict[str, Any] = await member.json(
                "POST", f"/projects/{found}/groups/{group}/addresses", json={"values": values}
            )
    except ProjectsProblem as problem:
        if problem.status not in (409, 422):
            raise
        return await _address_form(
            request, member, found, group, typed=text, problem=problem.body, status=problem.status
        )
    return RedirectResponse(job_path(found, job["id"]), status_code=303)


async def _address_form(
    request: Request,
    member: AsProjectUser,
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    *,
    typed: dict[str, str] | None = None,
    problem: Any = None,
    message: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The group's case type's form, empty or as typed with projects' refusal beside the fields."""
    project = await read_project(request, member, project_id)
    group = next((g for g in project.get("groups") or () if str(g.get("id")) == str(group_id)), None)
    if group is None:
        raise PageNotFound
    with refusals_as_pages(request):
        case_type: dict[str, Any] = await member.cases.json("GET", f"/case-types/{group['case_type']}")
    fields = fields_of(case_type)
    errors, others = _errors_by_field(fields, problem, translate(request, "project.address.error.field"))
    if problem is not None and message is None:
        message = translate(request, "project.address.error.refused")
    return render(
        request,
        "project_address.html",
        status,
        project=project,
        group=group,
        case_type=case_type,
        fieldsets=sections(fields),
        values=typed_values(typed or {}),
        errors=errors,
        other_errors=others,
        message=message,
    )


def _errors_by_field(
    fields: tuple[Field, ...], problem: Any, unexplained: str
) -> tuple[dict[str, str], list[str]]:
    """Projects' refusal: its messages beside the fields they name (`values.street` or `street`), the
    rest (and its `detail` when it names no field) above the form."""
    if not isinstance(problem, dict):
        return {}, []
    names = {field.name for field in fields}
    by_field: dict[str, str] = {}
    others: list[str] = []
    for error in problem.get("errors") or ():
        if not isinstance(error, dict):
            continue
        name = str(error.get("field") or "").removeprefix(PREFIX)
        text = str(error.get("message") or "")
        if name in names:
            by_field[name] = text or by_field.get(name) or unexplained
        elif text:
            others.append(text)
    if not by_field and not others and problem.get("detail"):
        others.append(str(problem["detail"]))
    return by_field, others
