"""Ends browser sessions when identity ends a user's logins (deactivation, password set or changed)."""

import logging

from contracts import EventEnvelope
from contracts.events.identity import UserDeactivatedV1, UserSessionsEndedV1
from gateway.adapters.session_store import RedisSessionStore
from servicekit.db.uow import UnitOfWork
from servicekit.messaging.consumer import EventHandler

log = logging.getLogger(__name__)


def session_handlers(store: RedisSessionStore) -> dict[str, EventHandler[UnitOfWork]]:
    # Deleting a session twice is harmless, so a redelivery after the Redis step is safe.
    async def on_sessions_ended(envelope: EventEnvelope, uow: UnitOfWork) -> None:
        event = envelope.parsed(UserSessionsEndedV1)
        ended = await store.end_sessions_of(
            str(event.user_id), keep_identity_session_id=event.keep_session_id
        )
        log.info("ended %d browser session(s) of user %s (%s)", ended, event.user_id, event.reason)

    async def on_deactivated(envelope: EventEnvelope, uow: UnitOfWork) -> None:
        event = envelope.parsed(UserDeactivatedV1)
        ended = await store.end_sessions_of(str(event.user_id))
        log.info("ended %d browser session(s) of deactivated user %s", ended, event.user_id)

    return {
        UserSessionsEndedV1.event_type: on_sessions_ended,
        UserDeactivatedV1.event_type: on_deactivated,
    }
