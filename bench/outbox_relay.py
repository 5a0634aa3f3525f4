"""The transactional outbox against raw Kafka: the same records, the same broker, the same run.

Each round measures both, back to back, in alternating order:

- raw: an aiokafka producer configured as the relay's publisher (acks=all, linger 0, not idempotent, as
  on tansu) sends N prebuilt records, then gathers the acknowledgements;
- outbox: N `TeamApplicationSubmittedV1` events are emitted through a `UnitOfWork` inside a span and
  committed in one transaction; the `OutboxRelay`, running as a service runs it (woken by NOTIFY, one
  engine shared with the writer, default batch size), publishes them through `KafkaRecordPublisher`.

The raw records are built exactly as the outbox builds them (envelope, key, headers), so both send the
same sizes to the same topic. Reported: medians over the rounds, events/s, and per round the ratio
outbox/raw (median of those). Every round waits until all its outbox rows are marked sent; at the end the
topic is read back and every event of both kinds must be there (by event id; duplicates are counted).
"""

import asyncio
import contextlib
import gc
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import asyncpg
import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench import REPOSITORY_ROOT, median, print_table
from contracts import EventEnvelope
from contracts.events.identity import TeamApplicationSubmittedV1
from servicekit.correlation import (
    current_correlation_id,
    new_correlation_id,
    reset_correlation_id,
    set_correlation_id,
)
from servicekit.db.engine import asyncpg_dsn, make_engine, make_session_factory
from servicekit.db.migrations import upgrade_to_head
from servicekit.db.uow import UnitOfWork
from servicekit.infra import Infrastructure, drop_database, ensure_database
from servicekit.messaging.broker import ensure_topics
from servicekit.messaging.publisher import KafkaRecordPublisher, OutboundRecord
from servicekit.messaging.relay import OutboxRelay
from servicekit.telemetry import configure_tracing, inject_trace_headers

ROUNDS = 5
EVENTS = 2_000
WARMUP_EVENTS = 500  # one round of each, not counted: connections, metadata, statement caches
TIMEOUT = 60.0  # seconds for any one round's events to be published, or to read them all back
TOPIC = TeamApplicationSubmittedV1.topic
MESSAGING_ONLY = REPOSITORY_ROOT / "services" / "cases" / "migrations"  # holds only the messaging tables
SOURCE = "bench"
TENANT = "sundkraft"
UNPUBLISHED = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"


@dataclass(frozen=True)
class OutboxTimes:
    write: float  # first emit -> commit returned
    to_ack: float  # commit returned -> the relay's last record acknowledged by the broker
    to_marked: float  # commit returned -> every row marked sent (the relay's transaction committed)

    @property
    def total(self) -> float:
        return self.write + self.to_ack


@dataclass(frozen=True)
class Round:
    raw: float
    raw_value_bytes: float  # mean record value size
    outbox: OutboxTimes


class WatchedPublisher:
    """The relay's real publisher, and a clock for when the records a round expects are acknowledged."""

    def __init__(self, inner: KafkaRecordPublisher) -> None:
        self._inner = inner
        self.records = 0
        self.batches = 0
        self.value_bytes = 0
        self._target = 0
        self._acked_at = 0.0
        self._done = asyncio.Event()

    def reset_counts(self) -> None:
        self.records = self.batches = self.value_bytes = self._target = 0

    def expect(self, count: int) -> None:
        self._target = self.records + count
        self._done.clear()

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        await self._inner.publish(records)
        self.records += len(records)
        self.batches += 1
        self.value_bytes += sum(len(record.value) for record in records)
        if self.records >= self._target:
            self._acked_at = time.perf_counter()
            self._done.set()

    async def acked_at(self, timeout: float) -> float:
        async with asyncio.timeout(timeout):
            await self._done.wait()
        return self._acked_at


def run(infra: Infrastructure) -> None:
    """Fresh database at migration head, the measurement, the database dropped again."""
    name = f"bench_outbox_{uuid.uuid4().hex[:12]}"
    ensure_database(infra.postgres_url, name)
    try:
        database_url = infra.database_url(name)
        upgrade_to_head(MESSAGING_ONLY, database_url)
        asyncio.run(_measure(database_url, infra.kafka_bootstrap))
    finally:
        drop_database(infra.postgres_url, name)


