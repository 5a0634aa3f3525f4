"""Telling users of an event: a notification in their bell and, if they chose so, a mail; both in the
consumer's transaction, once per event and user.

The bell decides the mail: a user's mail is queued only with the notification that is new, so an event
delivered again (the same consumer: the inbox; another consumer name: the notification's unique key)
neither rings nor mails twice.
"""

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts import EventEnvelope
from contracts.events.notifications import InAppNotificationCreatedV1
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.mail import Language
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.preferences import wants_mail
from notifications.domain.recipient import Recipient
from notifications.service_layer.mails import MailRenderer, record_mail

log = logging.getLogger(__name__)

MailContext = Callable[[Language], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Notice:
    """What one event tells each of its audience: the bell's facts, and the mail that may go with them."""

    kind: NotificationKind
    parameters: Mapping[str, str] = field(default_factory=dict)
    case_id: uuid.UUID | None = None
    # The mail's template and its context in the reader's language (`name` is added); None: bell only.
    mail_kind: str | None = None
    mail_context: MailContext | None = None


async def notify_users(
    uow: NotificationsUnitOfWork,
    renderer: MailRenderer,
    notice: Notice,
    user_ids: Iterable[uuid.UUID],
    *,
    cause: EventEnvelope,
) -> None:
    for user_id in user_ids:
        await notify_user(uow, renderer, notice, user_id, cause=cause)


async def notify_user(
    uow: NotificationsUnitOfWork,
    renderer: MailRenderer,
    notice: Notice,
    user_id: uuid.UUID,
    *,
    cause: EventEnvelope,
) -> InAppNotification | None:
    """The new notification; None for a deactivated user or one already told of this event.

    A user the directory does not know still gets the notification (the event names them, so identity
    has them), but no mail: there is no address. Their `user.created.v1` comes long before anything can
    happen to a case of theirs, so this is a gap in the directory (an account older than the directory
    and than identity.users' retention), which no retry fills; the consumer's retries would only park
    the event on the DLQ. Logs name ids only.
    """
    recipient = await uow.recipients.get(user_id)
    if recipient is not None and not recipient.active:
        log.info(
            "no %s notification for event %s: user %s is deactivated", notice.kind, cause.event_id, user_id
        )
        return None
    notification = InAppNotification(
        user_id=user_id,
        kind=notice.kind,
        # When it happened, not when this consumer got to it (after an outage, all at once).
        created_at=cause.occurred_at,
        parameters=notice.parameters,
        case_id=notice.case_id,
        source_event_id=cause.event_id,
    )
    if not await uow.in_app.add(notification):
        log.info("user %s was already notified of event %s; not again", user_id, cause.event_id)
        return None
    uow.emit(
        InAppNotificationCreatedV1(
            notification_id=notification.id,
            user_id=user_id,
            kind=notice.kind.value,
            case_id=notice.case_id,
            unread=await uow.in_app.unread_count(user_id),
            created_at=notification.created_at,
        ),
        key=str(user_id),
        tenant=cause.tenant,
    )
    if recipient is None:
        log.info("no %s mail for event %s: user %s is unknown", notice.kind, cause.event_id, user_id)
    elif notice.mail_kind and notice.mail_context:
        await _mail_if_wanted(uow, renderer, notice, recipient, cause)
    return notification


async def _mail_if_wanted(
    uow: NotificationsUnitOfWork,
    renderer: MailRenderer,
    notice: Notice,
    recipient: Recipient,
    cause: EventEnvelope,
) -> None:
    assert notice.mail_kind is not None and notice.mail_context is not None
    if not wants_mail(notice.kind, await uow.preferences.chosen(recipient.user_id)):
        log.info(
            "no %s mail for event %s: user %s chose none", notice.kind, cause.event_id, recipient.user_id
        )
        return
    await record_mail(
        uow,
        renderer,
        kind=notice.mail_kind,
        recipient=recipient.email,
        language=recipient.language,
        context={**notice.mail_context(recipient.language), "name": recipient.name},
        source_event_id=cause.event_id,
    )
