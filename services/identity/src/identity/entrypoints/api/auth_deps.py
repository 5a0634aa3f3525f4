"""Typed dependencies of the login and password routes: what bootstrap built, and the caller's login."""

import uuid
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from identity.domain.password_policy import PasswordPolicy
from identity.service_layer.authentication import Authenticator
from servicekit.auth import CurrentPrincipal


def _authenticator(request: Request) -> Authenticator:
    authenticator: Authenticator = request.app.state.authenticator
    return authenticator


def _password_policy(request: Request) -> PasswordPolicy:
    policy: PasswordPolicy = request.app.state.password_policy
    return policy


_bearer = HTTPBearer(auto_error=False)


async def _session_id(
    principal: CurrentPrincipal, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> uuid.UUID | None:
    # CurrentPrincipal has verified this very token; servicekit's Principal just does not carry `sid`.
    if credentials is None:
        return None
    claims = jwt.decode(credentials.credentials, options={"verify_signature": False})
    try:
        return uuid.UUID(str(claims.get("sid")))
    except ValueError:
        return None


AuthenticatorDep = Annotated[Authenticator, Depends(_authenticator)]
PolicyDep = Annotated[PasswordPolicy, Depends(_password_policy)]
SessionIdDep = Annotated[uuid.UUID | None, Depends(_session_id)]
