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
from servicekit.messaging.inbox import claim_event, claim_events

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
        batch_size: int = 1,
    ) -> None:
        """`batch_size` > 1: records that are waiting are handled up to that many in one transaction
        (`handle_batch`), for a consumer that must keep up with bursts of small events."""
        self.name = name
        self.batch_size = batch_size
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

    async def handle_batch(self, deliveries: Sequence[Delivery]) -> list[Outcome]:
        """Records in arrival order, handled together: the inbox claims, every handler and the commit in
        one transaction, so a burst of events costs one transaction rather than one each. If anything in
        it fails, nothing of it is kept and each record is handled again on its own (`handle`: its
        retries, then the DLQ), so a poison event costs its batch only time. A handler may thus run twice
        for an event whose effects are kept once, as on any retry."""
        together: list[tuple[int, EventEnvelope, EventHandler[U]]] = []
        outcomes: list[Outcome | None] = [None] * len(deliveries)
        for index, delivery in enumerate(deliveries):
            try:
                envelope = EventEnvelope.model_validate_json(delivery.value)
            except ValidationError:
                continue  # handled on its own below: dead-lettered
            handler = self._handlers.get(envelope.type)
            if handler is None:
                outcomes[index] = Outcome.IGNORED
            else:
                together.append((index, envelope, handler))
        try:
            for index, outcome in (await self._handle_together(together)).items():
                outcomes[index] = outcome
        except Exception as error:
            log.warning(
                "%s failed to handle a batch of %d events together (%s); handling each on its own",
                self.name,
                len(together),
                type(error).__name__,
            )
            outcomes = [outcome if outcome is Outcome.IGNORED else None for outcome in outcomes]
        return [
            outcome if outcome is not None else await self.handle(delivery)
            for delivery, outcome in zip(deliveries, outcomes, strict=True)
        ]

    async def _handle_together(
        self, events: Sequence[tuple[int, EventEnvelope, EventHandler[U]]]
    ) -> dict[int, Outcome]:
        if not events:
            return {}
        outcomes: dict[int, Outcome] = {}
        async with self._uow_factory() as uow:
            claimed = await claim_events(
                uow.session, consumer=self.name, events=[(e.event_id, e.type) for _, e, _ in events]
            )
            for index, envelope, handler in events:
                if envelope.event_id not in claimed:
                    outcomes[index] = Outcome.DUPLICATE
                    continue
                claimed.discard(envelope.event_id)  # the same event twice in the batch: once
                token = set_correlation_id(envelope.correlation_id)
                try:
                    await handler(envelope, uow)
                finally:
                    reset_correlation_id(token)
                outcomes[index] = Outcome.HANDLED
            await uow.commit()
        if self._after_commit:
            self._after_commit()
        return outcomes

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
