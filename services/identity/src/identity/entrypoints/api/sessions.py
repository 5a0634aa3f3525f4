"""HTTP: log in, refresh an access token, log out (the gateway calls these; ADR 0003)."""

import ipaddress
import uuid

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, IPvAnyAddress

from identity.adapters.login_throttle import LoginThrottled, LoginThrottleUnavailable
from identity.entrypoints.api.auth_deps import AuthenticatorDep
from identity.entrypoints.api.deps import UowFactory
from identity.entrypoints.api.me import UserOut
from identity.service_layer.authentication import LoginFailed, RefreshRefused, login, logout, refresh
from servicekit.auth import CurrentPrincipal
from servicekit.problems import NotFound, ServiceUnavailable, TooManyRequests, Unauthorized

router = APIRouter(tags=["sessions"])


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    client_ip: IPvAnyAddress | None = Field(None, description="The browser's address, as the gateway saw it")


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=200)


class AccessOut(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (a token type, not a secret)
    expires_in: int = Field(description="Seconds until the access token expires")


class LoginOut(AccessOut):
    refresh_token: str
    session_id: uuid.UUID
    user: UserOut


def client_address(body: LoginIn, request: Request) -> str | None:
    """The body's client_ip, else the gateway's X-Forwarded-For, else the peer."""
    if body.client_ip is not None:
        return str(body.client_ip)
    # The right-most entry is the one our own caller (the gateway) added; those left of it are the
    # browser's word and could be anything.
    forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return request.client.host if request.client else None


@router.post("/sessions", status_code=status.HTTP_201_CREATED)
async def log_in(body: LoginIn, request: Request, uow: UowFactory, auth: AuthenticatorDep) -> LoginOut:
    """Log in with e-mail and password: an access token, and a refresh token for this login."""
    try:
        result = await login(body.email, body.password, client_address(body, request), uow(), auth)
    except LoginFailed:
        raise Unauthorized("the e-mail address or the password is wrong") from None
    except LoginThrottled as throttled:
        raise TooManyRequests(
            "too many failed logins; try again later", headers={"Retry-After": str(throttled.retry_after)}
        ) from None
    except LoginThrottleUnavailable:
        raise ServiceUnavailable("login is unavailable", headers={"Retry-After": "30"}) from None
    return LoginOut(
        access_token=result.access_token,
        expires_in=int(auth.signer.lifetime.total_seconds()),
        refresh_token=result.refresh_token,
        session_id=result.session_id,
        user=UserOut.of(result.user),
    )


@router.post("/sessions/refresh")
async def refresh_access(body: RefreshIn, uow: UowFactory, auth: AuthenticatorDep) -> AccessOut:
    """A new access token for an open login."""
    try:
        token = await refresh(body.refresh_token, uow(), auth.signer)
    except RefreshRefused:
        raise Unauthorized("the login has ended; log in again") from None
    return AccessOut(access_token=token, expires_in=int(auth.signer.lifetime.total_seconds()))


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def log_out(session_id: uuid.UUID, principal: CurrentPrincipal, uow: UowFactory) -> Response:
    """End one of the caller's own logins."""
    if not await logout(session_id, principal.user_id, uow()):
        raise NotFound("you have no login with this id")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
