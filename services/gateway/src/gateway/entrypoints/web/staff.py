"""DSO admin: "Handläggare" — the DSO's staff (case handlers and admins), active and deactivated, and
deactivating or reactivating one. Identity checks the role and the DSO again on every call."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem
from gateway.adapters.session_store import RedisSessionStore
from gateway.entrypoints.web.access import DsoAdminIdentity, NotAllowed, item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import AsUser
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

LIST_PAGE = "/dso/handlaggare"
NOTICES = {
    "created": "staff.notice.created",
    "updated": "staff.notice.updated",
    "deactivated": "staff.notice.deactivated",
    "reactivated": "staff.notice.reactivated",
}


@router.get(LIST_PAGE, response_class=HTMLResponse)
async def staff_page(request: Request, identity: DsoAdminIdentity, notis: str | None = None) -> HTMLResponse:
    return await list_page(request, identity, notice=NOTICES.get(notis or ""))


@router.post(f"{LIST_PAGE}/{{user_id}}/inaktivera", dependencies=[Depends(require_csrf)])
async def deactivate(request: Request, user_id: str, identity: DsoAdminIdentity) -> Response:
    return await _switch(request, identity, item_id(user_id), "deactivate", "deactivated")


@router.post(f"{LIST_PAGE}/{{user_id}}/ateraktivera", dependencies=[Depends(require_csrf)])
async def reactivate(request: Request, user_id: str, identity: DsoAdminIdentity) -> Response:
    return await _switch(request, identity, item_id(user_id), "reactivate", "reactivated")


def dso_path(identity: AsUser) -> str:
    """Identity's address of the signed-in DSO admin's DSO's staff."""
    if identity.user.dso_id is None:
        raise NotAllowed  # a DSO admin always has a DSO; a session without one is no DSO admin's
    return f"/dsos/{identity.user.dso_id}/staff"


async def dso_staff(request: Request, identity: AsUser) -> list[dict[str, Any]]:
    """The signed-in DSO admin's DSO's handlers and admins, by name."""
    with refusals_as_pages(request, back=LIST_PAGE):
        staff: list[dict[str, Any]] = await identity.json("GET", dso_path(identity))
    return staff


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
        "dso_staff.html",
        status,
        staff=await dso_staff(request, identity),
        me=identity.user.user_id,
        notice=notice,
        error=error,
    )


async def _switch(request: Request, identity: AsUser, user_id: uuid.UUID, action: str, done: str) -> Response:
    try:
        with refusals_as_pages(request, back=LIST_PAGE):
            await identity.json("POST", f"/staff/{user_id}/{action}")
    except IdentityProblem as problem:
        if problem.status != 409:
            raise
        # The one refusal a DSO admin meets here: deactivating themself.
        error = translate(request, "staff.error.deactivate_self")
        return await list_page(request, identity, status=409, error=error)
    if action == "deactivate":
        # The user.deactivated event ends their browser sessions too, a moment later; ending them here
        # means the deactivated handler's very next page is refused. Ending twice is harmless.
        sessions: RedisSessionStore = request.app.state.sessions
        await sessions.end_sessions_of(str(user_id))
    return RedirectResponse(f"{LIST_PAGE}?notis={done}", status_code=303)
