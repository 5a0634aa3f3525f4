"""The Kafka broker every service uses: telemetry, topics from the registry, subscriptions and the DLQ."""

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider

from contracts import Topic
from servicekit.messaging.consumer import Delivery, EventConsumer
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

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

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


def subscribe(
    broker: KafkaBroker, consumer: EventConsumer[Any], topics: tuple[Topic, ...], settings: ServiceSettings
) -> None:
    """Feed topics to a consumer: group per service+consumer, offsets committed only after handling."""
    subscriber = broker.subscriber(
        *(topic.name for topic in topics),
        group_id=f"{settings.service_name}.{consumer.name}",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        title=f"{settings.service_name}.{consumer.name}:{','.join(topic.name for topic in topics)}",
    )

    @subscriber
    async def on_record(message: KafkaMessage) -> None:
        record = message.raw_message
        await consumer.handle(
            Delivery(
                topic=record.topic,  # type: ignore[union-attr]
                partition=record.partition,  # type: ignore[union-attr]
                offset=record.offset,  # type: ignore[union-attr]
                key=record.key,  # type: ignore[union-attr]
                value=record.value or b"",  # type: ignore[union-attr]
                headers=list(record.headers or ()),  # type: ignore[union-attr]
            )
        )
