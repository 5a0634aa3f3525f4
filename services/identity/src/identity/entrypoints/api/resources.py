"""HTTP: a team admin administers the team's resources ("Administrera"); a DSO admin may list them; any
member of the team may list its active colleagues' names (to hand a case to one of them).

Installers and DSO handlers get 403, and so do DSO admins for anything but reading: DSO staff do not
manage installers' staff. A team admin reaching for another team's resources, or a DSO admin for a team
of another DSO, gets 404 — the same as for a team or resource that does not exist — so nobody can probe
which teams or users exist elsewhere. An access token whose user has since been deactivated, or has
changed role or team, gets 401. Every refusal is logged with ids only.
"""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, ConfigDict, Field

from identity.domain.authorisation import Authorisation
from identity.domain.user import Role, User
from identity.entrypoints.api.access import (
    TeamAdmin,
    TeamMember,
    TeamOrDsoAdmin,
    actor_of,
    answered_as_problems,
)
from identity.entrypoints.api.deps import UowFactory
from identity.entrypoints.api.fields import NO_CONTROL, Email, Language, Name
from identity.service_layer.resources import (
    NewResource,
    ResourceChanges,
    create_resource,
    deactivate_resource,
    list_colleagues,
    list_resources,
    reactivate_resource,
    update_resource,
)

router = APIRouter(tags=["resources"])

Mobile = Annotated[str, Field(min_length=1, max_length=30, pattern=NO_CONTROL)]
Description = Annotated[str, Field(max_length=500, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")]
ResourceRole = Literal["installer", "team_admin"]


class ResourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    first_name: Name
    last_name: Name
    email: Email
    mobile: Mobile = Field(description="International or the DSO country's national form.")
    description: Description | None = None
    authorisations: list[Authorisation] = Field(
        min_length=1, description="Only utilities the team itself is authorised for."
    )
    language: Language = "sv"
    role: ResourceRole = "installer"


class ResourcePatchIn(BaseModel):
    """Only the fields sent change; `description` null or empty clears it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    first_name: Name | None = None
    last_name: Name | None = None
    email: Email | None = None
    mobile: Mobile | None = None
    description: Description | None = None
    authorisations: list[Authorisation] | None = Field(None, min_length=1)
    language: Language | None = None
    role: ResourceRole | None = None


class ResourceOut(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID | None
    first_name: str
    last_name: str
    email: str
    mobile: str | None
    description: str | None
    authorisations: list[Authorisation]
    language: str
    role: str
    active: bool
    password_set: bool = Field(description="False until the user has used their set-password link.")


@router.get("/teams/{team_id}/resources")
async def resources(
    team_id: uuid.UUID, request: Request, principal: TeamOrDsoAdmin, uow: UowFactory
) -> list[ResourceOut]:
    """The team's users, active and inactive, by name."""
    with answered_as_problems(request, principal):
        users = await list_resources(uow(), actor_of(principal), team_id)
    return [_out(user) for user in users]


class ColleagueOut(BaseModel):
    """A colleague as the team's members see each other: a name to choose, nothing to contact."""

    id: uuid.UUID
    first_name: str
    last_name: str
    role: str


@router.get("/teams/{team_id}/colleagues")
async def colleagues(
    team_id: uuid.UUID, request: Request, principal: TeamMember, uow: UowFactory
) -> list[ColleagueOut]:
    """The active users of the caller's own team, by name (the caller too)."""
    with answered_as_problems(request, principal):
        users = await list_colleagues(uow(), actor_of(principal), team_id)
    return [
        ColleagueOut(id=user.id, first_name=user.first_name, last_name=user.last_name, role=user.role.value)
        for user in users
    ]


@router.post("/teams/{team_id}/resources", status_code=status.HTTP_201_CREATED)
async def create(
    team_id: uuid.UUID, body: ResourceIn, request: Request, principal: TeamAdmin, uow: UowFactory
) -> ResourceOut:
    """Add a user to the team; they are mailed a link to set their password."""
    new = NewResource(
        first_name=body.first_name,
        last_name=body.last_name,
        email=str(body.email),
        mobile=body.mobile,
        authorisations=frozenset(body.authorisations),
        description=body.description,
        language=body.language,
        role=Role(body.role),
    )
    with answered_as_problems(request, principal):
        user = await create_resource(uow(), actor_of(principal), team_id, new)
    return _out(user)


@router.patch("/resources/{resource_id}")
async def update(
    resource_id: uuid.UUID, body: ResourcePatchIn, request: Request, principal: TeamAdmin, uow: UowFactory
) -> ResourceOut:
    """Change a resource's details."""
    clears_description = "description" in body.model_fields_set and not body.description
    changes = ResourceChanges(
        first_name=body.first_name,
        last_name=body.last_name,
        email=str(body.email) if body.email else None,
        mobile=body.mobile,
        authorisations=frozenset(body.authorisations) if body.authorisations is not None else None,
        description="" if clears_description else body.description,
        language=body.language,
        role=Role(body.role) if body.role else None,
    )
    with answered_as_problems(request, principal):
        user = await update_resource(uow(), actor_of(principal), resource_id, changes)
    return _out(user)


@router.post("/resources/{resource_id}/deactivate")
async def deactivate(
    resource_id: uuid.UUID, request: Request, principal: TeamAdmin, uow: UowFactory
) -> ResourceOut:
    """The resource can no longer log in; their sessions end at once. Not oneself."""
    with answered_as_problems(request, principal):
        user = await deactivate_resource(uow(), actor_of(principal), resource_id)
    return _out(user)


@router.post("/resources/{resource_id}/reactivate")
async def reactivate(
    resource_id: uuid.UUID, request: Request, principal: TeamAdmin, uow: UowFactory
) -> ResourceOut:
    """The resource may log in again."""
    with answered_as_problems(request, principal):
        user = await reactivate_resource(uow(), actor_of(principal), resource_id)
    return _out(user)


def _out(user: User) -> ResourceOut:
    return ResourceOut(
        id=user.id,
        team_id=user.team_id,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        mobile=user.mobile,
        description=user.description,
        authorisations=sorted(user.authorisations),
        language=user.language,
        role=user.role.value,
        active=user.active,
        password_set=user.password_hash is not None,
    )
