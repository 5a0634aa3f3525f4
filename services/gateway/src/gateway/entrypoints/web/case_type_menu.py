"""Puts the "Skapa" menu of the signed-in team user's DSO on the request (`request.state.case_type_menu`),
where rendering finds it; everyone else, and every page when cases is silent, gets the default menu.

A middleware rather than a dependency, because every page has the header, error pages included. It asks
cases with the session's access token only while that is valid: refreshing it is the page's business."""

import time

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.adapters.case_type_menu import CaseTypeMenu
from gateway.domain.navigation import CaseTypeLink
from gateway.domain.session import BrowserSession
from gateway.entrypoints.web.rendering import language_of

TEAM_ROLES = frozenset({"installer", "team_admin"})
WITHOUT_HEADER = ("/api/", "/static/", "/healthz", "/readyz", "/favicon.ico")
TOKEN_MARGIN_SECONDS = 5


class CaseTypeMenuMiddleware:
    def __init__(self, app: ASGIApp, menu: CaseTypeMenu) -> None:
        self.app = app
        self.menu = menu

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "POST"):
            session = scope.get("state", {}).get("session")
            if isinstance(session, BrowserSession) and not scope["path"].startswith(WITHOUT_HEADER):
                links = await self._links(scope, session)
                if links is not None:
                    scope["state"]["case_type_menu"] = links
        await self.app(scope, receive, send)

    async def _links(self, scope: Scope, session: BrowserSession) -> tuple[CaseTypeLink, ...] | None:
        user, token = session.user, session.access_token
        if user is None or user.role not in TEAM_ROLES or not user.dso_id or not token:
            return None
        if session.access_expires_at - TOKEN_MARGIN_SECONDS < time.time():
            return None
        return await self.menu.links(user.dso_id, language_of(Request(scope)), token)