async def _measure(database_url: str, bootstrap: str) -> None:
    configure_tracing(SOURCE, None)  # spans are recorded, not exported: events carry a traceparent
    await ensure_topics(bootstrap, [TOPIC])
    offsets_before = await _end_offsets(bootstrap)

    engine = make_engine(database_url)  # the service defaults: writer and relay share the engine
    factory = make_session_factory(engine)
    kafka = KafkaRecordPublisher(bootstrap, client_id="bench-outbox", idempotent=False)
    publisher = WatchedPublisher(kafka)
    relay = OutboxRelay(engine, publisher, name="bench-outbox")
    raw = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        client_id="bench-raw",
        acks="all",
        enable_idempotence=False,
        linger_ms=0,
        request_timeout_ms=30_000,
    )
    watcher: asyncpg.Connection = await asyncpg.connect(asyncpg_dsn(database_url))
    relay_task: asyncio.Task[None] | None = None
    sent: set[str] = set()  # event ids, raw and outbox
    try:
        await kafka.start()
        await raw.start()
        relay_task = asyncio.create_task(relay.run(), name="outbox-relay")
        await _until(lambda: relay.is_leader, "the relay did not take the lead")

        await _round(raw, factory, publisher, watcher, sent, WARMUP_EVENTS, raw_first=True)
        publisher.reset_counts()
        rounds = [
            await _round(raw, factory, publisher, watcher, sent, EVENTS, raw_first=number % 2 == 0)
            for number in range(ROUNDS)
        ]
    finally:
        if relay_task is not None:
            relay_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relay_task
        await raw.stop()
        await kafka.stop()
        await watcher.close()
        await engine.dispose()

    missing, duplicates = await _read_back(bootstrap, offsets_before, sent)
    if missing:
        raise RuntimeError(f"{TOPIC.name}: {missing} of {len(sent)} events never arrived")
    _report(rounds, publisher)
    print(f"read back: all {len(sent):,} events on {TOPIC.name}, {duplicates} duplicates")


async def _round(
    raw: AIOKafkaProducer,
    factory: async_sessionmaker[AsyncSession],
    publisher: WatchedPublisher,
    watcher: asyncpg.Connection,
    sent: set[str],
    events: int,
    *,
    raw_first: bool,
) -> Round:
    payloads = [_payload(number) for number in range(events)]
    if raw_first:
        raw_seconds, raw_bytes = await _raw(raw, payloads, sent)
        outbox = await _outbox(factory, publisher, watcher, payloads, sent)
    else:
        outbox = await _outbox(factory, publisher, watcher, payloads, sent)
        raw_seconds, raw_bytes = await _raw(raw, payloads, sent)
    return Round(raw_seconds, raw_bytes, outbox)


async def _raw(
    producer: AIOKafkaProducer, payloads: Sequence[TeamApplicationSubmittedV1], sent: set[str]
) -> tuple[float, float]:
    """Seconds to send every record and have every acknowledgement, and the mean value size."""
    with _request():
        envelopes = [_envelope(payload) for payload in payloads]
        records = [_record(envelope) for envelope in envelopes]
    sent.update(str(envelope.event_id) for envelope in envelopes)
    gc.collect()
    start = time.perf_counter()
    deliveries = [await producer.send(r.topic, value=r.value, key=r.key, headers=r.headers) for r in records]
    await asyncio.gather(*deliveries)
    return time.perf_counter() - start, sum(len(r.value) for r in records) / len(records)


async def _outbox(
    factory: async_sessionmaker[AsyncSession],
    publisher: WatchedPublisher,
    watcher: asyncpg.Connection,
    payloads: Sequence[TeamApplicationSubmittedV1],
    sent: set[str],
) -> OutboxTimes:
    publisher.expect(len(payloads))
    gc.collect()
    with _request():
        start = time.perf_counter()
        async with UnitOfWork(factory, source=SOURCE) as uow:
            envelopes = [uow.emit(p, key=str(p.application_id), tenant=TENANT) for p in payloads]
            await uow.commit()
            committed = time.perf_counter()
    sent.update(str(envelope.event_id) for envelope in envelopes)
    acked = await publisher.acked_at(TIMEOUT)
    # The relay marks its last batch sent after the acknowledgements; a plain SELECT sees it once committed.
    async with asyncio.timeout(TIMEOUT):
        while await watcher.fetchval(UNPUBLISHED):  # noqa: ASYNC110 - the database has no event to await
            await asyncio.sleep(0.002)
    marked = time.perf_counter()
    return OutboxTimes(write=committed - start, to_ack=acked - committed, to_marked=marked - committed)


@contextlib.contextmanager
def _request() -> Iterator[None]:
    """What a request handler runs in: a correlation id and an active span (so events get a traceparent)."""
    token = set_correlation_id(new_correlation_id())
    try:
        with trace.get_tracer(SOURCE).start_as_current_span("bench.request"):
            yield
    finally:
        reset_correlation_id(token)


