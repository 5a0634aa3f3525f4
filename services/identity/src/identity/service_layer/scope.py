"""Who is acting, what they may reach, and the refusals use cases raise (entrypoints turn them into
HTTP problems).

Something in another DSO or another team is refused exactly like something that does not exist
(`OutOfScope` is an `UnknownItem`): a caller learns nothing about other DSOs' applications or other
teams' resources. The entrypoint logs the difference.
"""

import uuid
from dataclasses import dataclass

from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.user import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user a command comes from, as their access token says."""

    user_id: uuid.UUID
    role: Role
    team_id: uuid.UUID | None
    dso_id: str | None


class UnknownItem(LookupError):
    def __init__(self, kind: str, item_id: uuid.UUID | str) -> None:
        super().__init__(f"no {kind} {item_id}")
        self.kind, self.item_id = kind, item_id


class OutOfScope(UnknownItem):
    """It exists, but belongs to another DSO or team than the actor's (or is another DSO)."""


class ActorNotCurrent(Exception):
    """The access token (valid for minutes) names a user who has since been deactivated, or whose role,
    team or DSO has changed: what it claims no longer holds."""


class ConflictingState(Exception):
    """The command cannot be carried out in the current state; `field` names the input at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidFields(ValueError):
    """Wrong input, every field with its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


async def check_actor_current(uow: IdentityUnitOfWork, actor: Actor) -> None:
    """Commands that change who may do what re-read the actor: a token outlives a deactivation."""
    acting = await uow.users.get(actor.user_id)
    if acting is None or not acting.active:
        raise ActorNotCurrent
    if (acting.role, acting.team_id, acting.dso_id) != (actor.role, actor.team_id, actor.dso_id):
        raise ActorNotCurrent
