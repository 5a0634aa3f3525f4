"""Team admin: "Administrera team" — the team's resources (its users), active and deactivated, and
deactivating or reactivating one. Identity checks the role and the team again on every call."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem
from gateway.adapters.session_store import RedisSessionStore
from gateway.domain.authorisations import in_order
from gateway.entrypoints.web.access import NotAllowed, TeamAdminIdentity, item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import AsUser
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

LIST_PAGE = "/team/resurser"
NOTICES = {
    "created": "resources.notice.created",
    "updated": "resources.notice.updated",
    "deactivated": "resources.notice.deactivated",
    "reactivated": "resources.notice.reactivated",
}


@router.get(LIST_PAGE, response_class=HTMLResponse)
async def resources_page(
    request: Request, identity: TeamAdminIdentity, notis: str | None = None
) -> HTMLResponse:
    return await list_page(request, identity, notice=NOTICES.get(notis or ""))


@router.post(f"{LIST_PAGE}/{{resource_id}}/inaktivera", dependencies=[Depends(require_csrf)])
async def deactivate(request: Request, resource_id: str, identity: TeamAdminIdentity) -> Response:
    return await _switch(request, identity, item_id(resource_id), "deactivate", "deactivated")


@router.post(f"{LIST_PAGE}/{{resource_id}}/ateraktivera", dependencies=[Depends(require_csrf)])
async def reactivate(request: Request, resource_id: str, identity: TeamAdminIdentity) -> Response:
    return await _switch(request, identity, item_id(resource_id), "reactivate", "reactivated")


def team_path(identity: AsUser) -> str:
    """Identity's address of the signed-in team admin's team's resources."""
    if identity.user.team_id is None:
        raise NotAllowed  # a team admin always has a team; a session without one is no team admin's
    return f"/teams/{identity.user.team_id}/resources"


async def team_resources(request: Request, identity: AsUser) -> list[dict[str, Any]]:
    """The signed-in team admin's team's users, by name."""
    with refusals_as_pages(request, back=LIST_PAGE):
        resources: list[dict[str, Any]] = await identity.json("GET", team_path(identity))
    for resource in resources:
        resource["authorisations"] = in_order(resource["authorisations"])
    return resources


async def list_page(
    request: Request,
    identity: AsUser,
    *,
    status: int = 200,
    notice: str | None = None,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "team_resources.html",
        status,
        resources=await team_resources(request, identity),
        me=identity.user.user_id,
        notice=notice,
        error=error,
    )


async def _switch(
    request: Request, identity: AsUser, resource_id: uuid.UUID, action: str, done: str
) -> Response:
    try:
        with refusals_as_pages(request, back=LIST_PAGE):
            await identity.json("POST", f"/resources/{resource_id}/{action}")
    except IdentityProblem as problem:
        if problem.status != 409:
            raise
        # The one refusal a team admin meets here: deactivating themselves.
        error = translate(request, "resources.error.deactivate_self")
        return await list_page(request, identity, status=409, error=error)
    if action == "deactivate":
        # The user.deactivated event ends their browser sessions too, a moment later; ending them here
        # means the deactivated person's very next page is refused. Ending twice is harmless.
        sessions: RedisSessionStore = request.app.state.sessions
        await sessions.end_sessions_of(str(resource_id))
    return RedirectResponse(f"{LIST_PAGE}?notis={done}", status_code=303)
