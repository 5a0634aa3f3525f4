"""One-time set-password links: only the SHA-256 of a link's token is stored."""

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from identity.adapters.tables import PasswordLinkRow
from identity.domain.password_link import PasswordLink


class PasswordLinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, link: PasswordLink) -> None:
        self._session.add(
            PasswordLinkRow(
                id=link.id,
                user_id=link.user_id,
                token_sha256=link.token_sha256,
                purpose=link.purpose,
                created_at=link.created_at,
                expires_at=link.expires_at,
                used_at=link.used_at,
            )
        )

    async def by_token_hash(self, token_sha256: str) -> PasswordLink | None:
        query = select(PasswordLinkRow).where(PasswordLinkRow.token_sha256 == token_sha256).with_for_update()
        row = (await self._session.execute(query)).scalar_one_or_none()
        if row is None:
            return None
        return PasswordLink(
            id=row.id,
            user_id=row.user_id,
            token_sha256=row.token_sha256,
            purpose=row.purpose,  # type: ignore[arg-type]
            created_at=row.created_at,
            expires_at=row.expires_at,
            used_at=row.used_at,
        )

    async def mark_used(self, link_id: uuid.UUID, at: datetime) -> None:
        row = await self._session.get(PasswordLinkRow, link_id)
        if row is not None:
            row.used_at = at

    async def expire_unused_of(self, user_id: uuid.UUID, at: datetime) -> None:
        """Older links of the user stop working when a newer one is used (one way in at a time)."""
        query = select(PasswordLinkRow).where(
            PasswordLinkRow.user_id == user_id,
            PasswordLinkRow.used_at.is_(None),  # type: ignore[union-attr]
        )
        for row in (await self._session.execute(query)).scalars():
            row.used_at = at
