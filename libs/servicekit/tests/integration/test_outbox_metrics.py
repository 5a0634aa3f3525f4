"""The outbox backlog gauges read the real table: committed, unpublished rows and the oldest one's age;
published rows no longer count."""

import asyncio
import uuid
from collections.abc import Sequence

import pytest
from prometheus_client.parser import text_string_to_metric_families

from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork
from servicekit.messaging.publisher import OutboundRecord
from servicekit.messaging.relay import OutboxRelay
from servicekit.metrics import ServiceMetrics
from servicekit.testing.plugin import ServiceDatabase

from .sample_events import SampleSubmission
from .test_outbox_crash import MESSAGING_ONLY

pytestmark = pytest.mark.integration


class Accepting:
    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        """Every record acknowledged (the broker is not what this test is about)."""


async def gauges(metrics: ServiceMetrics) -> dict[str, float]:
    body, _ = await metrics.exposition()
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
        if sample.name.startswith("portal_outbox_")
    }


def sample(company: str) -> SampleSubmission:
    return SampleSubmission(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        dso_name="Sundkraft Elnät AB",
        company_name=company,
        organisation_number="5560360793",
        contact_name="Test",
        contact_email="test@example.com",
        language="sv",
    )


async def test_the_backlog_gauges_count_unpublished_rows_and_the_oldest_ones_age(
    service_database: ServiceDatabase,
) -> None:
    engine = make_engine(await service_database("outbox", MESSAGING_ONLY), pool_size=2)
    metrics = ServiceMetrics()
    metrics.watch_outbox(engine)
    try:
        assert await gauges(metrics) == {
            "portal_outbox_backlog_rows": 0,
            "portal_outbox_oldest_unpublished_age_seconds": 0,
        }
        async with UnitOfWork(make_session_factory(engine), source="test") as uow:
            uow.emit(sample("Först AB"), key="a", tenant="sundkraft")
            uow.emit(sample("Sedan AB"), key="b", tenant="sundkraft")
            await uow.commit()
        await asyncio.sleep(0.2)
        waiting = await gauges(metrics)
        assert waiting["portal_outbox_backlog_rows"] == 2
        assert 0.2 <= waiting["portal_outbox_oldest_unpublished_age_seconds"] < 60

        assert await OutboxRelay(engine, Accepting(), name="metrics-test").drain() == 2
        assert await gauges(metrics) == {
            "portal_outbox_backlog_rows": 0,
            "portal_outbox_oldest_unpublished_age_seconds": 0,
        }
    finally:
        await engine.dispose()
