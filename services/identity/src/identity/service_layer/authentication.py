"""Logging in, refreshing an access token, logging out, and ending a user's logins (ADR 0003).

Every outcome is logged with the user id, or a hash of the e-mail address when no user is known;
never a password.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from contracts.events.identity import UserSessionsEndedV1
from identity.adapters.login_throttle import LoginThrottle
from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.signing_keys import AccessClaims, TokenSigner
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.login_session import LoginSession, refresh_token_hash
from identity.domain.user import User, normalise_email

log = logging.getLogger(__name__)

EndReason = Literal["password_set", "password_changed", "deactivated"]


class LoginFailed(Exception):
    """One answer for every failure, so a caller cannot tell which part was wrong."""


class RefreshRefused(Exception):
    """The login has ended, expired, or its user may no longer log in."""


@dataclass(frozen=True, slots=True)
class LoggedIn:
    access_token: str
    refresh_token: str
    session_id: uuid.UUID
    user: User


@dataclass(frozen=True, slots=True)
class Authenticator:
    """What logging in needs besides the database; built once in bootstrap."""

    hasher: PasswordHasher
    throttle: LoginThrottle
    signer: TokenSigner
    session_lifetime: timedelta


def email_reference(email: str) -> str:
    """How logs name an address: a short hash, enough to link attempts, not to read the address."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:16]


def access_token(signer: TokenSigner, user: User, session_id: uuid.UUID) -> str:
    claims = AccessClaims(
        user.id, user.role.value, user.team_id, user.dso_id, user.language, session_id, user.name
    )
    return signer.sign(claims)


async def login(
    email: str, password: str, client_ip: str | None, uow: IdentityUnitOfWork, auth: Authenticator
) -> LoggedIn:
    """Open a login; LoginFailed for any wrong part, LoginThrottled after too many failures."""
    account = normalise_email(email)
    # Before any password is checked, so a throttled guess learns nothing, even when right.
    await auth.throttle.check(account, client_ip)
    async with uow:
        found = await uow.users.by_email(account)
    # Hashing happens outside any transaction: no database connection waits on the CPU.
    verification = await auth.hasher.verify(password, found.password_hash if found else None)
    if found is None or not verification.matches or not found.active:
        await auth.throttle.record_failure(account, client_ip)
        subject = f"user {found.id}" if found else f"e-mail {email_reference(account)}"
        log.warning("login failed for %s from %s: %s", subject, client_ip, _failure_reason(found))
        raise LoginFailed
    await auth.throttle.clear_account(account)
    now = datetime.now(UTC)
    async with uow:
        # Locked and read again: a deactivation or password change in the meantime wins.
        user = await uow.users.get(found.id, for_update=True)
        if user is None or not user.active or user.password_hash != found.password_hash:
            log.warning("login failed for user %s from %s: changed while logging in", found.id, client_ip)
            raise LoginFailed
        if verification.rehashed is not None:
            user.password_hash = verification.rehashed  # the stored hash's cost was outdated
            await uow.users.save(user)
        session, refresh_token = LoginSession.open(user.id, now, auth.session_lifetime, client_ip)
        uow.login_sessions.add(session)
        await uow.commit()
    log.info("login succeeded for user %s from %s (session %s)", user.id, client_ip, session.id)
    return LoggedIn(access_token(auth.signer, user, session.id), refresh_token, session.id, user)


def _failure_reason(user: User | None) -> str:
    if user is None:
        return "unknown e-mail"
    if not user.active:
        return "inactive"
    return "wrong password" if user.password_hash else "no password yet"


async def refresh(refresh_token: str, uow: IdentityUnitOfWork, signer: TokenSigner) -> str:
    """A new access token while the login is open and unexpired and its user active."""
    async with uow:
        session = await uow.login_sessions.by_refresh_token_hash(refresh_token_hash(refresh_token))
        if session is None or not session.is_open_at(datetime.now(UTC)):
            log.warning("refresh refused: %s", "no such session" if session is None else "session over")
            raise RefreshRefused
        user = await uow.users.get(session.user_id)
        if user is None or not user.active:
            log.warning("refresh refused for user %s: inactive", session.user_id)
            raise RefreshRefused
    log.info("access token refreshed for user %s (session %s)", user.id, session.id)
    return access_token(signer, user, session.id)


async def current_user(user_id: uuid.UUID, uow: IdentityUnitOfWork) -> User | None:
    """The user behind a valid access token, if they may still be signed in."""
    async with uow:
        user = await uow.users.get(user_id)
    if user is None or not user.active:
        log.warning("request refused for user %s: unknown or inactive", user_id)
        return None
    return user


async def logout(session_id: uuid.UUID, user_id: uuid.UUID, uow: IdentityUnitOfWork) -> bool:
    """End one of the user's own logins; False when the user has no such login."""
    async with uow:
        session = await uow.login_sessions.get(session_id)
        if session is None or session.user_id != user_id:
            log.warning("logout refused for user %s: session %s is not theirs", user_id, session_id)
            return False
        await uow.login_sessions.end(session_id, datetime.now(UTC))
        await uow.commit()
    log.info("logout of user %s (session %s)", user_id, session_id)
    return True


async def end_sessions(
    uow: IdentityUnitOfWork,
    user: User,
    reason: EndReason,
    keep_session_id: uuid.UUID | None = None,
) -> None:
    """Within the caller's open unit of work: end the user's open logins but `keep_session_id`, and
    tell the gateway (user.sessions_ended.v1), which drops the browser sessions built on them."""
    now = datetime.now(UTC)
    ended = await uow.login_sessions.end_open_of(user.id, now, keep=keep_session_id)
    uow.emit(
        UserSessionsEndedV1(
            user_id=user.id,
            ended_at=now,
            reason=reason,
            keep_session_id=str(keep_session_id) if keep_session_id else None,
        ),
        key=str(user.id),
        tenant=user.dso_id,
    )
    log.info("ended %d login(s) of user %s: %s", ended, user.id, reason)
