"""Forgotten passwords, one-time set-password links, and changing one's password (ADR 0003).

Hashing runs outside the transactions (no connection waits on the CPU); what was checked before it is
checked again, under a row lock, in the transaction that stores the result.
"""

import logging
import uuid
from datetime import UTC, datetime

from identity.adapters.login_throttle import LoginThrottle
from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.password_link import token_hash
from identity.domain.password_policy import PasswordPolicy
from identity.domain.user import normalise_email
from identity.service_layer.authentication import email_reference, end_sessions
from identity.service_layer.password_links import issue_password_link

log = logging.getLogger(__name__)


class PasswordRefused(ValueError):
    """The policy refuses the new password; the message says why."""


class UnknownLink(LookupError):
    """No link has this token."""


class LinkUnusable(Exception):
    """The link was used, has expired, or its user may no longer log in."""


class WrongCurrentPassword(Exception):
    """Changing a password needs the current one."""


async def request_password_reset(email: str, uow: IdentityUnitOfWork) -> None:
    """Mail a link to an active user with this address; the caller learns nothing either way."""
    async with uow:
        user = await uow.users.by_email(normalise_email(email))
        if user is None or not user.active:
            log.info("password reset asked for e-mail %s: no active user", email_reference(email))
            return
        await issue_password_link(uow, user, "password_reset")
        await uow.commit()
    log.info("password reset link issued to user %s", user.id)


async def set_password_with_link(
    token: str, password: str, uow: IdentityUnitOfWork, hasher: PasswordHasher, policy: PasswordPolicy
) -> None:
    """Use a one-time link: set the password, spend the user's links and end all their logins."""
    digest = token_hash(token)
    async with uow:
        link = await uow.password_links.by_token_hash(digest)
        user = None if link is None else await uow.users.get(link.user_id)
    if link is None or user is None:
        raise UnknownLink
    if not link.usable_at(datetime.now(UTC)) or not user.active:
        log.warning("password link refused for user %s: used, expired or inactive", user.id)
        raise LinkUnusable
    # A refused password leaves the link usable: the person tries another one.
    if refusal := policy.refusal(password, user.email):
        raise PasswordRefused(refusal)
    new_hash = await hasher.hash(password)
    async with uow:
        # Locked and checked again, so two uses of one link cannot both succeed.
        link = await uow.password_links.by_token_hash(digest)
        user = await uow.users.get(user.id, for_update=True)
        now = datetime.now(UTC)
        if link is None or user is None or not link.usable_at(now) or not user.active:
            raise LinkUnusable
        user.set_password_hash(new_hash, now)
        await uow.users.save(user)
        await uow.password_links.mark_used(link.id, now)
        await uow.password_links.expire_unused_of(user.id, now)
        await end_sessions(uow, user, "password_set")
        await uow.commit()
    log.info("password set with a %s link by user %s", link.purpose, user.id)


async def change_password(
    user_id: uuid.UUID,
    current: str,
    new: str,
    session_id: uuid.UUID | None,
    uow: IdentityUnitOfWork,
    hasher: PasswordHasher,
    policy: PasswordPolicy,
    throttle: LoginThrottle,
) -> None:
    """Change a signed-in user's password; their other logins end, the one asking stays."""
    async with uow:
        user = await uow.users.get(user_id)
    if user is None or not user.can_log_in:
        raise WrongCurrentPassword
    # Guesses at the current password count as failed logins: a stolen token is no way round the limit.
    await throttle.check(user.email, None)
    if not (await hasher.verify(current, user.password_hash)).matches:
        await throttle.record_failure(user.email, None)
        log.warning("password change refused for user %s: wrong current password", user.id)
        raise WrongCurrentPassword
    if refusal := policy.refusal(new, user.email):
        raise PasswordRefused(refusal)
    new_hash = await hasher.hash(new)
    async with uow:
        locked = await uow.users.get(user_id, for_update=True)
        if locked is None or not locked.active or locked.password_hash != user.password_hash:
            raise WrongCurrentPassword  # changed or deactivated meanwhile
        locked.set_password_hash(new_hash, datetime.now(UTC))
        await uow.users.save(locked)
        await end_sessions(uow, locked, "password_changed", keep_session_id=session_id)
        await uow.commit()
    log.info("password changed by user %s (session %s kept)", user.id, session_id)
