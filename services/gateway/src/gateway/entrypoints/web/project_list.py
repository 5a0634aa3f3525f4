""" "Projekt": the team's projects (name, cases, created) and a form making a new one; for the DSO's staff,
the projects with cases in its area. Projects decides whose are listed."""

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.projects_client import ProjectsProblem
from gateway.domain.local_time import local_time
from gateway.domain.project_view import MAX_NAME_LENGTH, clean_name
from gateway.entrypoints.web.access import refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.projects_calls import AsProjectUser, ProjectTeamMember, ProjectUser
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

PROJECTS = "/projekt"
NOTICES = {"deleted": "projects.notice.deleted"}


def project_path(project_id: object) -> str:
    return f"{PROJECTS}/{project_id}"


@router.get(PROJECTS, response_class=HTMLResponse)
async def projects_page(request: Request, member: ProjectUser, notis: str | None = None) -> HTMLResponse:
    return await _list_page(request, member, notice=NOTICES.get(notis or ""))


@router.post(PROJECTS, dependencies=[Depends(require_csrf)])
async def create_project(
    request: Request, member: ProjectTeamMember, name: Annotated[str, Form(max_length=400)] = ""
) -> Response:
    error_key = name_error_key(name)
    if error_key is None:
        try:
            with refusals_as_pages(request, back=PROJECTS):
                created: dict[str, Any] = await member.json(
                    "POST", "/projects", json={"name": clean_name(name)}
                )
        except ProjectsProblem as problem:
            if problem.status != 422:
                raise
            error_key = "projects.error.name"
        else:
            return RedirectResponse(f"{project_path(created['id'])}?notis=created", status_code=303)
    return await _list_page(
        request, member, status=422, name_error=translate(request, error_key), typed_name=name
    )


def name_error_key(typed: str) -> str | None:
    """What is wrong with a typed project or group name, as a text key; None when nothing is."""
    cleaned = clean_name(typed)
    if not cleaned:
        return "projects.error.name_empty"
    if len(cleaned) > MAX_NAME_LENGTH:
        return "projects.error.name_long"
    return None


async def _list_page(
    request: Request,
    member: AsProjectUser,
    *,
    status: int = 200,
    notice: str | None = None,
    name_error: str | None = None,
    typed_name: str = "",
) -> HTMLResponse:
    with refusals_as_pages(request, back=PROJECTS):
        found: list[dict[str, Any]] = await member.json("GET", "/projects")
    return render(
        request,
        "projects.html",
        status,
        projects=sorted(found, key=lambda item: str(item.get("created_at") or ""), reverse=True),
        is_dso=member.is_dso,
        notice=notice,
        name_error=name_error,
        typed_name=typed_name,
        max_name=MAX_NAME_LENGTH,
        when=partial(local_time, language=member.language),
    )
