"""Who may see and change a project: its team's members change it; the DSO of its cases sees it once it
has cases there and may bulk-act on them; nobody else learns it exists."""

import uuid
from dataclasses import dataclass

from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.bulk_actions import DSO_ROLES, TEAM_ROLES
from projects.domain.project import Project


class ProjectNotFound(LookupError):
    """No such project, or not the caller's to see (the same answer, so ids cannot be probed)."""


class TeamOnly(PermissionError):
    """Only the project's team changes the project and its groups."""


class VersionConflict(ValueError):
    def __init__(self, current: int | None) -> None:
        super().__init__("someone else changed it meanwhile; reload and try again")
        self.current = current


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: uuid.UUID
    role: str
    team_id: uuid.UUID | None
    dso_id: str | None
    name: str
    language: str
    token: str  # passed on to cases and GIS, which check the same rights themselves

    @property
    def on_team(self) -> bool:
        return self.role in TEAM_ROLES and self.team_id is not None

    @property
    def at_dso(self) -> bool:
        return self.role in DSO_ROLES and self.dso_id is not None


async def visible_project(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, *, lock: bool = False
) -> Project:
    project = await uow.projects.get(project_id, lock=lock)
    if project is None:
        raise ProjectNotFound(project_id)
    if actor.on_team and project.team_id == actor.team_id:
        return project
    if actor.at_dso and project.dso_id == actor.dso_id and (await uow.projects.case_counts([project.id])):
        return project
    raise ProjectNotFound(project_id)


async def own_project(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, *, lock: bool = False
) -> Project:
    """The caller's team's project, for changes; a DSO that sees it is told it may not change it."""
    project = await visible_project(uow, actor, project_id, lock=lock)
    if not actor.on_team:
        raise TeamOnly("only the installer team that owns the project changes it")
    return project