def _payload(number: int) -> TeamApplicationSubmittedV1:
    return TeamApplicationSubmittedV1(
        application_id=uuid.uuid4(),
        dso_id=TENANT,
        dso_name="Sundkraft Elnät AB",
        company_name=f"Elfirma Benchmark {number} AB",
        organisation_number="5560360793",
        contact_name="Anna Andersson",
        contact_email=f"anna.{number}@elfirma.example.com",
        language="sv",
    )


def _envelope(payload: TeamApplicationSubmittedV1) -> EventEnvelope:
    """As UnitOfWork.emit wraps the payload."""
    key = str(payload.application_id)
    return EventEnvelope.wrap(
        payload, key=key, source=SOURCE, tenant=TENANT, correlation_id=current_correlation_id()
    )


def _record(envelope: EventEnvelope) -> OutboundRecord:
    """The record the relay publishes for this envelope (headers as UnitOfWork.emit makes them)."""
    headers = {
        **inject_trace_headers(),
        "event_type": envelope.type,
        "correlation_id": envelope.correlation_id,
    }
    return OutboundRecord(
        topic=TOPIC.name,
        key=envelope.key.encode(),
        value=orjson.dumps(envelope.model_dump(mode="json")),
        headers=[(name, value.encode()) for name, value in headers.items()],
    )


async def _end_offsets(bootstrap: str) -> dict[int, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(TOPIC.name, number) for number in range(TOPIC.partitions)]
        offsets: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        return {partition.partition: offset for partition, offset in offsets.items()}
    finally:
        await consumer.stop()


async def _read_back(bootstrap: str, start: dict[int, int], expected: set[str]) -> tuple[int, int]:
    """Read the topic from `start` until every expected event id was seen: (missing, duplicates).

    By event id, not by end offsets: tansu 0.6 answers ListOffsets(latest) with less than the high
    watermark (the last batch's base offset, it seems), although every record is there to be read.
    """
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    missing, duplicates = set(expected), 0
    try:
        partitions = [TopicPartition(TOPIC.name, number) for number in range(TOPIC.partitions)]
        consumer.assign(partitions)
        for partition in partitions:
            consumer.seek(partition, start[partition.partition])
        deadline = time.monotonic() + TIMEOUT
        while missing and time.monotonic() < deadline:
            batch: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]] = await consumer.getmany(
                timeout_ms=500
            )
            for records in batch.values():
                for record in records:
                    event_id = str(orjson.loads(record.value or b"{}").get("event_id"))
                    if event_id in missing:
                        missing.discard(event_id)
                    elif event_id in expected:
                        duplicates += 1
    finally:
        await consumer.stop()
    return len(missing), duplicates


async def _until(condition: Callable[[], bool], failure: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(failure)
        await asyncio.sleep(0.01)


def _report(rounds: Sequence[Round], publisher: WatchedPublisher) -> None:
    raw = [r.raw for r in rounds]
    measured = [
        ("raw aiokafka: send all, gather acks", raw),
        ("outbox: emit + commit (one transaction)", [r.outbox.write for r in rounds]),
        ("outbox: commit -> last event acked", [r.outbox.to_ack for r in rounds]),
        ("outbox: commit -> all rows marked sent", [r.outbox.to_marked for r in rounds]),
        ("outbox: total, first emit -> last ack", [r.outbox.total for r in rounds]),
    ]
    rows = [
        [
            label,
            f"{median(times) * 1000:,.0f}",
            f"{min(times) * 1000:,.0f}",
            f"{max(times) * 1000:,.0f}",
            f"{EVENTS / median(times):,.0f}",
            f"{median([t / r for t, r in zip(times, raw, strict=True)]):.2f}",
        ]
        for label, times in measured
    ]
    raw_bytes = median([r.raw_value_bytes for r in rounds])
    outbox_bytes = publisher.value_bytes / max(publisher.records, 1)
    print(
        f"outbox_relay: {ROUNDS} rounds of {EVENTS:,} {TeamApplicationSubmittedV1.__name__} events to "
        f"{TOPIC.name} ({TOPIC.partitions} partitions), acks=all; values {raw_bytes:.0f} B raw, "
        f"{outbox_bytes:.0f} B outbox; {publisher.batches / ROUNDS:.0f} relay batches per round"
    )
    print_table(["", "median ms", "min ms", "max ms", "events/s", "x raw"], rows)
    print("x raw: the median over rounds of (time / raw time of the same round); medians elsewhere.")
