"""The bell's queries: in-app notifications by user, newest first."""

import uuid
from datetime import datetime

from sqlalchemy import func, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from notifications.adapters.tables import InAppNotificationRow
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.notification_page import PageCursor


class InAppNotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, notification: InAppNotification) -> bool:
        """False (and nothing written) if the user was already told of this notification's event."""
        statement = (
            insert(InAppNotificationRow)
            .values(
                id=notification.id,
                user_id=notification.user_id,
                kind=notification.kind.value,
                case_id=notification.case_id,
                parameters=dict(notification.parameters),
                created_at=notification.created_at,
                read_at=notification.read_at,
                source_event_id=notification.source_event_id,
            )
            .on_conflict_do_nothing(index_elements=["source_event_id", "user_id"])
            .returning(col(InAppNotificationRow.id))
        )
        return (await self._session.execute(statement)).first() is not None

    async def unread_count(self, user_id: uuid.UUID) -> int:
        statement = select(func.count()).where(
            InAppNotificationRow.user_id == user_id, col(InAppNotificationRow.read_at).is_(None)
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def newest(
        self, user_id: uuid.UUID, *, unread_only: bool, before: PageCursor | None, limit: int
    ) -> list[InAppNotification]:
        statement = select(InAppNotificationRow).where(InAppNotificationRow.user_id == user_id)
        if unread_only:
            statement = statement.where(col(InAppNotificationRow.read_at).is_(None))
        if before is not None:
            # A row comparison, as the index orders: (created_at, id) strictly before the cursor.
            position = tuple_(col(InAppNotificationRow.created_at), col(InAppNotificationRow.id))
            statement = statement.where(position < tuple_(before.created_at, before.id))
        statement = statement.order_by(
            col(InAppNotificationRow.created_at).desc(), col(InAppNotificationRow.id).desc()
        ).limit(limit)
        return [_notification(row) for row in (await self._session.execute(statement)).scalars()]

    async def mark_read(self, user_id: uuid.UUID, notification_id: uuid.UUID, now: datetime) -> bool | None:
        """True if it was unread and is read now, False if it was read already; None if the user has no
        such notification (someone else's is as unknown as one that does not exist)."""
        mine = (
            col(InAppNotificationRow.id) == notification_id,
            col(InAppNotificationRow.user_id) == user_id,
        )
        marked = await self._session.execute(
            update(InAppNotificationRow)
            .where(*mine, col(InAppNotificationRow.read_at).is_(None))
            .values(read_at=now)
            .returning(col(InAppNotificationRow.id))
        )
        if marked.first() is not None:
            return True
        found = await self._session.execute(select(InAppNotificationRow.id).where(*mine))
        return False if found.first() is not None else None

    async def mark_all_read(self, user_id: uuid.UUID, now: datetime) -> int:
        """How many were unread."""
        statement = (
            update(InAppNotificationRow)
            .where(col(InAppNotificationRow.user_id) == user_id, col(InAppNotificationRow.read_at).is_(None))
            .values(read_at=now)
            .returning(col(InAppNotificationRow.id))
        )
        return len((await self._session.execute(statement)).all())


def _notification(row: InAppNotificationRow) -> InAppNotification:
    return InAppNotification(
        id=row.id,
        user_id=row.user_id,
        kind=NotificationKind(row.kind),
        case_id=row.case_id,
        parameters=row.parameters,
        created_at=row.created_at,
        read_at=row.read_at,
        source_event_id=row.source_event_id,
    )
