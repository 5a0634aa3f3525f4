"""Mails caused by case events: to the case's installer, when someone else moved the case and when a
draft of theirs is about to be deleted."""

from typing import Any

from contracts import EventEnvelope
from contracts.events.cases import (
    CaseAttachmentAddedV1,
    CaseCreatedV1,
    CaseStatusChangedV1,
    CaseSubmittedV1,
    DraftDeletedV1,
    DraftExpiringV1,
)
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.case_texts import case_type_name, status_label
from notifications.domain.links import PortalLinks
from notifications.domain.local_time import format_local_time
from notifications.domain.mail import Language
from notifications.service_layer.mails import MailRenderer
from notifications.service_layer.user_mails import mail_user
from servicekit.messaging.consumer import EventHandler

# Events on the topic that mail nobody. The consumer ignores a type it has no handler for (no
# transaction, no inbox row, never the DLQ); naming them here makes each new type a decision (tested).
# The team creates, sends, attaches to and deletes its own cases and sees them in the portal; a draft
# deleted by expiry was announced by case.draft_expiring.v1.
NO_MAIL: frozenset[str] = frozenset(
    {
        CaseCreatedV1.event_type,
        CaseSubmittedV1.event_type,
        CaseAttachmentAddedV1.event_type,
        DraftDeletedV1.event_type,
    }
)


def case_handlers(
    renderer: MailRenderer, links: PortalLinks
) -> dict[str, EventHandler[NotificationsUnitOfWork]]:
    async def on_status_changed(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(CaseStatusChangedV1)
        if event.actor_id == event.installer_id:
            return  # nobody is mailed about what they did themselves

        def context(language: Language) -> dict[str, Any]:
            return {
                "case_number": event.case_number,
                "case_type": case_type_name(event.case_type, language),
                "address": event.address,
                "status": status_label(event.to_status, language),
                "reason": event.reason,
                "case_url": links.case(event.case_id),
            }

        await mail_user(
            uow,
            renderer,
            user_id=event.installer_id,
            kind="case_status_changed",
            context=context,
            source_event_id=envelope.event_id,
        )

    async def on_draft_expiring(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(DraftExpiringV1)

        def context(language: Language) -> dict[str, Any]:
            return {
                "case_type": case_type_name(event.case_type, language),
                "address": event.address,
                "expires_at": format_local_time(event.expires_at, language),
                "case_url": links.case(event.case_id),
            }

        await mail_user(
            uow,
            renderer,
            user_id=event.installer_id,
            kind="case_draft_expiring",
            context=context,
            source_event_id=envelope.event_id,
        )

    return {
        CaseStatusChangedV1.event_type: on_status_changed,
        DraftExpiringV1.event_type: on_draft_expiring,
    }
