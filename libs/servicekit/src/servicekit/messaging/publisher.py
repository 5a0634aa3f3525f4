"""Publishing raw records to Kafka with the delivery guarantees the outbox relies on."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from aiokafka import AIOKafkaProducer


@dataclass(frozen=True, slots=True)
class OutboundRecord:
    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


class RecordPublisher(Protocol):
    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        """Return only when every record is acknowledged; raise if any is not."""


class KafkaRecordPublisher:
    """acks=all; the idempotent producer only where the broker has it (Apache Kafka, not tansu)."""

    def __init__(self, bootstrap: str, *, client_id: str, idempotent: bool) -> None:
        self._bootstrap = bootstrap
        self._client_id = client_id
        self._idempotent = idempotent
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        # Made here, not in __init__: aiokafka binds to the running loop, and apps are built before it runs.
        self._producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap,
            client_id=self._client_id,
            acks="all",
            enable_idempotence=self._idempotent,
            # linger adds its whole delay to each awaited send; batching comes from send-then-gather.
            linger_ms=0,
            request_timeout_ms=30_000,
        )
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        producer = self._producer
        if producer is None:
            raise RuntimeError("the publisher is not started")
        # aiokafka keeps one in-flight batch per partition, so records of one key arrive in send order.
        deliveries = [
            await producer.send(r.topic, value=r.value, key=r.key, headers=r.headers) for r in records
        ]
        await asyncio.gather(*deliveries)
