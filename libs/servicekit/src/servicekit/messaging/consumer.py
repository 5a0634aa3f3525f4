"""The idempotent consumer: inbox de-duplication, bounded retries, then the dead-letter topic.

`handle` returns only when the event is handled, was a duplicate, was ignored, or sits safely in the
DLQ; if even the DLQ cannot take it, it raises so the message is not acknowledged and comes back
(never committing past a failed message: FastStream/Kafka would otherwise skip it once a later one
succeeds).
"""

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from pydantic import ValidationError

from contracts import EventEnvelope
from servicekit.correlation import reset_correlation_id, set_correlation_id
from servicekit.db.uow import UnitOfWork
from servicekit.messaging.inbox import claim_event

log = logging.getLogger(__name__)

U = TypeVar("U", bound=UnitOfWork)
EventHandler = Callable[[EventEnvelope, U], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Delivery:
    """One Kafka record as it arrived."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: Sequence[tuple[str, bytes]]


class Outcome(enum.Enum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class DeadLetterSink(Protocol):
    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        """Park the record on `<topic>.dlq`; raise if it is not acknowledged."""


class EventConsumer(Generic[U]):
    def __init__(
        self,
        *,
        name: str,
        uow_factory: Callable[[], U],
        handlers: Mapping[str, EventHandler[U]],
        dead_letters: DeadLetterSink,
        max_attempts: int = 5,
        first_retry_delay: float = 0.05,
        after_commit: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self._uow_factory = uow_factory
        self._handlers = dict(handlers)
        self._dead_letters = dead_letters
        self._max_attempts = max_attempts
        self._first_retry_delay = first_retry_delay
        self._after_commit = after_commit

    @property
    def event_types(self) -> frozenset[str]:
        return frozenset(self._handlers)

    async def handle(self, delivery: Delivery) -> Outcome:
        try:
            envelope = EventEnvelope.model_validate_json(delivery.value)
        except ValidationError as error:
            # Unreadable now means unreadable forever: no point retrying.
            await self._dead_letter(delivery, f"not an event envelope: {error.error_count()} errors", 1)
            return Outcome.DEAD_LETTERED
        handler = self._handlers.get(envelope.type)
        if handler is None:
            return Outcome.IGNORED
        token = set_correlation_id(envelope.correlation_id)
        try:
            return await self._handle_with_retries(delivery, envelope, handler)
        finally:
            reset_correlation_id(token)

    async def _handle_with_retries(
        self, delivery: Delivery, envelope: EventEnvelope, handler: EventHandler[U]
    ) -> Outcome:
        delay = self._first_retry_delay
        for attempt in range(1, self._max_attempts + 1):
            try:
                # A fresh unit of work per attempt: a failed transaction leaves nothing behind.
                async with self._uow_factory() as uow:
                    if not await claim_event(
                        uow.session, consumer=self.name, event_id=envelope.event_id, event_type=envelope.type
                    ):
                        return Outcome.DUPLICATE
                    await handler(envelope, uow)
                    await uow.commit()
                if self._after_commit:
                    self._after_commit()  # e.g. wake a worker that acts on what the handler recorded
                return Outcome.HANDLED
            except Exception as error:
                log.warning(
                    "%s failed to handle %s %s (attempt %d of %d): %s",
                    self.name,
                    envelope.type,
                    envelope.event_id,
                    attempt,
                    self._max_attempts,
                    type(error).__name__,
                )
                if attempt == self._max_attempts:
                    await self._dead_letter(delivery, f"{type(error).__name__}: {error}", attempt)
                    return Outcome.DEAD_LETTERED
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    async def _dead_letter(self, delivery: Delivery, error: str, attempts: int) -> None:
        log.error("%s parks %s@%d on the DLQ: %s", self.name, delivery.topic, delivery.offset, error)
        await self._dead_letters.send(delivery, consumer=self.name, error=error[:2000], attempts=attempts)
