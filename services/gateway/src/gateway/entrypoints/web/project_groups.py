"""A project's groups, made, renamed and deleted (only empty ones) by the team. Each holds one project
case type of the grid company's (projects asks cases which)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.projects_client import ProjectsProblem
from gateway.domain.navigation import is_case_type_code
from gateway.domain.project_view import clean_name
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.draft_editing import version_of
from gateway.entrypoints.web.project_list import name_error_key, project_path
from gateway.entrypoints.web.project_page import ProjectShown, show_project
from gateway.entrypoints.web.projects_calls import AsProjectUser, ProjectTeamMember
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)


def group_path(project_id: uuid.UUID, group_id: uuid.UUID) -> str:
    return f"{project_path(project_id)}/grupper/{group_id}"


def back_to_group(project_id: uuid.UUID, group_id: object, notice: str) -> RedirectResponse:
    return RedirectResponse(f"{project_path(project_id)}?notis={notice}#grupp-{group_id}", status_code=303)


@router.post("/projekt/{project_id}/grupper", dependencies=[Depends(require_csrf)])
async def create_group(
    request: Request,
    project_id: str,
    member: ProjectTeamMember,
    name: Annotated[str, Form(max_length=400)] = "",
    case_type: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    found = item_id(project_id)
    typed = {"name": name, "case_type": case_type}
    error_key = name_error_key(name) or (None if is_case_type_code(case_type) else "project.error.case_type")
    if error_key is None:
        body = {"name": clean_name(name), "case_type": case_type}
        try:
            with refusals_as_pages(request, back=project_path(found)):
                created: dict[str, Any] = await member.json("POST", f"/projects/{found}/groups", json=body)
        except ProjectsProblem as problem:
            if problem.status != 422:
                raise
            wrong_type = "case_type" in problem.field_errors()
            error_key = "project.error.case_type" if wrong_type else "projects.error.name"
        else:
            return back_to_group(found, created["id"], "group_created")
    shown = ProjectShown(status=422, group_error=translate(request, error_key), typed_group=typed)
    return await show_project(request, member, found, shown)


@router.post("/projekt/{project_id}/grupper/{group_id}/namn", dependencies=[Depends(require_csrf)])
async def rename_group(
    request: Request,
    project_id: str,
    group_id: str,
    member: ProjectTeamMember,
    name: Annotated[str, Form(max_length=400)] = "",
    version: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    found, group = item_id(project_id), item_id(group_id)
    error_key = name_error_key(name)
    if error_key is None:
        body = {"name": clean_name(name), "version": version_of(version)}
        try:
            with refusals_as_pages(request, back=project_path(found)):
                await member.json("PATCH", f"/projects/{found}/groups/{group}", json=body)
        except ProjectsProblem as problem:
            if problem.status not in (409, 422):
                raise
            if problem.status == 409:
                return await _refused(request, member, found, "project.error.conflict", 409)
            error_key = "projects.error.name"
        else:
            return back_to_group(found, group, "group_renamed")
    return await _refused(request, member, found, error_key)


@router.post("/projekt/{project_id}/grupper/{group_id}/radera", dependencies=[Depends(require_csrf)])
async def delete_group(
    request: Request, project_id: str, group_id: str, member: ProjectTeamMember
) -> Response:
    found, group = item_id(project_id), item_id(group_id)
    try:
        with refusals_as_pages(request, back=project_path(found)):
            await member.call("DELETE", f"/projects/{found}/groups/{group}")
    except ProjectsProblem as problem:
        if problem.status != 409:
            raise
        return await _refused(request, member, found, "project.error.group_not_empty", 409)
    return RedirectResponse(f"{project_path(found)}?notis=group_deleted", status_code=303)


async def _refused(
    request: Request, member: AsProjectUser, project_id: uuid.UUID, key: str, status: int = 422
) -> Response:
    shown = ProjectShown(status=status, message=translate(request, key))
    return await show_project(request, member, project_id, shown)
