"""A consumer's metrics against the real broker: a record whose handler hangs shows as lag (what the
PortalConsumerStuck alert watches) and is not counted as finished; once it is let go, the lag is gone and
each record is counted with its outcome, the poison one as dead-lettered."""

import asyncio
import uuid
from collections.abc import Callable

import pytest
from prometheus_client.parser import text_string_to_metric_families

from contracts import EventEnvelope, Topic
from contracts.events.identity import TeamApplicationSubmittedV1
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork
from servicekit.infra import Infrastructure
from servicekit.messaging.broker import KafkaDeadLetterSink, ensure_topics, make_broker, subscribe
from servicekit.messaging.consumer import EventConsumer
from servicekit.metrics import ServiceMetrics
from servicekit.settings import ServiceSettings
from servicekit.telemetry import configure_tracing
from servicekit.testing.plugin import ServiceDatabase

from .test_idempotent_consumer import _envelope, _produce, _wait_for
from .test_outbox_crash import MESSAGING_ONLY

pytestmark = pytest.mark.integration

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(metrics: ServiceMetrics) -> Samples:
    body, _ = await metrics.exposition()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


async def scrape_until(
    metrics: ServiceMetrics, settled: Callable[[Samples], bool], timeout: float
) -> Samples:
    """The first scrape that `settled` accepts, else the last one when the time is up."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        samples = await scrape(metrics)
        if settled(samples) or asyncio.get_running_loop().time() > deadline:
            return samples
        await asyncio.sleep(0.2)


async def test_a_hanging_handler_shows_as_lag_and_outcomes_are_counted(
    infra: Infrastructure, service_database: ServiceDatabase
) -> None:
    engine = make_engine(await service_database("lag", MESSAGING_ONLY), pool_size=2)
    topic = Topic(f"test.lag.{uuid.uuid4().hex[:8]}", "test", 1, "consumer metrics test")
    await ensure_topics(infra.kafka_bootstrap, [topic])
    settings = ServiceSettings(
        service_name="lagtest",
        database_url="unused",
        redis_url="unused",
        kafka_bootstrap=infra.kafka_bootstrap,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
    )
    broker = make_broker(settings, configure_tracing("lag-test", None))
    metrics = ServiceMetrics()
    release = asyncio.Event()
    started: list[str] = []

    async def handle(envelope: EventEnvelope, uow: UnitOfWork) -> None:
        company = envelope.parsed(TeamApplicationSubmittedV1).company_name
        started.append(company)
        if company == "Hänger AB":
            await release.wait()
        if company == "Poison AB":
            raise ValueError("never")

    factory = make_session_factory(engine)
    consumer = EventConsumer(
        name="effects",
        uow_factory=lambda: UnitOfWork(factory, source="test"),
        handlers={TeamApplicationSubmittedV1.event_type: handle},
        dead_letters=KafkaDeadLetterSink(broker, metrics, service_name="lagtest"),
        max_attempts=2,
        first_retry_delay=0.01,
    )
    subscribe(broker, consumer, (topic,), settings, metrics)
    group = "lagtest.effects"
    lag = (
        "portal_consumer_lag_records",
        frozenset({("group", group), ("topic", topic.name), ("partition", "0")}),
    )

    def finished(outcome: str) -> tuple[str, frozenset[tuple[str, str]]]:
        labels = {("group", group), ("topic", topic.name), ("outcome", outcome)}
        return ("portal_consumer_records_total", frozenset(labels))

    await broker.start()
    try:
        await _produce(
            infra.kafka_bootstrap,
            topic.name,
            [_envelope("Först AB"), _envelope("Hänger AB"), _envelope("Poison AB"), _envelope("Sist AB")],
        )
        await _wait_for(lambda: "Hänger AB" in started, timeout=60)
        # The first record's commit lands, and the high watermark comes with the consumer's next fetch:
        # under load that is later than half a second, so the scrape is repeated until it settles.
        stuck = await scrape_until(metrics, lambda samples: samples.get(lag) == 3, timeout=15)
        assert stuck[lag] == 3  # the hanging record and the two behind it
        assert stuck[finished("handled")] == 1
        last_handled = stuck[
            ("portal_consumer_last_handled_timestamp_seconds", frozenset({("group", group)}))
        ]
        assert last_handled > 0

        release.set()
        await _wait_for(lambda: "Sist AB" in started, timeout=30)
        done = await scrape_until(
            metrics, lambda samples: samples.get(lag) == 0 and samples.get(finished("handled")) == 3, 15
        )
    finally:
        await broker.stop()
        await engine.dispose()
    assert done[lag] == 0
    assert done[finished("handled")] == 3
    assert done[finished("dead_lettered")] == 1
    dead = ("portal_dead_lettered_total", frozenset({("group", group), ("topic", topic.name)}))
    assert done[dead] == 1
