"""Case events: who hears of them (domain/audience.py) gets a notification in the bell and, as they
choose, a mail. The subscription keeps its old name, "case-mail": a new name is a new consumer group,
which would read the topic from its start and ring every bell for cases long settled."""

from contracts import EventEnvelope
from contracts.events.cases import (
    CaseAttachmentAddedV1,
    CaseCreatedV1,
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
    CaseSubmittedV1,
    DraftDeletedV1,
    DraftExpiringV1,
)
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.audience import (
    hear_of_assignment,
    hear_of_expiring_draft,
    hear_of_installer_change,
    hear_of_note,
    hear_of_status_change,
)
from notifications.domain.links import PortalLinks
from notifications.service_layer.case_notices import (
    assignment_notice,
    expiring_draft_notice,
    installer_change_notice,
    note_notice,
    status_notice,
)
from notifications.service_layer.mails import MailRenderer
from notifications.service_layer.notify import notify_users
from notifications.service_layer.recipients import name_of
from servicekit.messaging.consumer import EventHandler

# Events on the topic that notify nobody. The consumer ignores a type it has no handler for (no
# transaction, no inbox row, never the DLQ); naming them here makes each new type a decision (tested).
# The team creates, sends, attaches to and deletes its own cases and sees them in the portal (the DSO's
# queue shows what was sent); a draft deleted by expiry was announced by case.draft_expiring.v1.
NOTIFY_NOBODY: frozenset[str] = frozenset(
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
        if audience := hear_of_status_change(event):
            notice = status_notice(event, links, await name_of(uow, event.actor_id))
            await notify_users(uow, renderer, notice, audience, cause=envelope)

    async def on_note_added(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(CaseNoteAddedV1)
        await notify_users(uow, renderer, note_notice(event, links), hear_of_note(event), cause=envelope)

    async def on_handler_assigned(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(CaseHandlerAssignedV1)
        if audience := hear_of_assignment(event):
            notice = assignment_notice(event, links, await name_of(uow, event.assigned_by))
            await notify_users(uow, renderer, notice, audience, cause=envelope)

    async def on_installer_changed(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(CaseInstallerChangedV1)
        if audience := hear_of_installer_change(event):
            notice = installer_change_notice(event, links, await name_of(uow, event.changed_by))
            await notify_users(uow, renderer, notice, audience, cause=envelope)

    async def on_draft_expiring(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(DraftExpiringV1)
        notice = expiring_draft_notice(event, links)
        await notify_users(uow, renderer, notice, hear_of_expiring_draft(event), cause=envelope)

    return {
        CaseStatusChangedV1.event_type: on_status_changed,
        CaseNoteAddedV1.event_type: on_note_added,
        CaseHandlerAssignedV1.event_type: on_handler_assigned,
        CaseInstallerChangedV1.event_type: on_installer_changed,
        DraftExpiringV1.event_type: on_draft_expiring,
    }
