"""The relay notices when it loses its lock connection, stands in line again and goes on publishing:
otherwise a second replica would lead too and the first would stop hearing about new rows."""

import asyncio
import contextlib
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork
from servicekit.infra import Infrastructure
from servicekit.messaging.broker import ensure_topics
from servicekit.messaging.publisher import KafkaRecordPublisher
from servicekit.messaging.relay import OutboxRelay
from servicekit.testing.plugin import ServiceDatabase

from .kafka_helpers import read_topic
from .sample_events import SAMPLE_TOPIC, SampleSubmission

pytestmark = pytest.mark.integration

MESSAGING_ONLY = Path(__file__).resolve().parents[4] / "services" / "cases" / "migrations"


async def test_a_relay_that_loses_its_lock_connection_leads_again_and_publishes(
    infra: Infrastructure, service_database: ServiceDatabase
) -> None:
    database_url = await service_database("relay", MESSAGING_ONLY)
    await ensure_topics(infra.kafka_bootstrap, [SAMPLE_TOPIC])
    engine = make_engine(database_url, pool_size=2)
    publisher = KafkaRecordPublisher(infra.kafka_bootstrap, client_id="relay-test", idempotent=False)
    await publisher.start()
    relay = OutboxRelay(engine, publisher, name=f"relay-{uuid.uuid4().hex[:6]}", poll_interval=0.2)
    task = asyncio.create_task(relay.run())
    try:
        await _until(lambda: relay.is_leader)
        async with engine.connect() as conn:
            killed = await conn.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND query ILIKE '%LISTEN%'"
                )
            )
        assert killed == 1, "the relay's LISTEN connection should be the one terminated"
        await _until(lambda: not relay.is_leader)  # it noticed
        await _until(lambda: relay.is_leader)  # and leads again on a new connection

        event_id = await _emit(engine)
        records = await read_topic(
            infra.kafka_bootstrap,
            SAMPLE_TOPIC.name,
            until=lambda found: any(str(event_id).encode() in r.value for r in found),
            timeout=15,
        )
        assert any(str(event_id).encode() in r.value for r in records)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await publisher.stop()
        await engine.dispose()


async def _emit(engine: object) -> uuid.UUID:
    async with UnitOfWork(make_session_factory(engine), source="relay-test") as uow:  # type: ignore[arg-type]
        envelope = uow.emit(
            SampleSubmission(
                application_id=uuid.uuid4(),
                dso_id="sundkraft",
                dso_name="Sundkraft Elnät AB",
                company_name="Relä AB",
                organisation_number="5560360793",
                contact_name="Test",
                contact_email="relay@example.com",
                language="sv",
            ),
            key="relay",
            tenant="sundkraft",
        )
        await uow.commit()
    return envelope.event_id


async def _until(condition: object, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)
