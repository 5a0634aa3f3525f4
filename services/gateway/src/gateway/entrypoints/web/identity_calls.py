"""Calling services on behalf of the signed-in browser: a fresh access token, or the session ends."""

import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from gateway.adapters.identity_client import IdentityClient, IdentityProblem
from gateway.domain.session import SignedInUser
from gateway.entrypoints.web.pages import LoginRequired
from gateway.entrypoints.web.rendering import browser_session

REFRESH_MARGIN_SECONDS = 30


def identity_client(request: Request) -> IdentityClient:
    client: IdentityClient = request.app.state.identity
    return client


@dataclass(frozen=True, slots=True)
class AsUser:
    """Identity calls made as the signed-in user."""

    user: SignedInUser
    token: str
    client: IdentityClient

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return await self.client.json(method, path, token=self.token, **kwargs)


class NotSignedIn(Exception):
    """No signed-in user, or identity has ended the login."""


async def fresh_access_token(request: Request) -> tuple[SignedInUser, str]:
    """The signed-in user and an access token that is not about to expire (refreshed when it is).

    Shared by the pages (which send the browser to the login page) and the map's JSON API (which answers
    401): both call services as the user with the same token."""
    session = browser_session(request)
    if session.user is None or session.access_token is None:
        raise NotSignedIn
    if session.access_expires_at - REFRESH_MARGIN_SECONDS < time.time():
        try:
            tokens = await identity_client(request).refresh(session.refresh_token or "")
        except IdentityProblem as problem:
            if problem.status in (400, 401, 403, 404, 410, 422):
                session.end()  # identity ended the login (deactivated, password changed, expired)
                raise NotSignedIn from None
            raise
        session.refreshed(tokens.access_token, time.time() + tokens.expires_in)
    return session.user, session.access_token or ""


async def as_signed_in_user(request: Request) -> AsUser:
    try:
        user, token = await fresh_access_token(request)
    except NotSignedIn:
        return_to = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(return_to) from None
    return AsUser(user, token, identity_client(request))


SignedInIdentity = Annotated[AsUser, Depends(as_signed_in_user)]
