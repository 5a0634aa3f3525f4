"""Use cases of a team administering its resources ("Administrera"): list, create, change, deactivate.

Reach: a team admin administers their own team only; a DSO admin may read the resources of teams
registered with their DSO. Anything else is `OutOfScope`, answered exactly like a missing team or
resource (404), so nobody learns which other teams or users exist.

The actor is checked against the database, not only their access token: a token lives for minutes, and
an administrator who was deactivated or demoted in that time must not act on it (nor reactivate
themselves).
"""

import dataclasses
import uuid
from dataclasses import dataclass

from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.authorisation import Authorisation
from identity.domain.phone_number import InvalidPhoneNumber, normalise_phone_number
from identity.domain.team import Team
from identity.domain.user import (
    AuthorisationNotHeldByTeam,
    Language,
    Role,
    User,
    check_authorisations,
    normalise_email,
)
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

RESOURCE_ROLES = (Role.INSTALLER, Role.TEAM_ADMIN)


@dataclass(frozen=True, slots=True)
class NewResource:
    first_name: str
    last_name: str
    email: str
    mobile: str
    authorisations: frozenset[Authorisation]
    description: str | None = None
    language: Language = "sv"
    role: Role = Role.INSTALLER


@dataclass(frozen=True, slots=True)
class ResourceChanges:
    """Only what is not None changes; an empty description clears it."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    mobile: str | None = None
    authorisations: frozenset[Authorisation] | None = None
    description: str | None = None
    language: Language | None = None
    role: Role | None = None


async def team_details(uow: IdentityUnitOfWork, actor: Actor, team_id: uuid.UUID) -> Team:
    """The team as its admin (or its DSO's admin) may read it: name, organisation number, authorisations."""
    async with uow:
        return await _team_in_reach(uow, actor, team_id, administer=False)


async def list_resources(uow: IdentityUnitOfWork, actor: Actor, team_id: uuid.UUID) -> list[User]:
    """The team's users by name, active and inactive."""
    async with uow:
        team = await _team_in_reach(uow, actor, team_id, administer=False)
        return await uow.users.of_team(team.id)


async def list_colleagues(uow: IdentityUnitOfWork, actor: Actor, team_id: uuid.UUID) -> list[User]:
    """The active users of the actor's own team, for any member to choose from (a case handed to a
    colleague); another team is out of scope, as if it did not exist."""
    async with uow:
        await check_actor_current(uow, actor)
        team = await uow.teams.get(team_id)
        if team is None:
            raise UnknownItem("team", team_id)
        if not (actor.role.is_team_member and actor.team_id == team.id):
            raise OutOfScope("team", team_id)
        return [user for user in await uow.users.of_team(team.id) if user.active]


async def create_resource(
    uow: IdentityUnitOfWork, actor: Actor, team_id: uuid.UUID, new: NewResource
) -> User:
    """A new user of the team, mailed a link to set their password."""
    async with uow:
        team = await _team_in_reach(uow, actor, team_id, administer=True)
        errors: dict[str, str] = {}
        mobile = await _mobile(uow, team, new.mobile, errors)
        _check_authorisations(new.authorisations, team, errors)
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
            dso_id=team.dso_id,
            team_id=team.id,
            mobile=mobile,
            description=(new.description.strip() or None) if new.description else None,
            authorisations=new.authorisations,
            language=new.language,
        )
        uow.users.add(user)
        uow.emit(user_created(user), key=str(user.id), tenant=user.dso_id)
        await issue_password_link(uow, user, "resource_welcome", team_name=team.name)
        await commit_account(uow)
    return user


