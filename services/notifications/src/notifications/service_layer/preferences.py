"""Use cases of a user's mail preferences: which kinds of notification also come as mail."""

import uuid
from collections.abc import Mapping

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.notification import NotificationKind
from notifications.domain.preferences import mail_choices


async def mail_preferences(
    uow: NotificationsUnitOfWork, user_id: uuid.UUID, role: str
) -> dict[NotificationKind, bool]:
    """The kinds the role can receive, each with the mail choice in effect (the default if never made)."""
    async with uow:
        return mail_choices(role, await uow.preferences.chosen(user_id))


async def choose_mail(
    uow: NotificationsUnitOfWork, user_id: uuid.UUID, role: str, choices: Mapping[NotificationKind, bool]
) -> dict[NotificationKind, bool]:
    """Set the given kinds (the others keep theirs); the preferences in effect after."""
    async with uow:
        await uow.preferences.choose(user_id, choices)
        chosen = await uow.preferences.chosen(user_id)
        await uow.commit()
    return mail_choices(role, chosen)
