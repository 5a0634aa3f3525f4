"""Team-application events: account mails to the applicant's address (always sent: there is no user to
choose yet), the DSO's inbox, and the bell: a DSO's admins hear of a new application, the new team's
administrator of its approval."""

from contracts import EventEnvelope
from contracts.events.identity import (
    TeamApplicationApprovedV1,
    TeamApplicationRejectedV1,
    TeamApplicationSubmittedV1,
)
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.service_layer.application_notices import approval_notice, new_application_notice
from notifications.service_layer.mails import MailRenderer, record_mail
from notifications.service_layer.notify import notify_user, notify_users
from servicekit.messaging.consumer import EventHandler

# Events on the topic that notify nobody. The consumer ignores a type it has no handler for (no
# transaction, no inbox row, never the DLQ); naming them here makes each new type a decision (tested).
NOTIFY_NOBODY: frozenset[str] = frozenset()


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
        # Each admin of the DSO, in their own language: a bell, and the same mail as they choose (one
        # whose address is the DSO's inbox already has it: one mail per event, kind and address).
        admins = await uow.recipients.active_with_role(event.dso_id, "dso_admin")
        notice = new_application_notice(event, links)
        await notify_users(uow, renderer, notice, [admin.user_id for admin in admins], cause=envelope)

    async def on_approved(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        # The bell only: the administrator's mail is the welcome with the set-password link that follows.
        event = envelope.parsed(TeamApplicationApprovedV1)
        await notify_user(uow, renderer, approval_notice(event), event.admin_user_id, cause=envelope)

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
        TeamApplicationApprovedV1.event_type: on_approved,
        TeamApplicationRejectedV1.event_type: on_rejected,
    }
