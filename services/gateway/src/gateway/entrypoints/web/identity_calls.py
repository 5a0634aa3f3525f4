"""Calling identity on behalf of the signed-in browser: a fresh access token, or the session ends."""

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


async def as_signed_in_user(request: Request) -> AsUser:
    session = browser_session(request)
    return_to = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if session.user is None or session.access_token is None:
        raise LoginRequired(return_to)
    if session.access_expires_at - REFRESH_MARGIN_SECONDS < time.time():
        try:
            tokens = await identity_client(request).refresh(session.refresh_token or "")
        except IdentityProblem as problem:
            if problem.status in (400, 401, 403, 404, 410, 422):
                session.end()  # identity ended the login (deactivated, password changed, expired)
                raise LoginRequired(return_to) from None
            raise
        session.refreshed(tokens.access_token, time.time() + tokens.expires_in)
    return AsUser(session.user, session.access_token or "", identity_client(request))


SignedInIdentity = Annotated[AsUser, Depends(as_signed_in_user)]
