"""HTTP: projects and their groups. Installers make and change them; the DSO of their cases sees them."""

import uuid
from collections import Counter

from fastapi import APIRouter, Request, Response, status

from projects.domain.bulk_actions import actions_of
from projects.entrypoints.api.deps import CaseTypesService, CurrentActor, Now, Uow
from projects.entrypoints.api.problems import answered_as_problems
from projects.entrypoints.api.schemas import (
    GroupIn,
    GroupOut,
    JobOut,
    NameIn,
    ProjectCaseOut,
    ProjectDetailOut,
    ProjectOut,
    RenameIn,
)
from projects.service_layer import projects as use_cases

router = APIRouter(tags=["projects"])


@router.get("/projects")
async def list_projects(actor: CurrentActor, uow: Uow) -> list[ProjectOut]:
    """The team's projects; for DSO staff, the projects with cases in the DSO's grid areas."""
    return [
        ProjectOut.of(found.project, found.case_count) for found in await use_cases.list_projects(uow, actor)
    ]


@router.post("/projects", status_code=status.HTTP_201_CREATED)
async def create_project(
    body: NameIn, request: Request, actor: CurrentActor, uow: Uow, now: Now
) -> ProjectOut:
    with answered_as_problems(request, actor):
        return ProjectOut.of(await use_cases.create_project(uow, actor, body.name, now))


@router.get("/projects/{project_id}")
async def project(project_id: uuid.UUID, request: Request, actor: CurrentActor, uow: Uow) -> ProjectDetailOut:
    with answered_as_problems(request, actor):
        view = await use_cases.project_view(uow, actor, project_id)
    per_group = Counter(case.group_id for case in view.cases)
    return ProjectDetailOut(
        **ProjectOut.of(view.project, len(view.cases)).model_dump(),
        groups=[GroupOut.of(group, per_group[group.id]) for group in view.groups],
        cases=[ProjectCaseOut.of(case) for case in view.cases],
        jobs=[JobOut.of(job) for job in view.jobs],
        actions=[action.value for action in actions_of(actor.role)],
    )


@router.patch("/projects/{project_id}")
async def rename_project(
    project_id: uuid.UUID, body: RenameIn, request: Request, actor: CurrentActor, uow: Uow, now: Now
) -> ProjectOut:
    with answered_as_problems(request, actor):
        return ProjectOut.of(
            await use_cases.rename_project(uow, actor, project_id, body.version, body.name, now)
        )


@router.delete("/projects/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(project_id: uuid.UUID, request: Request, actor: CurrentActor, uow: Uow) -> Response:
    with answered_as_problems(request, actor):
        await use_cases.delete_project(uow, actor, project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/projects/{project_id}/groups", status_code=status.HTTP_201_CREATED)
async def create_group(
    project_id: uuid.UUID,
    body: GroupIn,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
    case_types: CaseTypesService,
    now: Now,
) -> GroupOut:
    with answered_as_problems(request, actor):
        group = await use_cases.create_group(
            uow, case_types, actor, project_id, body.name, body.case_type, now
        )
    return GroupOut.of(group)


@router.patch("/projects/{project_id}/groups/{group_id}")
async def rename_group(
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    body: RenameIn,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
) -> GroupOut:
    with answered_as_problems(request, actor):
        return GroupOut.of(
            await use_cases.rename_group(uow, actor, project_id, group_id, body.version, body.name)
        )


@router.delete("/projects/{project_id}/groups/{group_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_group(
    project_id: uuid.UUID, group_id: uuid.UUID, request: Request, actor: CurrentActor, uow: Uow
) -> Response:
    with answered_as_problems(request, actor):
        await use_cases.delete_group(uow, actor, project_id, group_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/project-case-types")
async def project_case_types(
    request: Request, actor: CurrentActor, case_types: CaseTypesService
) -> list[dict[str, str]]:
    """The project case types the caller's grid company takes, named in the caller's language."""
    with answered_as_problems(request, actor):
        offered = await case_types.project_types(token=actor.token, language=actor.language)
    return [{"code": found.code, "name": found.name} for found in offered]
