"""The idempotent consumer against a real broker and database: a duplicate changes nothing, a poison
event lands on the DLQ after N tries (even when the DLQ itself failed once) and later events are still
handled."""

import asyncio
import uuid

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from contracts import EventEnvelope, Topic
from contracts.events.identity import TeamApplicationSubmittedV1
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork
from servicekit.infra import Infrastructure
from servicekit.messaging.broker import KafkaDeadLetterSink, ensure_topics, make_broker, subscribe
from servicekit.messaging.consumer import Delivery, EventConsumer
from servicekit.settings import ServiceSettings
from servicekit.telemetry import configure_tracing
from servicekit.testing.plugin import ServiceDatabase

from .kafka_helpers import read_topic
from .test_outbox_crash import MESSAGING_ONLY

pytestmark = pytest.mark.integration

MAX_ATTEMPTS = 3


class FlakyDeadLetters:
    """The real DLQ sink, except that its first send fails: the consumer must not move past the event."""

    def __init__(self, real: KafkaDeadLetterSink) -> None:
        self._real = real
        self.failures_left = 1

    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError("the DLQ is unavailable")
        await self._real.send(delivery, consumer=consumer, error=error, attempts=attempts)


@pytest.mark.parametrize("batch_size", [1, 50], ids=["one by one", "in batches"])
async def test_duplicates_change_nothing_and_poison_goes_to_the_dlq(
    infra: Infrastructure, service_database: ServiceDatabase, batch_size: int
) -> None:
    database_url = await service_database("inbox", MESSAGING_ONLY)
    engine = make_engine(database_url, pool_size=4)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE effect (company text NOT NULL)"))
    topic = Topic(f"test.inbox.{uuid.uuid4().hex[:8]}", "test", 1, "inbox test")
    await ensure_topics(infra.kafka_bootstrap, [topic])
    settings = ServiceSettings(
        service_name=f"inbox-{uuid.uuid4().hex[:6]}",
        database_url=database_url,
        redis_url=infra.redis_url,
        kafka_bootstrap=infra.kafka_bootstrap,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
    )
    broker = make_broker(settings, configure_tracing("inbox-test", None))
    calls: dict[str, int] = {}

    async def record_effect(envelope: EventEnvelope, uow: UnitOfWork) -> None:
        company = envelope.parsed(TeamApplicationSubmittedV1).company_name
        calls[company] = calls.get(company, 0) + 1
        await uow.session.execute(text("INSERT INTO effect VALUES (:c)"), {"c": company})
        if company == "Poison AB":
            raise ValueError("this event can never be handled")

    factory = make_session_factory(engine)
    dead_letters = FlakyDeadLetters(KafkaDeadLetterSink(broker))
    consumer = EventConsumer(
        name="effects",
        uow_factory=lambda: UnitOfWork(factory, source="test"),
        handlers={TeamApplicationSubmittedV1.event_type: record_effect},
        dead_letters=dead_letters,
        max_attempts=MAX_ATTEMPTS,
        first_retry_delay=0.01,
        batch_size=batch_size,
    )
    subscribe(broker, consumer, (topic,), settings)

    first, poison, last = _envelope("First AB"), _envelope("Poison AB"), _envelope("Last AB")
    # Waiting before the consumer starts: a batching consumer takes them in one batch, poison included.
    await _produce(infra.kafka_bootstrap, topic.name, [first, first, poison, last])
    await broker.start()
    try:
        await _wait_for(lambda: calls.get("Last AB", 0) >= 1, timeout=60)
        await asyncio.sleep(1)  # a late duplicate would show up now
    finally:
        await broker.stop()

    async with engine.connect() as conn:
        effects = (await conn.execute(text("SELECT company FROM effect ORDER BY company"))).scalars().all()
    await engine.dispose()
    assert effects == ["First AB", "Last AB"]  # once each; the poison's writes were rolled back
    assert dead_letters.failures_left == 0
    if batch_size == 1:
        assert calls["First AB"] == 1  # the duplicate did not even reach the handler
        # The first DLQ failure made the consumer re-read the poison event: N tries, N more, then the DLQ.
        assert calls["Poison AB"] == 2 * MAX_ATTEMPTS
    else:
        # A failed batch keeps nothing; its events are then handled one by one, the duplicate skipped.
        assert calls["First AB"] <= 2 and calls["Poison AB"] >= MAX_ATTEMPTS + 1

    dead = await read_topic(infra.kafka_bootstrap, topic.dlq, until=lambda got: len(got) >= 1, timeout=20)
    assert [orjson.loads(r.value or b"{}")["event_id"] for r in dead] == [str(poison.event_id)]
    headers = {name: value.decode() for name, value in dead[0].headers}
    assert "this event can never be handled" in headers["dlq-error"]
    assert headers["dlq-attempts"] == str(MAX_ATTEMPTS)
    assert headers["dlq-original-topic"] == topic.name


def _envelope(company: str) -> EventEnvelope:
    payload = TeamApplicationSubmittedV1(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        dso_name="Sundkraft Elnät AB",
        company_name=company,
        organisation_number="5560360793",
        contact_name="Test",
        contact_email="test@example.com",
        language="sv",
    )
    return EventEnvelope.wrap(payload, key="same-key", source="test", tenant="sundkraft")


async def _produce(bootstrap: str, topic: str, envelopes: list[EventEnvelope]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for envelope in envelopes:
            await producer.send_and_wait(
                topic, envelope.model_dump_json().encode(), key=envelope.key.encode()
            )
    finally:
        await producer.stop()


async def _wait_for(condition: object, timeout: float) -> None:
    assert callable(condition)
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the consumer did not get there in time")
        await asyncio.sleep(0.1)
