"""One project, `/projekt/{id}`: its groups with their cases (each linked to its case page), the team's
tools (rename, delete, groups, adding addresses), the bulk actions of the reader's side over a selection
of cases, the export and the recent jobs. Another team's project is a page that does not exist (projects
answers 404 and does not say whether it exists)."""

import contextlib
import dataclasses
import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem, CasesUnavailable
from gateway.adapters.identity_client import IdentityProblem, IdentityUnavailable
from gateway.adapters.projects_client import ProjectsProblem, ProjectsUnavailable
from gateway.domain.case_display import status_class
from gateway.domain.case_list import STATUSES
from gateway.domain.local_time import local_time
from gateway.domain.project_actions import MAX_REASON, actions_of
from gateway.domain.project_jobs import Progress, RowError, action_key, job_title_key
from gateway.domain.project_view import MAX_NAME_LENGTH, clean_name, groups_of, type_names
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.draft_editing import version_of
from gateway.entrypoints.web.project_list import PROJECTS, name_error_key, project_path
from gateway.entrypoints.web.projects_calls import AsProjectUser, ProjectTeamMember, ProjectUser
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

NOTICES = {
    "created": "project.notice.created",
    "renamed": "project.notice.renamed",
    "group_created": "project.notice.group_created",
    "group_renamed": "project.notice.group_renamed",
    "group_deleted": "project.notice.group_deleted",
}


@dataclasses.dataclass(slots=True)
class ProjectShown:
    """What the project page says besides the project itself, after an action or a refusal."""

    status: int = 200
    notice: str | None = None  # a text key (NOTICES)
    message: str | None = None  # a refusal of the whole action, translated
    rename_error: str | None = None
    typed_name: str | None = None
    group_error: str | None = None
    typed_group: dict[str, str] = dataclasses.field(default_factory=dict)
    upload_group: str | None = None  # the group whose upload was refused
    upload_errors: list[RowError] = dataclasses.field(default_factory=list)
    upload_message: str | None = None
    bulk_error: str | None = None
    typed_bulk: dict[str, str] = dataclasses.field(default_factory=dict)  # action, reason, target
    selected: frozenset[str] = frozenset()  # case ids, kept checked after a refusal


@router.get("/projekt/{project_id}", response_class=HTMLResponse)
async def project_page(
    request: Request, project_id: str, member: ProjectUser, notis: str | None = None
) -> HTMLResponse:
    return await show_project(
        request, member, item_id(project_id), ProjectShown(notice=NOTICES.get(notis or ""))
    )


async def read_project(request: Request, member: AsProjectUser, project_id: uuid.UUID) -> dict[str, Any]:
    with refusals_as_pages(request):
        found: dict[str, Any] = await member.json("GET", f"/projects/{project_id}")
    return found


async def show_project(
    request: Request, member: AsProjectUser, project_id: uuid.UUID, shown: ProjectShown | None = None
) -> HTMLResponse:
    """The project as projects has it now, with what `shown` adds."""
    shown = shown or ProjectShown()
    detail = await read_project(request, member, project_id)
    case_types = await _project_case_types(member)
    installers = [] if member.is_dso else await _team_members(member)
    actions = [a for a in actions_of(member.user.role) if a.target != "installer" or installers]
    return render(
        request,
        "project.html",
        shown.status,
        project=detail,
        groups=groups_of(detail, type_names(case_types)),
        project_case_types=case_types,
        jobs=[(job, Progress.of(job)) for job in detail.get("jobs") or () if isinstance(job, dict)],
        job_title_key=job_title_key,
        action_key=action_key,
        actions=actions,
        installers=installers,
        handlers=await _handlers(member) if member.is_dso else [],
        is_dso=member.is_dso,
        shown=shown,
        max_name=MAX_NAME_LENGTH,
        max_reason=MAX_REASON,
        known_statuses=STATUSES,
        status_class=status_class,
        when=partial(local_time, language=member.language),
    )


async def _project_case_types(member: AsProjectUser) -> list[dict[str, Any]]:
    """The project case types of the user's grid company, named in their language; none when projects
    cannot say (the groups then show their types' codes, and no group can be made)."""
    with contextlib.suppress(ProjectsProblem, ProjectsUnavailable):
        found = await member.json("GET", "/project-case-types")
        return [item for item in found or () if isinstance(item, dict) and item.get("code")]
    return []


async def _team_members(member: AsProjectUser) -> list[dict[str, Any]]:
    """Whom "change installer" may give cases to: the team's active users, by name, as identity lists them
    for any member of the team. Without the list (identity down) the action is not offered."""
    if member.user.team_id is None:
        return []
    with contextlib.suppress(IdentityProblem, IdentityUnavailable):
        found = await member.identity.json("GET", f"/teams/{member.user.team_id}/colleagues")
        return [
            {
                "id": str(user["id"]),
                "name": f"{user.get('first_name', '')} {user.get('last_name', '')}".strip(),
            }
            for user in found or ()
            if isinstance(user, dict) and user.get("id")
        ]
    return []


async def _handlers(member: AsProjectUser) -> list[dict[str, Any]]:
    """Whom "change case handler" may give cases to: the DSO's assignable handlers, as on a case page."""
    with contextlib.suppress(CasesProblem, CasesUnavailable):
        found = await member.cases.json("GET", "/handlers")
        return [item for item in found or () if isinstance(item, dict) and item.get("id")]
    return []


@router.post("/projekt/{project_id}/namn", dependencies=[Depends(require_csrf)])
async def rename_project(
    request: Request,
    project_id: str,
    member: ProjectTeamMember,
    name: Annotated[str, Form(max_length=400)] = "",
    version: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    found = item_id(project_id)
    error_key = name_error_key(name)
    if error_key is None:
        body = {"name": clean_name(name), "version": version_of(version)}
        try:
            with refusals_as_pages(request, back=project_path(found)):
                await member.json("PATCH", f"/projects/{found}", json=body)
        except ProjectsProblem as problem:
            if problem.status == 409:
                shown = ProjectShown(status=409, message=translate(request, "project.error.conflict"))
                return await show_project(request, member, found, shown)
            if problem.status != 422:
                raise
            error_key = "projects.error.name"
        else:
            return RedirectResponse(f"{project_path(found)}?notis=renamed", status_code=303)
    shown = ProjectShown(status=422, rename_error=translate(request, error_key), typed_name=name)
    return await show_project(request, member, found, shown)


@router.post("/projekt/{project_id}/radera", dependencies=[Depends(require_csrf)])
async def delete_project(request: Request, project_id: str, member: ProjectTeamMember) -> Response:
    found = item_id(project_id)
    try:
        with refusals_as_pages(request, back=project_path(found)):
            await member.call("DELETE", f"/projects/{found}")
    except ProjectsProblem as problem:
        if problem.status != 409:
            raise
        shown = ProjectShown(status=409, message=translate(request, "project.error.not_empty"))
        return await show_project(request, member, found, shown)
    return RedirectResponse(f"{PROJECTS}?notis=deleted", status_code=303)
