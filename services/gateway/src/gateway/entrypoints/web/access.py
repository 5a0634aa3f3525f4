"""Pages for one role: others get the forbidden page. Identity (or cases) decides again on every call; its
refusals (403, 404, an ended login) become the same pages, never a stack trace."""

import uuid
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from gateway.adapters.service_calls import ServiceProblem
from gateway.entrypoints.web.identity_calls import AsUser, as_signed_in_user
from gateway.entrypoints.web.pages import LoginRequired
from gateway.entrypoints.web.rendering import browser_session, render


class NotAllowed(Exception):
    """The signed-in user's role may not use this page."""


class PageNotFound(Exception):
    """Nothing to show: it does not exist, or belongs to another DSO or team (identity does not say)."""


def role_required(*roles: str) -> Callable[[Request], Awaitable[AsUser]]:
    async def dependency(request: Request) -> AsUser:
        identity = await as_signed_in_user(request)
        if identity.user.role not in roles:
            raise NotAllowed
        return identity

    return dependency


DsoAdminIdentity = Annotated[AsUser, Depends(role_required("dso_admin"))]
TeamAdminIdentity = Annotated[AsUser, Depends(role_required("team_admin"))]


def item_id(value: str) -> uuid.UUID:
    """An id from the address; anything else is a page that does not exist."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise PageNotFound from None


class RefusalsAsPages:
    """`with refusals_as_pages(request):` around identity's or cases' calls: their refusals become pages."""

    def __init__(self, request: Request, back: str | None) -> None:
        self.request, self.back = request, back

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not isinstance(error, ServiceProblem):
            return
        if error.status == 401:
            browser_session(self.request).end()  # the login has ended (deactivated, demoted, signed out)
            url = self.request.url
            raise LoginRequired(self.back or url.path + (f"?{url.query}" if url.query else "")) from None
        if error.status == 403:
            raise NotAllowed from None
        if error.status == 404:
            raise PageNotFound from None
        # Anything else goes on to the caller (or the error page) unchanged.


def refusals_as_pages(request: Request, back: str | None = None) -> RefusalsAsPages:
    """A service's 401, 403 and 404 as the login, forbidden and not-found pages; other problems pass.

    `back`: the page to return to after signing in again (a form's page, not the address it posts to)."""
    return RefusalsAsPages(request, back)


def install_access_handlers(app: FastAPI) -> None:
    async def on_not_allowed(request: Request, exc: Exception) -> Response:
        return render(request, "not_allowed.html", 403)

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return render(request, "not_found.html", 404)

    app.add_exception_handler(NotAllowed, on_not_allowed)
    app.add_exception_handler(PageNotFound, on_not_found)
