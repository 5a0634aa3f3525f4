"""What administering any account shares, whoever administers it (a team admin their team's resources,
a DSO admin their DSO's staff): one login per e-mail address, and switching an account off and on with
the same events, so every consumer treats a handler's deactivation like an installer's."""

import uuid

from sqlalchemy.exc import IntegrityError

from contracts.events.identity import UserDeactivatedV1, UserReactivatedV1
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.user import User
from identity.service_layer.authentication import end_sessions
from identity.service_layer.scope import ConflictingState

EMAIL_TAKEN = "an account with this e-mail address already exists"


async def check_email_free(uow: IdentityUnitOfWork, email: str) -> None:
    """`email` normalised; e-mail addresses are unique across the platform (ADR 0003)."""
    if await uow.users.email_taken(email):
        raise ConflictingState(EMAIL_TAKEN, "email")


async def commit_account(uow: IdentityUnitOfWork) -> None:
    """Commit a new or changed account."""
    try:
        await uow.commit()
    except IntegrityError:
        # The address was taken between the check and the commit (e-mails are unique platform-wide).
        raise ConflictingState(EMAIL_TAKEN, "email") from None


async def deactivate_account(uow: IdentityUnitOfWork, user: User, by: uuid.UUID) -> bool:
    """Within the caller's unit of work: the user can no longer log in, and every session of theirs ends
    now. False when they already were inactive: nothing changes, nobody is told."""
    if not user.deactivate():
        return False
    await uow.users.save(user)
    uow.emit(
        UserDeactivatedV1(user_id=user.id, team_id=user.team_id, deactivated_by=by),
        key=str(user.id),
        tenant=user.dso_id,
    )
    await end_sessions(uow, user, "deactivated")
    return True


async def reactivate_account(uow: IdentityUnitOfWork, user: User, by: uuid.UUID) -> bool:
    """Within the caller's unit of work: the user may log in again. False when they already could."""
    if not user.reactivate():
        return False
    await uow.users.save(user)
    uow.emit(
        UserReactivatedV1(user_id=user.id, team_id=user.team_id, reactivated_by=by),
        key=str(user.id),
        tenant=user.dso_id,
    )
    return True