async def update_resource(
    uow: IdentityUnitOfWork, actor: Actor, resource_id: uuid.UUID, changes: ResourceChanges
) -> User:
    """Change a resource's details; user.updated.v1 only when something really changed."""
    async with uow:
        user, team = await _resource_in_reach(uow, actor, resource_id)
        before = dataclasses.replace(user)
        errors: dict[str, str] = {}
        if changes.mobile is not None:
            user.mobile = await _mobile(uow, team, changes.mobile, errors)
        if changes.authorisations is not None:
            _check_authorisations(changes.authorisations, team, errors)
            user.authorisations = changes.authorisations
        if changes.role is not None:
            _check_role(changes.role, errors)
            if changes.role is not user.role and user.id == actor.user_id:
                errors["role"] = "you cannot change your own role"
            user.role = changes.role
        if errors:
            raise InvalidFields(errors)
        user.first_name = (changes.first_name or user.first_name).strip()
        user.last_name = (changes.last_name or user.last_name).strip()
        if changes.description is not None:
            user.description = changes.description.strip() or None
        user.language = changes.language or user.language
        if changes.email is not None and normalise_email(changes.email) != user.email:
            user.email = normalise_email(changes.email)
            await check_email_free(uow, user.email)
        if user == before:
            return user
        await uow.users.save(user)
        uow.emit(user_updated(user), key=str(user.id), tenant=user.dso_id)
        await commit_account(uow)
    return user


async def deactivate_resource(uow: IdentityUnitOfWork, actor: Actor, resource_id: uuid.UUID) -> User:
    """The resource can no longer log in, and every session of theirs ends now."""
    async with uow:
        user, _team = await _resource_in_reach(uow, actor, resource_id)
        if user.id == actor.user_id:
            raise ConflictingState("you cannot deactivate yourself")
        if await deactivate_account(uow, user, actor.user_id):
            await uow.commit()
    return user


async def reactivate_resource(uow: IdentityUnitOfWork, actor: Actor, resource_id: uuid.UUID) -> User:
    """The resource may log in again."""
    async with uow:
        user, _team = await _resource_in_reach(uow, actor, resource_id)
        if await reactivate_account(uow, user, actor.user_id):
            await uow.commit()
    return user


async def _team_in_reach(
    uow: IdentityUnitOfWork, actor: Actor, team_id: uuid.UUID, *, administer: bool
) -> Team:
    await check_actor_current(uow, actor)
    team = await uow.teams.get(team_id)
    if team is None:
        raise UnknownItem("team", team_id)
    own_team = actor.role is Role.TEAM_ADMIN and actor.team_id == team.id
    dso_reader = not administer and actor.role is Role.DSO_ADMIN and actor.dso_id == team.dso_id
    if not (own_team or dso_reader):
        raise OutOfScope("team", team_id)
    return team


async def _resource_in_reach(
    uow: IdentityUnitOfWork, actor: Actor, resource_id: uuid.UUID
) -> tuple[User, Team]:
    user = await uow.users.get(resource_id, for_update=True)
    # After the locked read: when actors act on themselves, both reads then see the locked row.
    await check_actor_current(uow, actor)
    if user is None or user.team_id is None:
        raise UnknownItem("resource", resource_id)
    if not (actor.role is Role.TEAM_ADMIN and actor.team_id == user.team_id):
        raise OutOfScope("resource", resource_id)
    team = await uow.teams.get(user.team_id)
    if team is None:
        raise UnknownItem("resource", resource_id)
    return user, team


async def _mobile(uow: IdentityUnitOfWork, team: Team, value: str, errors: dict[str, str]) -> str:
    dso = await uow.dsos.get(team.dso_id)
    try:
        return normalise_phone_number(value, dso.country if dso else "SE")
    except InvalidPhoneNumber as error:
        errors["mobile"] = str(error)
        return value


def _check_authorisations(wanted: frozenset[Authorisation], team: Team, errors: dict[str, str]) -> None:
    if not wanted:
        errors["authorisations"] = "choose at least one"
        return
    try:
        check_authorisations(wanted, team.authorisations)
    except AuthorisationNotHeldByTeam as error:
        errors["authorisations"] = str(error)


def _check_role(role: Role, errors: dict[str, str]) -> None:
    if role not in RESOURCE_ROLES:
        errors["role"] = "a resource is an installer or a team_admin"
