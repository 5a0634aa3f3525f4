"""The bell: `/notiser` lists the signed-in user's notifications (newest first, unread marked), opening one
marks it read and leads to its case; `/notiser/antal` is the count the header shows (kept current by the
live stream); `/konto/notiser` is where a user chooses, per kind, whether a mail comes too."""

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from gateway.adapters.notifications_client import (
    NotificationsClient,
    NotificationsProblem,
    NotificationsUnavailable,
)
from gateway.domain.local_time import local_time
from gateway.domain.navigation import safe_return_path
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import NotSignedIn, as_signed_in_user, fresh_access_token
from gateway.entrypoints.web.rendering import language_of, render

router = APIRouter(include_in_schema=False)

BELL = "/notiser"
PREFERENCES = "/konto/notiser"


@dataclass(frozen=True, slots=True)
class AsBellOwner:
    token: str
    client: NotificationsClient
    language: str

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.client.call(method, path, token=self.token, language=self.language, **kwargs)
        return response.json() if response.content else None


async def _bell_owner(request: Request) -> AsBellOwner:
    identity = await as_signed_in_user(request)
    return AsBellOwner(identity.token, request.app.state.notifications, language_of(request))


BellOwner = Annotated[AsBellOwner, Depends(_bell_owner)]


@router.get(BELL, response_class=HTMLResponse)
async def bell_page(request: Request, owner: BellOwner, fore: str | None = None) -> HTMLResponse:
    """`fore`: the cursor of the next, older page."""
    params: dict[str, str | int] = {"limit": 50} | ({"before": fore} if fore else {})
    with refusals_as_pages(request):
        found = await owner.json("GET", "/notifications", params=params)
    return render(
        request,
        "notifications.html",
        items=found.get("items", []),
        unread=found.get("unread", 0),
        next_cursor=found.get("next"),
        when=partial(local_time, language=language_of(request)),
    )


@router.get(f"{BELL}/antal")
async def unread_count(request: Request) -> Response:
    """The header's count; 0 for a visitor (the header shows no bell then)."""
    try:
        _, token = await fresh_access_token(request)
    except NotSignedIn:
        return JSONResponse({"unread": 0}, headers={"cache-control": "no-store"})
    client: NotificationsClient = request.app.state.notifications
    try:
        response = await client.call("GET", "/notifications/unread-count", token=token)
    except (NotificationsProblem, NotificationsUnavailable):
        return JSONResponse(
            {"unread": None}, headers={"cache-control": "no-store"}
        )  # the bell shows no number
    return JSONResponse(response.json(), headers={"cache-control": "no-store"})


@router.post(f"{BELL}/{{notification_id}}/las", dependencies=[Depends(require_csrf)])
async def open_notification(
    request: Request, notification_id: str, owner: BellOwner, link: Annotated[str, Form(max_length=500)] = ""
) -> Response:
    """Marks it read, then follows its link (a case of the user's, checked again by the case page)."""
    with refusals_as_pages(request, back=BELL):
        await owner.json("POST", f"/notifications/{item_id(notification_id)}/read")
    # The link is the portal's own absolute URL (as mails carry it): only its path is followed.
    return RedirectResponse(safe_return_path(urlsplit(link).path, BELL), status_code=303)


@router.post(f"{BELL}/las-alla", dependencies=[Depends(require_csrf)])
async def read_all(request: Request, owner: BellOwner) -> Response:
    with refusals_as_pages(request, back=BELL):
        await owner.json("POST", "/notifications/read-all")
    return RedirectResponse(BELL, status_code=303)


@router.get(PREFERENCES, response_class=HTMLResponse)
async def preferences_page(request: Request, owner: BellOwner, sparat: str | None = None) -> HTMLResponse:
    with refusals_as_pages(request):
        kinds = await owner.json("GET", "/me/notification-preferences")
    return render(request, "notification_preferences.html", kinds=kinds, saved=sparat is not None)


@router.post(PREFERENCES, dependencies=[Depends(require_csrf)])
async def save_preferences(request: Request, owner: BellOwner) -> Response:
    form = await request.form()
    with refusals_as_pages(request, back=PREFERENCES):
        kinds = await owner.json("GET", "/me/notification-preferences")
        chosen = {kind["kind"]: form.get(f"mail-{kind['kind']}") == "on" for kind in kinds}
        await owner.json("PUT", "/me/notification-preferences", json=chosen)
    return RedirectResponse(f"{PREFERENCES}?sparat=1", status_code=303)
