"""The Kafka broker every service uses: telemetry, topics from the registry, subscriptions and the DLQ."""

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import ConsumerRecord
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider

from contracts import Topic
from servicekit.messaging.consumer import Delivery, EventConsumer
from servicekit.metrics import ServiceMetrics
from servicekit.settings import ServiceSettings

log = logging.getLogger(__name__)


class _KafkaBroker(KafkaBroker):
    """Starts its subscribers side by side: each one's group join waits about half the session timeout
    (TOOLCHAIN-FINDINGS.md), and FastStream's own start joins them one after another, so a service with
    several consumers took that wait once per consumer before it was ready."""

    async def start(self) -> None:
        await self.connect()
        await asyncio.gather(*(subscriber.start() for subscriber in self.subscribers))
        for publisher in self.publishers:
            await publisher.start()
        self.running = True


def make_broker(settings: ServiceSettings, tracer_provider: TracerProvider) -> KafkaBroker:
    return _KafkaBroker(
        settings.kafka_bootstrap,
        client_id=settings.service_name,
        acks="all",
        enable_idempotence=settings.kafka_idempotent_producer,
        middlewares=[KafkaTelemetryMiddleware(tracer_provider=tracer_provider)],
        logger=logging.getLogger(f"{settings.service_name}.broker"),
    )


async def ensure_topics(bootstrap: str, topics: Iterable[Topic]) -> None:
    """Create each topic and its DLQ with the registered partition count, if missing.

    Explicitly, because auto-creation picks a partition count of its own.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="topic-setup")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(name=name, num_partitions=partitions, replication_factor=1)
            for topic in topics
            for name, partitions in ((topic.name, topic.partitions), (topic.dlq, 1))
            if name not in existing
        ]
        for new_topic in wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # another service created it meanwhile
                await admin.create_topics([new_topic])
    finally:
        await admin.close()


class KafkaDeadLetterSink:
    """Publishes the unchanged record to `<topic>.dlq`, with why it failed in headers."""

    def __init__(
        self, broker: KafkaBroker, metrics: ServiceMetrics | None = None, *, service_name: str = ""
    ) -> None:
        self._broker = broker
        self._metrics = metrics
        self._service_name = service_name

    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        headers = {name: value.decode(errors="replace") for name, value in delivery.headers}
        headers |= {
            "dlq-error": error,
            "dlq-consumer": consumer,
            "dlq-attempts": str(attempts),
            "dlq-original-topic": delivery.topic,
            "dlq-original-partition": str(delivery.partition),
            "dlq-original-offset": str(delivery.offset),
        }
        await self._broker.publish(
            delivery.value, topic=f"{delivery.topic}.dlq", key=delivery.key, headers=headers
        )
        if self._metrics is not None:
            self._metrics.dead_lettered.labels(self._group(consumer), delivery.topic).inc()

    def _group(self, consumer: str) -> str:
        # The consumer group's id, as subscribe() names it, so DLQ counts join the consumer's metrics.
        return f"{self._service_name}.{consumer}" if self._service_name else consumer


def subscribe(
    broker: KafkaBroker,
    consumer: EventConsumer[Any],
    topics: tuple[Topic, ...],
    settings: ServiceSettings,
    metrics: ServiceMetrics | None = None,
) -> None:
    """Feed topics to a consumer: group per service+consumer, offsets committed only after handling."""
    if consumer.batch_size > 1:
        _subscribe_in_batches(broker, consumer, topics, settings, metrics)
        return
    group = f"{settings.service_name}.{consumer.name}"
    subscriber = broker.subscriber(
        *(topic.name for topic in topics),
        group_id=group,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        title=f"{settings.service_name}.{consumer.name}:{','.join(topic.name for topic in topics)}",
    )

    if metrics is not None:
        metrics.watch_consumer_lag(group, lambda: subscriber.consumer)

    @subscriber
    async def on_record(message: KafkaMessage) -> None:
        delivery = _delivery(message.raw_message)
        try:
            outcome = await consumer.handle(delivery)
        except Exception:
            if metrics is not None:
                metrics.record_consumed(group, delivery.topic, "failed")
            raise
        if metrics is not None:
            metrics.record_consumed(group, delivery.topic, outcome.value)


BATCH_WAIT_MS = 50  # how long a batch subscriber waits for records when none are there


def _subscribe_in_batches(
    broker: KafkaBroker,
    consumer: EventConsumer[Any],
    topics: tuple[Topic, ...],
    settings: ServiceSettings,
    metrics: ServiceMetrics | None,
) -> None:
    """`subscribe` for a consumer that takes the records waiting, up to its batch size, at once; the
    offsets are committed after the whole batch is handled, and a failure rewinds every partition of the
    batch to its first record."""
    group = f"{settings.service_name}.{consumer.name}"
    subscriber = broker.subscriber(
        *(topic.name for topic in topics),
        group_id=group,
        batch=True,
        max_records=consumer.batch_size,
        batch_timeout_ms=BATCH_WAIT_MS,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        title=f"{settings.service_name}.{consumer.name}:{','.join(topic.name for topic in topics)}",
    )

    if metrics is not None:
        metrics.watch_consumer_lag(group, lambda: subscriber.consumer)

    @subscriber
    async def on_records(message: KafkaMessage) -> None:
        records: tuple[ConsumerRecord[bytes, bytes], ...] = message.raw_message
        deliveries = [_delivery(record) for record in records]
        try:
            outcomes = await consumer.handle_batch(deliveries)
        except Exception:
            if metrics is not None:
                for delivery in deliveries:
                    metrics.record_consumed(group, delivery.topic, "failed")
            raise
        if metrics is not None:
            for delivery, outcome in zip(deliveries, outcomes, strict=True):
                metrics.record_consumed(group, delivery.topic, outcome.value)


def _delivery(record: "ConsumerRecord[bytes, bytes]") -> Delivery:
    return Delivery(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value or b"",
        headers=list(record.headers or ()),
    )
