"""Mails caused by team-application events."""

from contracts import EventEnvelope
from contracts.events.identity import (
    TeamApplicationApprovedV1,
    TeamApplicationRejectedV1,
    TeamApplicationSubmittedV1,
)
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.service_layer.mails import MailRenderer, record_mail
from servicekit.messaging.consumer import EventHandler

# Events on the topic that mail nobody. The consumer ignores a type it has no handler for (no
# transaction, no inbox row, never the DLQ); naming them here makes each new type a decision (tested).
# Approval: the administrator hears of it in the welcome mail with the set-password link that follows.
NO_MAIL: frozenset[str] = frozenset({TeamApplicationApprovedV1.event_type})


def team_application_handlers(
    renderer: MailRenderer, links: PortalLinks
) -> dict[str, EventHandler[NotificationsUnitOfWork]]:
    async def on_submitted(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(TeamApplicationSubmittedV1)
        context = {
            "contact_name": event.contact_name,
            "contact_email": str(event.contact_email),
            "company_name": event.company_name,
            "organisation_number": event.organisation_number,
            "dso_name": event.dso_name,
            "application_id": str(event.application_id),
        }
        await record_mail(
            uow,
            renderer,
            kind="team_application_submitted",
            recipient=str(event.contact_email),
            language=event.language,
            context=context,
            source_event_id=envelope.event_id,
        )
        if event.dso_contact_email:
            # The event carries no language for the DSO: the applicant's is the best guess there is
            # (a Danish applicant most likely applied to a Danish DSO).
            await record_mail(
                uow,
                renderer,
                kind="team_application_received_by_dso",
                recipient=str(event.dso_contact_email),
                language=event.language,
                context={**context, "review_url": links.dso_application(event.application_id)},
                source_event_id=envelope.event_id,
            )

    async def on_rejected(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(TeamApplicationRejectedV1)
        await record_mail(
            uow,
            renderer,
            kind="team_application_rejected",
            recipient=str(event.contact_email),
            language=event.language,
            context={
                "contact_name": event.contact_name,
                "company_name": event.company_name,
                "dso_name": event.dso_name,
                "reason": event.reason,
                "application_id": str(event.application_id),
            },
            source_event_id=envelope.event_id,
        )

    return {
        TeamApplicationSubmittedV1.event_type: on_submitted,
        TeamApplicationRejectedV1.event_type: on_rejected,
    }
