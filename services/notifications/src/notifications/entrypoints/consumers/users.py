"""Mails caused by user events: the one-time set-password links."""

from contracts import EventEnvelope
from contracts.events.identity import (
    PasswordLinkIssuedV1,
    UserCreatedV1,
    UserDeactivatedV1,
    UserReactivatedV1,
    UserSessionsEndedV1,
    UserUpdatedV1,
)
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.domain.local_time import format_local_time
from notifications.service_layer.mails import MailRenderer, record_mail
from servicekit.messaging.consumer import EventHandler

# Events on the topic that mail nobody. The consumer ignores a type it has no handler for (no
# transaction, no inbox row, never the DLQ); naming them here makes each new type a decision (tested).
# A new account hears of itself through its welcome link; the rest are the portal's business. The
# recipient directory is kept from them by a consumer of its own (user_directory.py).
NO_MAIL: frozenset[str] = frozenset(
    {
        UserCreatedV1.event_type,
        UserUpdatedV1.event_type,
        UserDeactivatedV1.event_type,
        UserReactivatedV1.event_type,
        UserSessionsEndedV1.event_type,
    }
)


def user_handlers(
    renderer: MailRenderer, links: PortalLinks
) -> dict[str, EventHandler[NotificationsUnitOfWork]]:
    async def on_password_link_issued(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(PasswordLinkIssuedV1)
        # The lifetime identity gave the link (30 minutes today), not a constant of ours.
        valid_minutes = max(1, round((event.expires_at - envelope.occurred_at).total_seconds() / 60))
        context = {
            "name": event.name,
            "dso_name": event.dso_name,
            "link": links.set_password(event.token),
            "valid_minutes": valid_minutes,
            "expires_at": format_local_time(event.expires_at, event.language),
        }
        if event.team_name is not None:
            # Only when given: a welcome mail without it fails the render (StrictUndefined) and is
            # retried, then parked on the DLQ, rather than greeting someone on behalf of "None".
            context["team_name"] = event.team_name
        await record_mail(
            uow,
            renderer,
            kind=event.purpose,
            recipient=str(event.email),
            language=event.language,
            context=context,
            source_event_id=envelope.event_id,
        )

    return {PasswordLinkIssuedV1.event_type: on_password_link_issued}
