"""HTTP: a DSO admin administers the DSO's staff ("Handläggare"): its case handlers and admins.

Only DSO admins: handlers and team roles get 403. A DSO admin reaching for another DSO's staff (or
another DSO's list) gets 404 — the same as for a DSO or user that does not exist — so nobody can probe
who works elsewhere; a user of a team is not staff and is 404 here too. An access token whose user has
since been deactivated, or changed role or DSO, gets 401. Every refusal is logged with ids only.

Not the resource routes with a second role: a staff member has no team, mobile, description or
authorisations, and a DSO admin must stay 403 on a team's resources (DSO staff do not manage installers'
staff).
"""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, status
from pydantic import BaseModel, ConfigDict, Field

from identity.domain.user import Role, User
from identity.entrypoints.api.access import DsoAdmin, actor_of, answered_as_problems
from identity.entrypoints.api.deps import UowFactory
from identity.entrypoints.api.fields import Email, Language, Name
from identity.service_layer.staff import (
    NewStaffMember,
    StaffChanges,
    create_staff_member,
    deactivate_staff_member,
    list_staff,
    reactivate_staff_member,
    update_staff_member,
)

router = APIRouter(tags=["staff"])

StaffRole = Literal["dso_handler", "dso_admin"]
DsoId = Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9_-]+$")]  # logged when out of reach


class StaffIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    first_name: Name
    last_name: Name
    email: Email
    language: Language = "sv"
    role: StaffRole = "dso_handler"


class StaffPatchIn(BaseModel):
    """Only the fields sent change. The e-mail address is the login: not changed here."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    first_name: Name | None = None
    last_name: Name | None = None
    language: Language | None = None
    role: StaffRole | None = Field(None, description="Not one's own.")


class StaffOut(BaseModel):
    id: uuid.UUID
    dso_id: str
    first_name: str
    last_name: str
    email: str
    mobile: str | None
    language: str
    role: str
    active: bool
    password_set: bool = Field(description="False until the user has used their set-password link.")
    created_at: datetime


@router.get("/dsos/{dso_id}/staff")
async def staff(dso_id: DsoId, request: Request, principal: DsoAdmin, uow: UowFactory) -> list[StaffOut]:
    """The DSO's handlers and admins, active and inactive, by name."""
    with answered_as_problems(request, principal):
        users = await list_staff(uow(), actor_of(principal), dso_id)
    return [_out(user) for user in users]


@router.post("/dsos/{dso_id}/staff", status_code=status.HTTP_201_CREATED)
async def create(
    dso_id: DsoId, body: StaffIn, request: Request, principal: DsoAdmin, uow: UowFactory
) -> StaffOut:
    """Add a handler (or admin) to the DSO; they are mailed a link to set their password."""
    new = NewStaffMember(
        first_name=body.first_name,
        last_name=body.last_name,
        email=str(body.email),
        language=body.language,
        role=Role(body.role),
    )
    with answered_as_problems(request, principal):
        user = await create_staff_member(uow(), actor_of(principal), dso_id, new)
    return _out(user)


@router.patch("/staff/{user_id}")
async def update(
    user_id: uuid.UUID, body: StaffPatchIn, request: Request, principal: DsoAdmin, uow: UowFactory
) -> StaffOut:
    """Change a staff member's name, language or role."""
    changes = StaffChanges(
        first_name=body.first_name,
        last_name=body.last_name,
        language=body.language,
        role=Role(body.role) if body.role else None,
    )
    with answered_as_problems(request, principal):
        user = await update_staff_member(uow(), actor_of(principal), user_id, changes)
    return _out(user)


@router.post("/staff/{user_id}/deactivate")
async def deactivate(user_id: uuid.UUID, request: Request, principal: DsoAdmin, uow: UowFactory) -> StaffOut:
    """The staff member can no longer log in; their sessions end at once. Not oneself."""
    with answered_as_problems(request, principal):
        user = await deactivate_staff_member(uow(), actor_of(principal), user_id)
    return _out(user)


@router.post("/staff/{user_id}/reactivate")
async def reactivate(user_id: uuid.UUID, request: Request, principal: DsoAdmin, uow: UowFactory) -> StaffOut:
    """The staff member may log in again."""
    with answered_as_problems(request, principal):
        user = await reactivate_staff_member(uow(), actor_of(principal), user_id)
    return _out(user)


def _out(user: User) -> StaffOut:
    return StaffOut(
        id=user.id,
        dso_id=user.dso_id,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        mobile=user.mobile,
        language=user.language,
        role=user.role.value,
        active=user.active,
        password_set=user.password_hash is not None,
        created_at=user.created_at,
    )
