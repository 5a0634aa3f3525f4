"""Helpers for the login and password tests: logging in over HTTP and reading what identity stored."""

import ipaddress
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update

from identity.adapters.tables import LoginSessionRow, PasswordLinkRow
from identity.adapters.uow import IdentityUnitOfWork
from servicekit.db.tables import outbox_message

UowFactory = Callable[[], IdentityUnitOfWork]


def fresh_ip() -> str:
    """An address no earlier run has counted failures for (Redis outlives a test run)."""
    return str(ipaddress.IPv6Address((0x20010DB8 << 96) | random.getrandbits(64)))


async def log_in(
    client: httpx.AsyncClient, email: str, password: str, ip: str | None = None
) -> httpx.Response:
    return await client.post(
        "/sessions", json={"email": email, "password": password, "client_ip": ip or fresh_ip()}
    )


async def events(uow_factory: UowFactory, event_type: str) -> list[dict[str, Any]]:
    """Payloads of the outbox's events of one type, oldest first."""
    query = (
        select(outbox_message.c.envelope)
        .where(outbox_message.c.event_type == event_type)
        .order_by(outbox_message.c.id)
    )
    async with uow_factory() as uow:
        return [envelope["payload"] for envelope in (await uow.session.execute(query)).scalars()]


async def link_tokens(uow_factory: UowFactory, email: str) -> list[str]:
    """The one-time tokens identity sent to `email` (as notifications would receive them)."""
    issued = await events(uow_factory, "password_link.issued.v1")
    return [payload["token"] for payload in issued if payload["email"] == email]


async def expire_links_of(uow_factory: UowFactory, user_id: uuid.UUID) -> None:
    past = datetime.now(UTC) - timedelta(minutes=1)
    async with uow_factory() as uow:
        await uow.session.execute(
            update(PasswordLinkRow).where(PasswordLinkRow.user_id == user_id).values(expires_at=past)  # type: ignore[arg-type]
        )
        await uow.commit()


async def expire_login(uow_factory: UowFactory, session_id: uuid.UUID) -> None:
    past = datetime.now(UTC) - timedelta(minutes=1)
    async with uow_factory() as uow:
        await uow.session.execute(
            update(LoginSessionRow).where(LoginSessionRow.id == session_id).values(expires_at=past)  # type: ignore[arg-type]
        )
        await uow.commit()


async def stored_password_hash(uow_factory: UowFactory, user_id: uuid.UUID) -> str | None:
    async with uow_factory() as uow:
        user = await uow.users.get(user_id)
    assert user is not None
    return user.password_hash
