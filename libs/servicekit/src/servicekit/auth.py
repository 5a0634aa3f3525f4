"""Access-token verification: identity signs short-lived JWTs (asymmetric, published as a JWKS); every
service verifies them itself and checks role, team and DSO on every request."""

import asyncio
import enum
import logging
import math
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from servicekit.problems import Forbidden, ServiceUnavailable, Unauthorized

ALGORITHMS = ["EdDSA", "ES256", "RS256"]
log = logging.getLogger(__name__)


class Role(enum.StrEnum):
    INSTALLER = "installer"
    TEAM_ADMIN = "team_admin"
    DSO_HANDLER = "dso_handler"
    DSO_ADMIN = "dso_admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user of an installer team, or of a DSO."""

    user_id: uuid.UUID
    role: Role
    team_id: uuid.UUID | None
    dso_id: str | None
    language: str = "sv"
    name: str = ""  # the display name identity signed in; empty in tokens from before it did

    @property
    def is_dso_staff(self) -> bool:
        return self.role in (Role.DSO_HANDLER, Role.DSO_ADMIN)


class JwksVerifier:
    """Verifies tokens against identity's JWKS: fetched when a token names an unknown key id, and again
    once the fetched set is older than `max_age_seconds`, so a key identity withdraws (a leak, the end of
    a rotation) stops being accepted within that time without restarting anything. Fetches are at most
    one per `min_refetch_seconds`; a failed one keeps the keys already held (identity may be rolling)."""

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        min_refetch_seconds: float = 30.0,
        max_age_seconds: float = 300.0,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._min_refetch = min_refetch_seconds
        self._max_age = max_age_seconds
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None  # None: keys given (use_keys), never fetched or aged
        self._tried_at = -math.inf
        self._lock = asyncio.Lock()

    def use_keys(self, jwks: dict[str, Any]) -> None:
        """Install a key set directly and keep it (identity verifies its own tokens without HTTP)."""
        self._keys = _key_set(jwks)
        self._fetched_at = None
        self._tried_at = math.inf

    async def verify(self, token: str) -> Principal:
        try:
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            raise Unauthorized("the access token is malformed") from None
        key = await self._key(str(key_id))
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "role"]},
            )
            return Principal(
                user_id=uuid.UUID(claims["sub"]),
                role=Role(claims["role"]),
                team_id=uuid.UUID(claims["team"]) if claims.get("team") else None,
                dso_id=claims.get("dso"),
                language=claims.get("lang", "sv"),
                name=str(claims.get("name") or ""),
            )
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the access token has expired") from None
        except (jwt.PyJWTError, ValueError, KeyError):
            raise Unauthorized("the access token is not valid") from None

    def _current(self, key_id: str) -> bool:
        aged = self._fetched_at is not None and time.monotonic() - self._fetched_at > self._max_age
        return key_id in self._keys and not aged

    async def _key(self, key_id: str) -> jwt.PyJWK:
        if not self._current(key_id):
            async with self._lock:
                if not self._current(key_id) and time.monotonic() - self._tried_at > self._min_refetch:
                    await self._refetch()
        if key_id not in self._keys:
            raise Unauthorized("the access token was signed by an unknown key")
        return self._keys[key_id]

    async def _refetch(self) -> None:
        self._tried_at = time.monotonic()
        try:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.get(self._jwks_url)
                response.raise_for_status()
            keys = _key_set(response.json())
        except (httpx.HTTPError, ValueError, jwt.PyJWTError) as error:
            if not self._keys:  # nothing to verify with: 503, and the next request tries again
                self._tried_at = -math.inf
                raise ServiceUnavailable(
                    f"the signing keys cannot be fetched: {type(error).__name__}"
                ) from None
            log.warning(
                "keeping the signing keys held: the JWKS cannot be fetched (%s)", type(error).__name__
            )
            return
        self._keys = keys
        self._fetched_at = time.monotonic()


def _key_set(jwks: dict[str, Any]) -> dict[str, jwt.PyJWK]:
    return {key.key_id: key for key in jwt.PyJWKSet.from_dict(jwks).keys if key.key_id}


_bearer = HTTPBearer(auto_error=False)


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        log.info("refused %s %s: no access token", request.method, request.url.path)
        raise Unauthorized("sign in first", headers={"WWW-Authenticate": "Bearer"})
    verifier: JwksVerifier = request.app.state.jwks_verifier
    try:
        return await verifier.verify(credentials.credentials)
    except Unauthorized as refused:
        log.info("refused %s %s: %s", request.method, request.url.path, refused.detail)
        raise


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def log_refusal(request: Request, principal: Principal, why: str) -> None:
    """Every refused authorisation is logged: who, what, why — ids only, never personal data."""
    log.warning(
        "refused %s %s to user %s (%s, team %s, dso %s): %s",
        request.method,
        request.url.path,
        principal.user_id,
        principal.role,
        principal.team_id,
        principal.dso_id,
        why,
    )


def require_roles(*roles: Role) -> Callable[[Request, Principal], Coroutine[Any, Any, Principal]]:
    """A dependency that lets only the given roles through: `Depends(require_roles(Role.DSO_ADMIN))`."""
    allowed = frozenset(roles)

    async def check(request: Request, principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            log_refusal(request, principal, f"role {principal.role} is not one of {sorted(allowed)}")
            raise Forbidden(f"this needs one of the roles: {', '.join(sorted(allowed))}")
        return principal

    return check
