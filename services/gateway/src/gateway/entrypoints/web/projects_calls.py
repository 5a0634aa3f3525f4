"""Calling projects on behalf of the signed-in user: a fresh access token, the reader's language, and
projects' failures as one "try again shortly" page. The team (installer, team admin) and the DSO's staff
have project pages; others get the forbidden page, visitors the login page. Projects decides again what
each may see and do: another team's project is a 404 there, and so here."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from gateway.adapters.cases_client import CasesClient
from gateway.adapters.projects_client import ProjectsClient, ProjectsUnavailable
from gateway.domain.navigation import DSO_ROLES, TEAM_ROLES
from gateway.entrypoints.web.access import NotAllowed
from gateway.entrypoints.web.cases_calls import AsCaseUser, retry_path
from gateway.entrypoints.web.identity_calls import AsUser, as_signed_in_user
from gateway.entrypoints.web.rendering import language_of, render
from gateway.entrypoints.web.service_user import AsServiceUser


@dataclass(frozen=True, slots=True)
class AsProjectUser(AsServiceUser[ProjectsClient]):
    """Projects calls made as the signed-in user (5xx become ProjectsUnavailable); `cases` and `identity`
    as the same user, for what a project page shows besides (case types' forms, handlers, the team)."""

    cases: AsCaseUser
    identity: AsUser


def _project_user(roles: frozenset[str]) -> Callable[[Request], Awaitable[AsProjectUser]]:
    async def dependency(request: Request) -> AsProjectUser:
        identity = await as_signed_in_user(request)
        if identity.user.role not in roles:
            raise NotAllowed
        language = language_of(request)
        cases: CasesClient = request.app.state.cases
        return AsProjectUser(
            identity.user,
            identity.token,
            request.app.state.projects,
            language,
            AsCaseUser(identity.user, identity.token, cases, language),
            identity,
        )

    return dependency


ProjectUser = Annotated[AsProjectUser, Depends(_project_user(TEAM_ROLES | DSO_ROLES))]
ProjectTeamMember = Annotated[AsProjectUser, Depends(_project_user(TEAM_ROLES))]


def install_projects_handlers(app: FastAPI) -> None:
    async def on_unavailable(request: Request, exc: Exception) -> Response:
        return render(request, "projects_unavailable.html", 503, retry=retry_path(request, "/projekt"))

    app.add_exception_handler(ProjectsUnavailable, on_unavailable)
