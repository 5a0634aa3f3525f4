"""`python -m servicekit.dlq` against the real broker: dead letters go back to their original topic with
their key, value and headers (not the dlq-* ones), only the asked-for consumer's, and only once."""

import asyncio
import uuid

import pytest
from faststream.kafka import KafkaBroker

from contracts import Topic
from servicekit.dlq import default_bootstrap, main, replay
from servicekit.infra import Infrastructure
from servicekit.messaging.broker import KafkaDeadLetterSink, ensure_topics
from servicekit.messaging.consumer import Delivery
from servicekit.metrics import ServiceMetrics

from .kafka_helpers import read_topic

pytestmark = pytest.mark.integration

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


async def test_replay_republishes_a_consumers_dead_letters_once(infra: Infrastructure) -> None:
    topic = Topic(f"test.replay.{uuid.uuid4().hex[:8]}", "test", 2, "DLQ replay test")
    await ensure_topics(infra.kafka_bootstrap, [topic])
    broker = KafkaBroker(infra.kafka_bootstrap)
    metrics = ServiceMetrics()
    sink = KafkaDeadLetterSink(broker, metrics, service_name="svc")
    await broker.start()
    try:
        for offset, (key, consumer) in enumerate([(b"k1", "mail"), (b"k2", "directory"), (b"k3", "mail")]):
            delivery = Delivery(
                topic=topic.name,
                partition=offset % 2,
                offset=offset,
                key=key,
                value=b'{"event": "' + key + b'"}',
                headers=[("traceparent", TRACEPARENT.encode()), ("event_type", b"test.happened.v1")],
            )
            await sink.send(delivery, consumer=consumer, error="ValueError: broken", attempts=5)
    finally:
        await broker.stop()
    assert metrics.dead_lettered.labels("svc.mail", topic.name)._value.get() == 2

    lines: list[str] = []
    argv = ["list", topic.name, "--bootstrap", infra.kafka_bootstrap]
    assert await asyncio.to_thread(main, argv, lines.append) == 0  # the CLI runs its own event loop
    assert lines[-1] == f"would replay 3, skipped 0 of other consumers ({topic.dlq})"
    assert "consumer=directory attempts=5" in "\n".join(lines)

    first = await replay(infra.kafka_bootstrap, topic.name, consumer="mail")
    assert sorted(letter.key or b"" for letter in first.replayed) == [b"k1", b"k3"]
    assert first.skipped == 1
    replayed = await read_topic(infra.kafka_bootstrap, topic.name, until=lambda got: len(got) >= 2)
    assert sorted((r.key, r.value) for r in replayed) == [
        (b"k1", b'{"event": "k1"}'),
        (b"k3", b'{"event": "k3"}'),
    ]
    for record in replayed:
        headers = {name: value.decode() for name, value in record.headers}
        assert headers["traceparent"] == TRACEPARENT  # the replay continues the event's trace
        assert headers["event_type"] == "test.happened.v1"
        assert headers["dlq-replayed-from"].startswith(f"{topic.dlq}:0:")
        assert not [name for name in headers if name.startswith("dlq-") and name != "dlq-replayed-from"]

    again = await replay(infra.kafka_bootstrap, topic.dlq, consumer="mail")  # the DLQ's name works too
    assert again.replayed == [] and again.skipped == 0  # remembered: nothing twice
    everything = await replay(infra.kafka_bootstrap, topic.name, consumer="mail", from_beginning=True)
    assert len(everything.replayed) == 2


def test_in_a_service_pod_the_broker_address_comes_from_its_environment() -> None:
    assert default_bootstrap({"NOTIFICATIONS_KAFKA_BOOTSTRAP": "kafka:9092", "HOME": "/"}) == "kafka:9092"
    assert default_bootstrap({"KAFKA_BOOTSTRAP": "a:1", "CASES_KAFKA_BOOTSTRAP": "b:2"}) == "a:1"
    assert default_bootstrap({"CASES_KAFKA_BOOTSTRAP": "b:2", "GIS_KAFKA_BOOTSTRAP": "c:3"}) is None
