"""Case and bell events to the open pages of those who may see them (domain/live_updates.py). Pushing
twice is harmless (a page refreshes what it shows), so a redelivery needs no more than the inbox."""

from contracts import EventEnvelope
from gateway.adapters.live_channel import LiveChannel
from gateway.domain.live_updates import BELL_EVENTS, CASE_EVENTS_FOR_TEAM, pushes_for
from servicekit.db.uow import UnitOfWork
from servicekit.messaging.consumer import EventHandler


def live_update_handlers(channel: LiveChannel, event_types: set[str]) -> dict[str, EventHandler[UnitOfWork]]:
    async def push(envelope: EventEnvelope, uow: UnitOfWork) -> None:
        for update in pushes_for(envelope.type, envelope.payload):
            await channel.publish(update.channel, update.message)

    return dict.fromkeys(event_types, push)


LIVE_UPDATES = set(CASE_EVENTS_FOR_TEAM) | set(BELL_EVENTS)
