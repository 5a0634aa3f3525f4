"""Identity's user events kept as the names cases shows (installers on lists, actors in histories) and
the DSO staff cases can be assigned to."""

from cases.adapters.uow import CasesUnitOfWork
from cases.service_layer.people import person_active, person_created, person_renamed
from contracts import EventEnvelope
from contracts.events.identity import UserCreatedV1, UserDeactivatedV1, UserReactivatedV1, UserUpdatedV1
from servicekit.messaging.consumer import EventHandler


def people_handlers() -> dict[str, EventHandler[CasesUnitOfWork]]:
    async def on_created(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        event = envelope.parsed(UserCreatedV1)
        await person_created(uow, event.user_id, event.name, event.team_id, event.dso_id, event.role)

    async def on_updated(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        event = envelope.parsed(UserUpdatedV1)
        await person_renamed(uow, event.user_id, event.name)

    async def on_deactivated(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        await person_active(uow, envelope.parsed(UserDeactivatedV1).user_id, active=False)

    async def on_reactivated(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        await person_active(uow, envelope.parsed(UserReactivatedV1).user_id, active=True)

    return {
        UserCreatedV1.event_type: on_created,
        UserUpdatedV1.event_type: on_updated,
        UserDeactivatedV1.event_type: on_deactivated,
        UserReactivatedV1.event_type: on_reactivated,
    }
