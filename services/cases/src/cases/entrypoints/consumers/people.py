"""Identity's user events kept as the names cases shows (installers on lists, actors in histories)."""

from cases.adapters.uow import CasesUnitOfWork
from cases.service_layer.people import person_created, person_renamed
from contracts import EventEnvelope
from contracts.events.identity import UserCreatedV1, UserUpdatedV1
from servicekit.messaging.consumer import EventHandler


def people_handlers() -> dict[str, EventHandler[CasesUnitOfWork]]:
    async def on_created(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        event = envelope.parsed(UserCreatedV1)
        await person_created(uow, event.user_id, event.name, event.team_id, event.dso_id)

    async def on_updated(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        event = envelope.parsed(UserUpdatedV1)
        await person_renamed(uow, event.user_id, event.name)

    return {UserCreatedV1.event_type: on_created, UserUpdatedV1.event_type: on_updated}
