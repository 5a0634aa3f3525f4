"""Calling cases on behalf of the signed-in team member (installer or team admin): a fresh access token,
the reader's language, and cases' failures as one "try again shortly" page. DSO roles and visitors never
get this far: the forbidden page, or the login page."""

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from gateway.adapters.cases_client import CasesClient, CasesProblem, CasesUnavailable
from gateway.domain.language import Language
from gateway.domain.navigation import safe_return_path
from gateway.domain.session import SignedInUser
from gateway.entrypoints.web.access import NotAllowed
from gateway.entrypoints.web.identity_calls import as_signed_in_user
from gateway.entrypoints.web.rendering import language_of, render

TEAM_ROLES = frozenset({"installer", "team_admin"})


@dataclass(frozen=True, slots=True)
class AsTeamMember:
    """Cases calls made as the signed-in team member; cases' own failures (5xx) become CasesUnavailable,
    so a page only ever handles refusals it can explain."""

    user: SignedInUser
    token: str
    client: CasesClient
    language: Language

    async def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self.client.call(method, path, token=self.token, language=self.language, **kwargs)
        except CasesProblem as problem:
            if problem.status >= 500:
                raise CasesUnavailable(str(problem)) from problem
            raise

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None


async def as_team_member(request: Request) -> AsTeamMember:
    identity = await as_signed_in_user(request)
    if identity.user.role not in TEAM_ROLES:
        raise NotAllowed
    client: CasesClient = request.app.state.cases
    return AsTeamMember(identity.user, identity.token, client, language_of(request))


TeamMember = Annotated[AsTeamMember, Depends(as_team_member)]


def _retry_path(request: Request) -> str:
    """Where "try again" leads: this page; after a form, the page the form was on (its own address only
    takes posts), else the list."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    return safe_return_path(referer.path + (f"?{referer.query}" if referer.query else ""), "/arenden")


def install_cases_handlers(app: FastAPI) -> None:
    async def on_unavailable(request: Request, exc: Exception) -> Response:
        return render(request, "cases_unavailable.html", 503, retry=_retry_path(request))

    app.add_exception_handler(CasesUnavailable, on_unavailable)
