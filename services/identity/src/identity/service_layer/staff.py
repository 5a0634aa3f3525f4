"""Use cases of a DSO admin administering the DSO's staff ("Handläggare"): its case handlers and admins —
list, create, change, deactivate, reactivate.

Reach: a DSO admin administers the staff of their own DSO only. Another DSO, or a member of its staff,
is `OutOfScope`, answered exactly like one that does not exist (404). A team's users are not staff:
their team admin administers them (resources.py).

A DSO keeps an admin: nobody deactivates themself or changes their own role, and two admins acting on
each other at once are taken one after the other (rows locked), so the second finds they are no longer
an active admin (sign in again) instead of both succeeding.
"""

import dataclasses
import uuid
from dataclasses import dataclass

from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.dso import Dso
from identity.domain.user import Language, Role, User, normalise_email
from identity.service_layer.accounts import (
    check_email_free,
    commit_account,
    deactivate_account,
    reactivate_account,
)
from identity.service_layer.password_links import issue_password_link
from identity.service_layer.scope import (
    Actor,
    ConflictingState,
    InvalidFields,
    OutOfScope,
    UnknownItem,
    check_actor_current,
)
from identity.service_layer.user_events import user_created, user_updated

STAFF_ROLES = (Role.DSO_HANDLER, Role.DSO_ADMIN)


@dataclass(frozen=True, slots=True)
class NewStaffMember:
    first_name: str
    last_name: str
    email: str
    language: Language = "sv"
    role: Role = Role.DSO_HANDLER


@dataclass(frozen=True, slots=True)
class StaffChanges:
    """Only what is not None changes."""

    first_name: str | None = None
    last_name: str | None = None
    language: Language | None = None
    role: Role | None = None


async def list_staff(uow: IdentityUnitOfWork, actor: Actor, dso_id: str) -> list[User]:
    """The DSO's handlers and admins by name, active and inactive."""
    async with uow:
        dso = await _dso_in_reach(uow, actor, dso_id)
        return await uow.users.of_dso(dso.id, STAFF_ROLES)


async def create_staff_member(
    uow: IdentityUnitOfWork, actor: Actor, dso_id: str, new: NewStaffMember
) -> User:
    """A new handler (or admin) of the DSO, mailed a link to set their password."""
    async with uow:
        dso = await _dso_in_reach(uow, actor, dso_id)
        errors: dict[str, str] = {}
        _check_role(new.role, errors)
        if errors:
            raise InvalidFields(errors)
        email = normalise_email(new.email)
        await check_email_free(uow, email)
        user = User(
            email=email,
            first_name=new.first_name.strip(),
            last_name=new.last_name.strip(),
            role=new.role,
            dso_id=dso.id,
            language=new.language,
        )
        uow.users.add(user)
        uow.emit(user_created(user), key=str(user.id), tenant=user.dso_id)
        # The welcome mail a team's new resource gets, naming the DSO as the one who added them. Staff
        # would deserve wording of their own, but a new purpose needs notifications' templates first.
        await issue_password_link(uow, user, "resource_welcome", team_name=dso.name)
        await commit_account(uow)
    return user


async def update_staff_member(
    uow: IdentityUnitOfWork, actor: Actor, user_id: uuid.UUID, changes: StaffChanges
) -> User:
    """Change a staff member's name, language or role; user.updated.v1 only when something changed."""
    async with uow:
        user = await _staff_member_in_reach(uow, actor, user_id)
        before = dataclasses.replace(user)
        errors: dict[str, str] = {}
        if changes.role is not None:
            _check_role(changes.role, errors)
            if changes.role is not user.role and user.id == actor.user_id:
                errors["role"] = "you cannot change your own role"
            user.role = changes.role
        if errors:
            raise InvalidFields(errors)
        user.first_name = (changes.first_name or user.first_name).strip()
        user.last_name = (changes.last_name or user.last_name).strip()
        user.language = changes.language or user.language
        if user == before:
            return user
        await uow.users.save(user)
        uow.emit(user_updated(user), key=str(user.id), tenant=user.dso_id)
        await commit_account(uow)
    return user


async def deactivate_staff_member(uow: IdentityUnitOfWork, actor: Actor, user_id: uuid.UUID) -> User:
    """The staff member can no longer log in, and every session of theirs ends now. Not oneself."""
    async with uow:
        user = await _staff_member_in_reach(uow, actor, user_id)
        if user.id == actor.user_id:
            raise ConflictingState("you cannot deactivate yourself: another admin of the DSO can")
        if await deactivate_account(uow, user, actor.user_id):
            await uow.commit()
    return user


async def reactivate_staff_member(uow: IdentityUnitOfWork, actor: Actor, user_id: uuid.UUID) -> User:
    """The staff member may log in again."""
    async with uow:
        user = await _staff_member_in_reach(uow, actor, user_id)
        if await reactivate_account(uow, user, actor.user_id):
            await uow.commit()
    return user


async def _dso_in_reach(uow: IdentityUnitOfWork, actor: Actor, dso_id: str) -> Dso:
    await check_actor_current(uow, actor)
    if not (actor.role is Role.DSO_ADMIN and actor.dso_id == dso_id):
        raise OutOfScope("DSO", dso_id)
    dso = await uow.dsos.get(dso_id)
    if dso is None:
        raise UnknownItem("DSO", dso_id)
    return dso


async def _staff_member_in_reach(uow: IdentityUnitOfWork, actor: Actor, user_id: uuid.UUID) -> User:
    # Actor and target locked in one order (by id): of two admins acting on each other at once, the
    # second waits, then reads what the first did — it may have made them inactive or a handler.
    locked: dict[uuid.UUID, User] = {}
    for locked_id in sorted({user_id, actor.user_id}):
        if (found := await uow.users.get(locked_id, for_update=True)) is not None:
            locked[locked_id] = found
    await check_actor_current(uow, actor)  # reads the row just locked
    user = locked.get(user_id)
    if user is None or user.role not in STAFF_ROLES:
        raise UnknownItem("staff member", user_id)
    if not (actor.role is Role.DSO_ADMIN and actor.dso_id == user.dso_id):
        raise OutOfScope("staff member", user_id)
    return user


def _check_role(role: Role, errors: dict[str, str]) -> None:
    if role not in STAFF_ROLES:
        errors["role"] = "a member of a DSO's staff is a dso_handler or a dso_admin"
