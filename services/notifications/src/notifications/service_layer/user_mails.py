"""Mails to a user whom an event names by id only: address and language from the recipient directory."""

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.mail import Language, OutgoingMail
from notifications.service_layer.mails import MailRenderer, record_mail

log = logging.getLogger(__name__)


async def mail_user(
    uow: NotificationsUnitOfWork,
    renderer: MailRenderer,
    *,
    user_id: uuid.UUID,
    kind: str,
    context: Callable[[Language], Mapping[str, Any]],
    source_event_id: uuid.UUID,
) -> OutgoingMail | None:
    """Queue a mail to the user in their language (`context` gets it; `name` is added); None for a
    deactivated or unknown user, logged with ids only.

    An unknown user is not retried. Their `user.created.v1` comes long before any case of theirs can
    move (account, password, draft, send, a DSO's decision), so it is missing only where the directory
    has a gap: an account older than the directory and than identity.users' retention. No retry fills
    that, and the consumer's retries (5 in about a second) would only park the event on the DLQ. The
    price is one lost mail in the rare race after a long outage, when this topic's consumer may run
    ahead of the directory's; the portal still shows the case.
    """
    recipient = await uow.recipients.get(user_id)
    if recipient is None or not recipient.active:
        state = "unknown" if recipient is None else "deactivated"
        log.info("no %s mail for event %s: user %s is %s", kind, source_event_id, user_id, state)
        return None
    return await record_mail(
        uow,
        renderer,
        kind=kind,
        recipient=recipient.email,
        language=recipient.language,
        context={**context(recipient.language), "name": recipient.name},
        source_event_id=source_event_id,
    )
