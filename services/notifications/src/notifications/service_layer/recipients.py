"""Use cases of the recipient directory: identity's user events, applied in the consumer's transaction.

Each is safe to apply twice (the inbox already prevents that for one consumer) and does nothing
harmful for a user it has not heard of: an update cannot create a user, as it lacks the language.
Logs name user ids only, never a name or an address.
"""

import logging
import uuid

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.recipient import Recipient

log = logging.getLogger(__name__)


async def add_recipient(uow: NotificationsUnitOfWork, recipient: Recipient) -> None:
    """A new user; one already known keeps what later events made of them."""
    if not await uow.recipients.add(recipient):
        log.info("user %s is already in the recipient directory; kept as it is", recipient.user_id)


async def change_recipient_contact(
    uow: NotificationsUnitOfWork, user_id: uuid.UUID, *, name: str, email: str
) -> None:
    """A user's new name and address (their language stays: user.updated.v1 does not carry it)."""
    if not await uow.recipients.change_contact(user_id, name=name, email=email):
        log.info("user %s is not in the recipient directory; update not applied", user_id)


async def set_recipient_active(uow: NotificationsUnitOfWork, user_id: uuid.UUID, *, active: bool) -> None:
    """A deactivated user is mailed nothing until reactivated."""
    if not await uow.recipients.set_active(user_id, active):
        log.info("user %s is not in the recipient directory; active=%s not applied", user_id, active)


async def name_of(uow: NotificationsUnitOfWork, user_id: uuid.UUID) -> str | None:
    """Who acted, as the directory knows them; None for someone it does not (a DSO's automatic rule)."""
    recipient = await uow.recipients.get(user_id)
    return recipient.name if recipient else None
