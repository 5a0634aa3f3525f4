"""Calling cases on behalf of the signed-in user: a fresh access token, the reader's language, and cases'
failures as one "try again shortly" page. Each page says whose it is: the team's (installer, team admin),
the DSO staff's (handler, admin), or both (a sent case, the lists, the notes); others get the forbidden
page, visitors the login page. Cases decides again what each may see and do."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from gateway.adapters.cases_client import CasesClient, CasesUnavailable
from gateway.domain.navigation import safe_return_path
from gateway.entrypoints.web.access import NotAllowed
from gateway.entrypoints.web.identity_calls import as_signed_in_user
from gateway.entrypoints.web.rendering import language_of, render
from gateway.entrypoints.web.service_user import AsServiceUser

TEAM_ROLES = frozenset({"installer", "team_admin"})
DSO_ROLES = frozenset({"dso_handler", "dso_admin"})


@dataclass(frozen=True, slots=True)
class AsCaseUser(AsServiceUser[CasesClient]):
    """Cases calls made as the signed-in user; cases' own failures (5xx) become CasesUnavailable."""


def _case_user(roles: frozenset[str]) -> Callable[[Request], Awaitable[AsCaseUser]]:
    async def dependency(request: Request) -> AsCaseUser:
        identity = await as_signed_in_user(request)
        if identity.user.role not in roles:
            raise NotAllowed
        client: CasesClient = request.app.state.cases
        return AsCaseUser(identity.user, identity.token, client, language_of(request))

    return dependency


TeamMember = Annotated[AsCaseUser, Depends(_case_user(TEAM_ROLES))]
DsoStaff = Annotated[AsCaseUser, Depends(_case_user(DSO_ROLES))]
DsoAdmin = Annotated[AsCaseUser, Depends(_case_user(frozenset({"dso_admin"})))]
CaseUser = Annotated[AsCaseUser, Depends(_case_user(TEAM_ROLES | DSO_ROLES))]


def retry_path(request: Request, fallback: str = "/arenden") -> str:
    """Where "try again" leads: this page; after a form, the page the form was on (its own address only
    takes posts), else `fallback` (the list)."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    return safe_return_path(referer.path + (f"?{referer.query}" if referer.query else ""), fallback)


def install_cases_handlers(app: FastAPI) -> None:
    async def on_unavailable(request: Request, exc: Exception) -> Response:
        return render(request, "cases_unavailable.html", 503, retry=retry_path(request))

    app.add_exception_handler(CasesUnavailable, on_unavailable)
