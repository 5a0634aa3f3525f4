"""The events a test's actions put in the cases outbox (the relay publishes them; here we read the table)."""

from typing import Any

from sqlalchemy import select

from servicekit.db.tables import outbox_message

from .conftest import UowFactory


async def events_of(uow_factory: UowFactory, case_id: str) -> list[dict[str, Any]]:
    """Envelopes about one case, in the order they were written."""
    async with uow_factory() as uow:
        rows = await uow.session.execute(
            select(outbox_message.c.envelope)
            .where(outbox_message.c.key == case_id)
            .order_by(outbox_message.c.id)
        )
        return [row.envelope for row in rows]
