"""The unit of work: one business transaction. Repositories share its session, events join the same
transaction through the outbox, and only the unit of work commits."""

from types import TracebackType
from typing import Self

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import EventEnvelope, EventPayload
from servicekit.correlation import current_correlation_id
from servicekit.db.tables import OUTBOX_CHANNEL, outbox_message
from servicekit.telemetry import inject_trace_headers


class UnitOfWork:
    """Subclass per service and build repositories in `_start` from `self.session`."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], *, source: str) -> None:
        self._session_factory = session_factory
        self._source = source
        self._pending: list[tuple[EventEnvelope, str, dict[str, str]]] = []
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use `async with uow:`")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self._pending = []
        self._start()
        return self

    def _start(self) -> None:
        """Hook for subclasses: create repositories on `self.session`."""

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # Whatever was not committed is undone, events included.
        try:
            await self.rollback()
        finally:
            await self.session.close()
            self._session = None

    def emit(self, payload: EventPayload, *, key: str, tenant: str | None) -> EventEnvelope:
        """Record an event; it is written with the next commit and published by the relay after it."""
        envelope = EventEnvelope.wrap(
            payload, key=key, source=self._source, tenant=tenant, correlation_id=current_correlation_id()
        )
        headers = {
            **inject_trace_headers(),
            "event_type": envelope.type,
            "correlation_id": envelope.correlation_id,
        }
        self._pending.append((envelope, payload.topic.name, headers))
        return envelope

    async def flush(self) -> None:
        """Write the rows added so far. Call it before adding a row that references them by foreign key:
        without ORM relationships SQLAlchemy does not order INSERTs of different tables by dependency."""
        await self.session.flush()

    async def commit(self) -> None:
        """Write pending events into the outbox and commit them with the state change, atomically."""
        if self._pending:
            await self.session.execute(
                insert(outbox_message),
                [
                    {
                        "event_id": envelope.event_id,
                        "topic": topic,
                        "key": envelope.key,
                        "event_type": envelope.type,
                        "envelope": envelope.model_dump(mode="json"),
                        "headers": headers,
                    }
                    for envelope, topic, headers in self._pending
                ],
            )
            # Delivered by PostgreSQL only if the transaction commits: wakes the relay without polling.
            await self.session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": OUTBOX_CHANNEL})
        await self.session.commit()
        self._pending = []

    async def rollback(self) -> None:
        """Undo the transaction and forget its events."""
        self._pending = []
        await self.session.rollback()
