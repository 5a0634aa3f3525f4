"""Publishing raw records to Kafka with the delivery guarantees the outbox relies on."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from aiokafka import AIOKafkaProducer
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode, Tracer
from prometheus_client import Counter

from servicekit.telemetry import extract_trace_context, inject_into


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


class TracedRecordPublisher:
    """The relay's hop in the trace, and its count: a producer span per record, child of the context the
    event was emitted in (its stored headers); the record leaves with this span's context instead, so the
    consumer's span hangs under the relay's. Records of no trace get a span of their own."""

    def __init__(self, inner: RecordPublisher, tracer: Tracer, published: Counter | None = None) -> None:
        self._inner = inner
        self._tracer = tracer
        self._published = published

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        spans = []
        traced = []
        for record in records:
            headers = {name: value.decode(errors="replace") for name, value in record.headers}
            span = self._tracer.start_span(
                f"{record.topic} publish",
                context=extract_trace_context(headers),
                kind=SpanKind.PRODUCER,
                attributes={
                    "messaging.system": "kafka",
                    "messaging.operation.type": "send",
                    "messaging.destination.name": record.topic,
                    "messaging.kafka.message.key": record.key.decode(errors="replace"),
                    "servicekit.event_type": headers.get("event_type", ""),
                    "servicekit.outbox": True,
                },
            )
            outgoing = {**headers, **inject_into(trace.set_span_in_context(span))}
            spans.append(span)
            traced.append(
                OutboundRecord(
                    record.topic,
                    record.key,
                    record.value,
                    [(name, value.encode()) for name, value in outgoing.items()],
                )
            )
        try:
            await self._inner.publish(traced)
        except Exception as error:
            for span in spans:
                span.record_exception(error)
                span.set_status(StatusCode.ERROR, type(error).__name__)
                span.end()
            raise
        for span in spans:
            span.end()
        if self._published is not None:
            for record in records:
                self._published.labels(record.topic).inc()
