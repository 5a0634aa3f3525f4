"""Creating, renaming and deleting projects and groups (installers); listing them (both sides)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from projects.adapters.case_read_model import ProjectCase
from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.jobs import Job
from projects.domain.project import Group, NotEmpty, Project, clean_name
from projects.service_layer.access import (
    Actor,
    TeamOnly,
    VersionConflict,
    own_project,
    visible_project,
)
from projects.service_layer.case_types import CaseTypes


class GroupNotFound(LookupError):
    pass


class NotProjectCapable(ValueError):
    """The case type cannot hold project cases, or the grid company does not take it."""


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    project: Project
    case_count: int


@dataclass(frozen=True, slots=True)
class ProjectView:
    project: Project
    groups: list[Group]
    cases: list[ProjectCase]
    jobs: list[Job]


async def list_projects(uow: ProjectsUnitOfWork, actor: Actor) -> list[ProjectSummary]:
    async with uow:
        if actor.on_team:
            assert actor.team_id is not None
            found = await uow.projects.of_team(actor.team_id)
        elif actor.at_dso:
            assert actor.dso_id is not None
            found = await uow.projects.of_dso_with_cases(actor.dso_id)
        else:
            found = []
        counts = await uow.projects.case_counts([project.id for project in found])
    return [ProjectSummary(project, counts.get(project.id, 0)) for project in found]


async def create_project(uow: ProjectsUnitOfWork, actor: Actor, name: str, now: datetime) -> Project:
    if not actor.on_team or actor.dso_id is None:
        raise TeamOnly("projects are made by installer teams")
    assert actor.team_id is not None
    project = Project(
        id=uuid.uuid4(),
        team_id=actor.team_id,
        dso_id=actor.dso_id,
        name=clean_name(name),
        created_by=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    async with uow:
        uow.projects.add(project)
        await uow.commit()
    return project


async def project_view(uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID) -> ProjectView:
    async with uow:
        project = await visible_project(uow, actor, project_id)
        return ProjectView(
            project,
            await uow.groups.of_project(project.id),
            await uow.cases.of_project(project.id),
            await uow.jobs.of_project(project.id),
        )


async def rename_project(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, version: int, name: str, now: datetime
) -> Project:
    async with uow:
        project = await own_project(uow, actor, project_id)
        if project.version != version:
            raise VersionConflict(project.version)
        renamed = project.renamed(name, now)
        if not await uow.projects.save(renamed):
            raise VersionConflict(None)
        await uow.commit()
        return renamed


async def delete_project(uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID) -> None:
    async with uow:
        project = await own_project(uow, actor, project_id, lock=True)
        if await uow.groups.of_project(project.id):
            raise NotEmpty("delete the project's groups first; only an empty project can be deleted")
        await uow.projects.delete(project.id)
        await uow.commit()


async def create_group(
    uow: ProjectsUnitOfWork,
    case_types: CaseTypes,
    actor: Actor,
    project_id: uuid.UUID,
    name: str,
    case_type: str,
    now: datetime,
) -> Group:
    """A group of one project-capable type that the grid company takes (cases says which, to the caller)."""
    async with uow:
        project = await own_project(uow, actor, project_id, lock=True)
        offered = await case_types.project_types(token=actor.token, language=actor.language)
        if case_type not in {found.code for found in offered}:
            raise NotProjectCapable(case_type)
        group = Group(uuid.uuid4(), project.id, clean_name(name), case_type, now)
        uow.groups.add(group)
        await uow.commit()
        return group


async def group_of(
    uow: ProjectsUnitOfWork,
    actor: Actor,
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    *,
    change: bool,
    lock: bool = False,
) -> tuple[Project, Group]:
    """Within an open unit of work: the project (the caller's own when `change`) and its group."""
    project = await (own_project if change else visible_project)(uow, actor, project_id, lock=lock)
    group = await uow.groups.get(group_id)
    if group is None or group.project_id != project.id:
        raise GroupNotFound(group_id)
    return project, group


async def rename_group(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, group_id: uuid.UUID, version: int, name: str
) -> Group:
    async with uow:
        _, group = await group_of(uow, actor, project_id, group_id, change=True)
        if group.version != version:
            raise VersionConflict(group.version)
        renamed = group.renamed(name)
        if not await uow.groups.save(renamed):
            raise VersionConflict(None)
        await uow.commit()
        return renamed


async def delete_group(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, group_id: uuid.UUID
) -> None:
    async with uow:
        _, group = await group_of(uow, actor, project_id, group_id, change=True)
        if await uow.cases.count_in_group(group.id):
            raise NotEmpty("only a group without cases can be deleted")
        if await uow.jobs.running_import(group.id):
            raise NotEmpty("cases are being created in this group; wait until the import is done")
        await uow.groups.delete(group.id)
        await uow.commit()
