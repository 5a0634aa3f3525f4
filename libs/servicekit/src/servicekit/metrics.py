"""Prometheus metrics of one service: a registry per runtime (tests run several services in one process),
counted where things happen and, for what lives elsewhere (the outbox table, Kafka offsets), read at
scrape time by async refresh hooks.

Every name starts with `portal_`; deploy/monitoring/alerts.yaml uses them and tests/deploy checks that
each metric an alert names is defined here or by a service (METRIC_NAMES)."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

RefreshHook = Callable[[], Awaitable[None]]

# Seconds: a page or API call of ours takes milliseconds to a few seconds (an Excel import).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
REFRESH_TIMEOUT = 3.0

_BACKLOG = text(
    "SELECT count(*) AS rows, EXTRACT(EPOCH FROM now() - min(created_at)) AS oldest "
    "FROM outbox_message WHERE published_at IS NULL"
)

# Every metric a service exports, as Prometheus names it in the exposition (counters gain `_total`,
# histograms `_bucket`, `_sum`, `_count`). Alert rules may name only these (tests/deploy).
METRIC_NAMES = frozenset(
    {
        "portal_http_request_duration_seconds",
        "portal_readiness_check_up",
        "portal_outbox_backlog_rows",
        "portal_outbox_oldest_unpublished_age_seconds",
        "portal_outbox_published_total",
        "portal_consumer_records_total",
        "portal_consumer_last_handled_timestamp_seconds",
        "portal_consumer_lag_records",
        "portal_dead_lettered_total",
        "portal_mail_sent_total",
        "portal_mail_failed_total",
    }
)


class ServiceMetrics:
    """The metrics every service has; a service adds its own on `registry` (notifications: mails)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.http_duration = Histogram(
            "portal_http_request_duration_seconds",
            "HTTP requests served, by route template, method and status code",
            ["route", "method", "status"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.readiness = Gauge(
            "portal_readiness_check_up",
            "1 if the readiness check answered at the last /readyz (probed every few seconds), else 0",
            ["check"],
            registry=r,
        )
        self.outbox_backlog = Gauge(
            "portal_outbox_backlog_rows", "Outbox rows committed but not yet published to Kafka", registry=r
        )
        self.outbox_oldest_age = Gauge(
            "portal_outbox_oldest_unpublished_age_seconds",
            "Age of the oldest unpublished outbox row (0 when none)",
            registry=r,
        )
        self.outbox_published = Counter(
            "portal_outbox_published",
            "Records the outbox relay published (acknowledged)",
            ["topic"],
            registry=r,
        )
        self.consumer_records = Counter(
            "portal_consumer_records",
            "Records a consumer finished with, by outcome: handled, duplicate, ignored, dead_lettered, "
            "or failed (not even the DLQ took it: not acknowledged, it comes back)",
            ["group", "topic", "outcome"],
            registry=r,
        )
        self.consumer_last_handled = Gauge(
            "portal_consumer_last_handled_timestamp_seconds",
            "Unix time a consumer group last finished a record (any outcome but failed)",
            ["group"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "portal_consumer_lag_records",
            "Records on a partition the group has not finished: the high watermark this pod's consumer last "
            "saw minus the group's committed offset; one series per partition assigned to this pod",
            ["group", "topic", "partition"],
            registry=r,
        )
        self.dead_lettered = Counter(
            "portal_dead_lettered",
            "Records parked on <topic>.dlq after bounded retries",
            ["group", "topic"],
            registry=r,
        )
        self._refresh_hooks: list[RefreshHook] = []

    def on_scrape(self, hook: RefreshHook) -> None:
        """Run `hook` before each exposition: for values read from elsewhere (a table, Kafka offsets)."""
        self._refresh_hooks.append(hook)

    def watch_outbox(self, engine: AsyncEngine) -> None:
        async def refresh() -> None:
            async with engine.connect() as conn:
                row = (await conn.execute(_BACKLOG)).one()
            self.outbox_backlog.set(row.rows)
            self.outbox_oldest_age.set(float(row.oldest or 0.0))

        self.on_scrape(refresh)

    def watch_consumer_lag(self, group: str, consumer: Callable[[], Any]) -> None:
        """`consumer()` gives the group's aiokafka consumer (None while it is not started).

        The high watermark comes with every fetch (no request); the committed offset is one small
        OffsetFetch per assigned partition and scrape. Committed, not the consumer's position: offsets are
        committed after a record is handled, so a record whose handler hangs still counts."""
        reported: set[tuple[str, str, str]] = set()

        async def lag(kafka: Any, partition: Any) -> int | None:
            highwater = kafka.highwater(partition)
            if highwater is None:  # nothing fetched from it yet
                return None
            done = await kafka.committed(partition)
            if done is None:  # nothing committed yet: where the group starts
                done = await kafka.position(partition)
            return max(int(highwater) - int(done), 0)

        async def refresh() -> None:
            kafka = consumer()
            partitions = sorted(kafka.assignment()) if kafka is not None else []
            lags = await asyncio.gather(*(lag(kafka, partition) for partition in partitions))
            current: set[tuple[str, str, str]] = set()
            for partition, behind in zip(partitions, lags, strict=True):
                if behind is None:
                    continue
                labels = (group, partition.topic, str(partition.partition))
                self.consumer_lag.labels(*labels).set(behind)
                current.add(labels)
            for gone in reported - current:  # revoked in a rebalance: another pod reports it now
                with contextlib.suppress(KeyError):
                    self.consumer_lag.remove(*gone)
            reported.clear()
            reported.update(current)

        self.on_scrape(refresh)

    def record_consumed(self, group: str, topic: str, outcome: str) -> None:
        self.consumer_records.labels(group, topic, outcome).inc()
        if outcome != "failed":
            self.consumer_last_handled.labels(group).set(time.time())

    async def exposition(self) -> tuple[bytes, str]:
        """The text format, after refreshing what is read at scrape time; a failing hook keeps its last
        values (readiness and alerts say what is down) rather than failing the scrape."""
        results = await asyncio.gather(
            *(asyncio.wait_for(hook(), REFRESH_TIMEOUT) for hook in self._refresh_hooks),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException):
                log.warning("a metrics refresh failed: %s", type(result).__name__)
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
