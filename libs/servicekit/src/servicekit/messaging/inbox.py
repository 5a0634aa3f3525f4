"""The inbox: a consumer records each event id in the same transaction as the handler's effect."""

import uuid
from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db.tables import processed_event


async def claim_event(session: AsyncSession, *, consumer: str, event_id: uuid.UUID, event_type: str) -> bool:
    """True the first time this consumer sees the event; False for a re-delivery (do nothing then).

    A concurrent duplicate blocks on the primary key until the first transaction ends, then sees it.
    """
    statement = (
        insert(processed_event)
        .values(consumer=consumer, event_id=event_id, event_type=event_type)
        .on_conflict_do_nothing()
        .returning(processed_event.c.event_id)
    )
    return (await session.execute(statement)).first() is not None


async def claim_events(
    session: AsyncSession, *, consumer: str, events: Sequence[tuple[uuid.UUID, str]]
) -> set[uuid.UUID]:
    """`claim_event` for many events in one statement: the ids seen for the first time."""
    if not events:
        return set()
    statement = (
        insert(processed_event)
        .values(
            [{"consumer": consumer, "event_id": event_id, "event_type": type_} for event_id, type_ in events]
        )
        .on_conflict_do_nothing()
        .returning(processed_event.c.event_id)
    )
    return set((await session.execute(statement)).scalars())
