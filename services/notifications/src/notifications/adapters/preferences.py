"""Users' mail choices per kind of notification (only the choices made: no row is the default)."""

import uuid
from collections.abc import Mapping

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from notifications.adapters.tables import NotificationPreferenceRow
from notifications.domain.notification import NotificationKind


class PreferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def chosen(self, user_id: uuid.UUID) -> dict[NotificationKind, bool]:
        statement = select(NotificationPreferenceRow).where(NotificationPreferenceRow.user_id == user_id)
        rows = (await self._session.execute(statement)).scalars()
        # A kind this version no longer knows is skipped rather than failing the user's settings.
        known = {kind.value for kind in NotificationKind}
        return {NotificationKind(row.kind): row.mail for row in rows if row.kind in known}

    async def choose(self, user_id: uuid.UUID, mail: Mapping[NotificationKind, bool]) -> None:
        if not mail:
            return
        statement = insert(NotificationPreferenceRow).values(
            [{"user_id": user_id, "kind": kind.value, "mail": wanted} for kind, wanted in mail.items()]
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "kind"], set_={"mail": statement.excluded.mail}
            )
        )
