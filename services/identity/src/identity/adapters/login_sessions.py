"""Logins: stored by the hash of their refresh token; ended, never deleted (the audit trail stays)."""

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from identity.adapters.tables import LoginSessionRow
from identity.domain.login_session import LoginSession


class LoginSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, login: LoginSession) -> None:
        self._session.add(
            LoginSessionRow(
                id=login.id,
                user_id=login.user_id,
                refresh_token_sha256=login.refresh_token_sha256,
                created_at=login.created_at,
                expires_at=login.expires_at,
                ended_at=login.ended_at,
                client_ip=login.client_ip,
            )
        )

    async def get(self, session_id: uuid.UUID) -> LoginSession | None:
        row = await self._session.get(LoginSessionRow, session_id)
        return None if row is None else _login(row)

    async def by_refresh_token_hash(self, token_sha256: str) -> LoginSession | None:
        """Locked, so a refresh and a concurrent ending of the session happen one after the other."""
        query = (
            select(LoginSessionRow)
            .where(LoginSessionRow.refresh_token_sha256 == token_sha256)
            .with_for_update()
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _login(row)

    async def end(self, session_id: uuid.UUID, at: datetime) -> None:
        row = await self._session.get(LoginSessionRow, session_id, with_for_update=True)
        if row is not None and row.ended_at is None:
            row.ended_at = at

    async def end_open_of(self, user_id: uuid.UUID, at: datetime, *, keep: uuid.UUID | None = None) -> int:
        """Ends the user's unexpired open sessions but `keep`; how many were ended."""
        query = (
            select(LoginSessionRow)
            .where(
                LoginSessionRow.user_id == user_id,
                col(LoginSessionRow.ended_at).is_(None),
                col(LoginSessionRow.expires_at) > at,
            )
            .with_for_update()
        )
        if keep is not None:
            query = query.where(LoginSessionRow.id != keep)
        rows = list((await self._session.execute(query)).scalars())
        for row in rows:
            row.ended_at = at
        return len(rows)


def _login(row: LoginSessionRow) -> LoginSession:
    return LoginSession(
        id=row.id,
        user_id=row.user_id,
        refresh_token_sha256=row.refresh_token_sha256,
        created_at=row.created_at,
        expires_at=row.expires_at,
        ended_at=row.ended_at,
        client_ip=row.client_ip,
    )
