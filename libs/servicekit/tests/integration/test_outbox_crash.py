"""The outbox survives a crash: the writer is SIGKILLed between commit and publish; after a restart
every committed event is published (at least once, per key in order) and no rolled-back one ever is."""

import asyncio
import os
import signal
import sys
from pathlib import Path

import orjson
import pytest
from aiokafka import ConsumerRecord
from sqlalchemy import text

from servicekit.db.engine import make_engine
from servicekit.infra import Infrastructure
from servicekit.messaging.broker import ensure_topics
from servicekit.messaging.publisher import KafkaRecordPublisher
from servicekit.messaging.relay import OutboxRelay
from servicekit.testing.plugin import ServiceDatabase

from .kafka_helpers import read_topic
from .sample_events import SAMPLE_TOPIC

pytestmark = pytest.mark.integration

MESSAGING_ONLY = Path(__file__).resolve().parents[4] / "services" / "cases" / "migrations"
WORKER = Path(__file__).with_name("outbox_worker.py")


async def test_events_committed_before_a_sigkill_are_published_after_restart(
    infra: Infrastructure, service_database: ServiceDatabase
) -> None:
    database_url = await service_database("outbox", MESSAGING_ONLY)
    await ensure_topics(infra.kafka_bootstrap, [SAMPLE_TOPIC])
    committed, rolled_back = await _run_worker_and_kill(
        database_url, infra.kafka_bootstrap, after_commits=400
    )

    engine = make_engine(database_url, pool_size=2)
    async with engine.connect() as conn:
        unpublished = await conn.scalar(
            text("SELECT count(*) FROM outbox_message WHERE published_at IS NULL")
        )
        stored = await conn.scalar(text("SELECT count(*) FROM outbox_message"))
    assert unpublished, "the kill should land while committed events still wait for the relay"
    assert stored >= len(committed)  # a commit may have landed after its line was printed: never fewer

    # The restart: a fresh relay drains what the dead process left behind.
    publisher = KafkaRecordPublisher(infra.kafka_bootstrap, client_id="outbox-restart", idempotent=False)
    await publisher.start()
    try:
        await OutboxRelay(engine, publisher, name="outbox-restart").drain()
    finally:
        await publisher.stop()
        await engine.dispose()

    expected = committed | rolled_back
    records = await read_topic(
        infra.kafka_bootstrap,
        SAMPLE_TOPIC.name,
        until=lambda got: committed <= {_event_id(r.value) for r in got if r.value},
        timeout=60,
    )
    ours = [r for r in records if r.value and _event_id(r.value) in expected]
    published = {_event_id(r.value) for r in ours if r.value}
    assert committed <= published, f"{len(committed - published)} committed events were never published"
    assert not (rolled_back & published), "an event of a rolled-back transaction was published"
    _assert_per_key_order(ours)


async def _run_worker_and_kill(
    database_url: str, bootstrap: str, after_commits: int
) -> tuple[set[str], set[str]]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(WORKER),
        database_url,
        bootstrap,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ},
    )
    assert process.stdout is not None
    committed: set[str] = set()
    rolled_back: set[str] = set()
    try:
        while len(committed) < after_commits:
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            if not line:
                raise AssertionError(f"the worker died early with exit code {await process.wait()}")
            outcome, event_id = line.decode().split()
            (committed if outcome == "committed" else rolled_back).add(event_id)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    return committed, rolled_back


def _event_id(value: bytes) -> str:
    return str(orjson.loads(value)["event_id"])


def _assert_per_key_order(records: list[ConsumerRecord[bytes, bytes]]) -> None:
    """Within a key, each event first appears after every event written before it (a re-send after the
    crash may repeat earlier ones, never reorder new ones)."""
    seen: dict[bytes | None, set[int]] = {}
    for record in records:
        assert record.value is not None
        number = int(orjson.loads(record.value)["payload"]["company_name"].removeprefix("Company "))
        numbers = seen.setdefault(record.key, set())
        if number in numbers:
            continue
        assert not numbers or number > max(numbers), f"key {record.key!r}: {number} after {max(numbers)}"
        numbers.add(number)
