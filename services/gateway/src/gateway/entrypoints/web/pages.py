"""The portal's start: the map, public (its restricted layers are filtered by role when the map service
serves them); and what every page needing a signed-in user shares. The case pages are case_*.py."""

import contextlib
import json
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityClient, IdentityProblem, IdentityUnavailable
from gateway.entrypoints.web.rendering import render

router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    def __init__(self, return_to: str) -> None:
        self.return_to = return_to


def login_redirect(return_to: str) -> Response:
    return RedirectResponse(f"/logga-in?next={quote(return_to, safe='/')}", status_code=303)


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
