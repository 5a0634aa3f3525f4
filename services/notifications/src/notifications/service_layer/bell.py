"""Use cases of the bell, for its owner only: read a page, count the unread, mark read.

Marking read tells the user's other open pages (in_app_notifications.read.v1, through the outbox) only
when something changed, so a second click is silent.
"""

import uuid
from datetime import datetime

from contracts.events.notifications import InAppNotificationsReadV1
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.notification_page import NotificationPage, PageCursor


class NotificationNotFound(Exception):
    """No such notification in this user's bell (another user's is not theirs to see or mark)."""


async def notification_page(
    uow: NotificationsUnitOfWork,
    user_id: uuid.UUID,
    *,
    unread_only: bool,
    before: PageCursor | None,
    limit: int,
) -> NotificationPage:
    async with uow:
        # One more than asked: whether there is a next page, without counting them all.
        items = await uow.in_app.newest(user_id, unread_only=unread_only, before=before, limit=limit + 1)
        unread = await uow.in_app.unread_count(user_id)
    more = len(items) > limit
    items = items[:limit]
    return NotificationPage(items, unread, PageCursor.after(items[-1]) if more else None)


async def unread_count(uow: NotificationsUnitOfWork, user_id: uuid.UUID) -> int:
    async with uow:
        return await uow.in_app.unread_count(user_id)


async def mark_read(
    uow: NotificationsUnitOfWork,
    user_id: uuid.UUID,
    notification_id: uuid.UUID,
    *,
    tenant: str | None,
    now: datetime,
) -> int:
    """The user's unread count after; NotificationNotFound for a notification not in their bell."""
    async with uow:
        changed = await uow.in_app.mark_read(user_id, notification_id, now)
        if changed is None:
            raise NotificationNotFound(notification_id)
        unread = await uow.in_app.unread_count(user_id)
        if changed:
            _tell_other_pages(uow, user_id, unread, tenant=tenant, now=now)
        await uow.commit()
    return unread


async def mark_all_read(
    uow: NotificationsUnitOfWork, user_id: uuid.UUID, *, tenant: str | None, now: datetime
) -> int:
    """The user's unread count after: 0, unless one arrived meanwhile."""
    async with uow:
        changed = await uow.in_app.mark_all_read(user_id, now)
        unread = await uow.in_app.unread_count(user_id)
        if changed:
            _tell_other_pages(uow, user_id, unread, tenant=tenant, now=now)
        await uow.commit()
    return unread


def _tell_other_pages(
    uow: NotificationsUnitOfWork, user_id: uuid.UUID, unread: int, *, tenant: str | None, now: datetime
) -> None:
    event = InAppNotificationsReadV1(user_id=user_id, unread=unread, read_at=now)
    uow.emit(event, key=str(user_id), tenant=tenant)
