"""The portal's sections. Ärenden, Utkast and case creation need a signed-in user; the map is public
(its restricted layers are filtered by role when the map service serves them)."""

import contextlib
import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityClient, IdentityProblem, IdentityUnavailable
from gateway.domain.navigation import DEFAULT_CASE_TYPES
from gateway.domain.session import SignedInUser
from gateway.entrypoints.web.rendering import browser_session, render

router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    def __init__(self, return_to: str) -> None:
        self.return_to = return_to


def signed_in_user(request: Request) -> SignedInUser:
    user = browser_session(request).user
    if user is None:
        query = f"?{request.url.query}" if request.url.query else ""
        raise LoginRequired(request.url.path + query)
    return user


def login_redirect(return_to: str) -> Response:
    return RedirectResponse(f"/logga-in?next={quote(return_to, safe='/')}", status_code=303)


SignedIn = Annotated[SignedInUser, Depends(signed_in_user)]


@router.get("/", response_class=HTMLResponse)
async def map_page(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    return render(
        request,
        "map.html",
        tile_url=settings.map_tile_url or "",
        tile_attribution=settings.map_tile_attribution,
        dso_names=json.dumps(await _dso_names(request), ensure_ascii=False),
    )


async def _dso_names(request: Request) -> dict[str, str]:
    """Identity names the grid companies; GIS answers their ids. Without identity, the ids are shown."""
    identity: IdentityClient = request.app.state.identity  # not identity_calls': that module imports this
    with contextlib.suppress(IdentityProblem, IdentityUnavailable, KeyError, TypeError):
        return {dso["id"]: dso["name"] for dso in await identity.json("GET", "/dsos")}
    return {}


@router.get("/arenden", response_class=HTMLResponse)
async def cases_page(request: Request, user: SignedIn) -> HTMLResponse:
    return render(request, "cases.html")


@router.get("/utkast", response_class=HTMLResponse)
async def drafts_page(request: Request, user: SignedIn) -> HTMLResponse:
    return render(request, "drafts.html")


@router.get("/arenden/nytt/{slug}", response_class=HTMLResponse)
async def new_case_page(request: Request, slug: str, user: SignedIn) -> HTMLResponse:
    case_type = next((c for c in DEFAULT_CASE_TYPES if c.slug == slug), None)
    if case_type is None:
        return render(request, "not_found.html", 404)
    return render(request, "new_case.html", case_type=case_type)
