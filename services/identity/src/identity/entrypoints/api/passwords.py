"""HTTP: forgotten passwords, one-time set-password links, changing one's password (ADR 0003)."""

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from identity.adapters.login_throttle import LoginThrottled, LoginThrottleUnavailable
from identity.entrypoints.api.auth_deps import AuthenticatorDep, PolicyDep, SessionIdDep
from identity.entrypoints.api.deps import UowFactory
from identity.service_layer.passwords import (
    LinkUnusable,
    PasswordRefused,
    UnknownLink,
    WrongCurrentPassword,
    change_password,
    request_password_reset,
    set_password_with_link,
)
from servicekit.auth import CurrentPrincipal
from servicekit.problems import (
    NotFound,
    Problem,
    ServiceUnavailable,
    TooManyRequests,
    invalid_field,
)

router = APIRouter(tags=["passwords"])


class LinkGone(Problem):
    status, title, slug = 410, "Link no longer valid", "link-gone"


class PasswordResetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr


class SetPasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Longer than the policy allows, so the policy (not a generic length error) says why.
    password: str = Field(max_length=1024)


class ChangePasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(max_length=1024)


@router.post("/password-resets", status_code=status.HTTP_202_ACCEPTED)
async def ask_for_password_reset(body: PasswordResetIn, uow: UowFactory) -> Response:
    """Mail a set-password link if an active user has this address; the answer is the same either way."""
    await request_password_reset(body.email, uow())
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password-links/{token}", status_code=status.HTTP_204_NO_CONTENT)
async def set_password(
    body: SetPasswordIn,
    uow: UowFactory,
    auth: AuthenticatorDep,
    policy: PolicyDep,
    token: str = Path(min_length=1, max_length=200),
) -> Response:
    """Set a password with a one-time link; every login of the user ends."""
    try:
        await set_password_with_link(token, body.password, uow(), auth.hasher, policy)
    except UnknownLink:
        raise NotFound("this link does not exist") from None
    except LinkUnusable:
        raise LinkGone("this link has been used or has expired; ask for a new one") from None
    except PasswordRefused as refused:
        raise invalid_field("password", str(refused)) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_own_password(
    body: ChangePasswordIn,
    principal: CurrentPrincipal,
    session_id: SessionIdDep,
    uow: UowFactory,
    auth: AuthenticatorDep,
    policy: PolicyDep,
) -> Response:
    """Change the signed-in user's password; their other logins end, this one stays."""
    try:
        await change_password(
            principal.user_id,
            body.current_password,
            body.new_password,
            session_id,
            uow(),
            auth.hasher,
            policy,
            auth.throttle,
        )
    except WrongCurrentPassword:
        raise invalid_field("current_password", "is not your current password") from None
    except PasswordRefused as refused:
        raise invalid_field("new_password", str(refused)) from None
    except LoginThrottled as throttled:
        raise TooManyRequests(
            "too many wrong passwords; try again later", headers={"Retry-After": str(throttled.retry_after)}
        ) from None
    except LoginThrottleUnavailable:
        raise ServiceUnavailable("changing passwords is unavailable", headers={"Retry-After": "30"}) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
