"""The recipient directory kept from identity's user events (no mail: users.py mails the links): name,
address and language for mails, role and DSO to find a DSO's admins.

A consumer of its own, not more handlers on users.py's: a new consumer group starts at the topic's
earliest retained event, so the directory learns the users created before it existed, as far as the
topic still holds them; in a running system the mail consumer's group is long past them.
"""

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
from notifications.domain.recipient import Recipient
from notifications.service_layer.recipients import (
    add_recipient,
    change_recipient_contact,
    set_recipient_active,
)
from servicekit.messaging.consumer import EventHandler

# Events on the topic that change nothing a mail needs; each new type is a decision (tested).
NOT_IN_DIRECTORY: frozenset[str] = frozenset(
    {PasswordLinkIssuedV1.event_type, UserSessionsEndedV1.event_type}
)


def user_directory_handlers() -> dict[str, EventHandler[NotificationsUnitOfWork]]:
    async def on_created(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(UserCreatedV1)
        recipient = Recipient(
            event.user_id,
            event.name,
            str(event.email),
            event.language,
            active=True,
            role=event.role,
            dso_id=event.dso_id,
        )
        await add_recipient(uow, recipient)

    async def on_updated(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        event = envelope.parsed(UserUpdatedV1)
        await change_recipient_contact(uow, event.user_id, name=event.name, email=str(event.email))

    async def on_deactivated(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        await set_recipient_active(uow, envelope.parsed(UserDeactivatedV1).user_id, active=False)

    async def on_reactivated(envelope: EventEnvelope, uow: NotificationsUnitOfWork) -> None:
        await set_recipient_active(uow, envelope.parsed(UserReactivatedV1).user_id, active=True)

    return {
        UserCreatedV1.event_type: on_created,
        UserUpdatedV1.event_type: on_updated,
        UserDeactivatedV1.event_type: on_deactivated,
        UserReactivatedV1.event_type: on_reactivated,
    }
