"""HTTP: who the signed-in user is."""

import uuid
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from identity.domain.user import Role, User
from identity.entrypoints.api.deps import UowFactory
from identity.service_layer.authentication import current_user
from servicekit.auth import CurrentPrincipal
from servicekit.problems import Unauthorized

router = APIRouter(tags=["sessions"])


class UserOut(BaseModel):
    id: uuid.UUID
    name: str
    email: str
    role: Role
    team_id: uuid.UUID | None
    dso_id: str
    language: Literal["sv", "da", "en"]
    authorisations: list[str]

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(
            id=user.id,
            name=user.name,
            email=user.email,
            role=user.role,
            team_id=user.team_id,
            dso_id=user.dso_id,
            language=user.language,
            authorisations=sorted(user.authorisations),
        )


@router.get("/me")
async def me(principal: CurrentPrincipal, uow: UowFactory) -> UserOut:
    """The signed-in user as identity knows them now (a deactivated user is signed out)."""
    user = await current_user(principal.user_id, uow())
    if user is None:
        raise Unauthorized("sign in first", headers={"WWW-Authenticate": "Bearer"})
    return UserOut.of(user)
