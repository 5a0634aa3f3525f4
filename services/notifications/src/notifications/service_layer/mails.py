"""Use cases of outgoing mail: record one (in the caller's transaction), deliver what is due."""

import logging
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.mail import Language, MailStatus, OutgoingMail, RenderedMail

log = logging.getLogger(__name__)


class MailRenderer(Protocol):
    def render(self, kind: str, language: Language, context: Mapping[str, Any]) -> RenderedMail: ...


class MailSender(Protocol):
    async def send(self, mail: OutgoingMail) -> None: ...


async def record_mail(
    uow: NotificationsUnitOfWork,
    renderer: MailRenderer,
    *,
    kind: str,
    recipient: str,
    language: Language,
    context: Mapping[str, Any],
    source_event_id: uuid.UUID | None = None,
) -> OutgoingMail | None:
    """Render and queue a mail in the open unit of work; it is sent after the commit.

    None if the source event's mail of this kind is already in the log: an event mails once.
    """
    mail = OutgoingMail(
        recipient=recipient,
        language=language,
        kind=kind,
        content=renderer.render(kind, language, context),
        source_event_id=source_event_id,
    )
    if not await uow.mails.add(mail):
        log.info("%s mail for event %s is already in the log; not queued again", kind, source_event_id)
        return None
    log.info("mail %s (%s) to @%s queued", mail.id, kind, mail.recipient_domain)
    return mail


async def deliver_due_mails(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    sender: MailSender,
    *,
    max_attempts: int,
    batch: int = 50,
) -> int:
    """Send due mails; each is marked sent or rescheduled in the same transaction that locked it.

    A crash between the SMTP hand-over and the commit sends that mail again (same Message-ID).
    """
    async with uow_factory() as uow:
        mails = await uow.mails.due(datetime.now(UTC), batch)
        for mail in mails:
            try:
                await sender.send(mail)
                mail.mark_sent(datetime.now(UTC))
                log.info("mail %s (%s) to @%s sent", mail.id, mail.kind, mail.recipient_domain)
            except Exception as error:
                mail.mark_failed_attempt(f"{type(error).__name__}: {error}", datetime.now(UTC), max_attempts)
                # The error's type only: SMTP answers may quote the message, and mails carry links.
                log.log(
                    logging.ERROR if mail.status is MailStatus.FAILED else logging.WARNING,
                    "mail %s (%s) to @%s failed (attempt %d, now %s): %s",
                    mail.id,
                    mail.kind,
                    mail.recipient_domain,
                    mail.attempts,
                    mail.status.value,
                    type(error).__name__,
                )
            await uow.mails.save(mail)
        await uow.commit()
    return len(mails)
