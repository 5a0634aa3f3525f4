"""What a running service is made of, built once in its bootstrap: engine, broker, relay, consumers."""

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from contracts import ALL_TOPICS, Topic
from servicekit.auth import JwksVerifier
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.logs import configure_logging
from servicekit.messaging.broker import KafkaDeadLetterSink, ensure_topics, make_broker, subscribe
from servicekit.messaging.consumer import EventConsumer
from servicekit.messaging.publisher import KafkaRecordPublisher, TracedRecordPublisher
from servicekit.messaging.relay import OutboxRelay
from servicekit.metrics import ServiceMetrics
from servicekit.problems import install_problem_handlers
from servicekit.settings import ServiceSettings
from servicekit.telemetry import configure_tracing
from servicekit.web import (
    CorrelationMiddleware,
    HttpMetricsMiddleware,
    MetricsPortGuard,
    TracingMiddleware,
    health_router,
    metrics_router,
)

ReadinessCheck = Callable[[], Awaitable[None]]
Hook = Callable[[], Awaitable[None]]


class ServiceRuntime:
    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        configure_logging(settings.service_name, settings.log_level)
        self.tracer_provider = configure_tracing(
            settings.service_name, settings.otlp_endpoint, environment=settings.environment
        )
        self.metrics = ServiceMetrics()
        self.engine = make_engine(settings.database_url)
        self.session_factory = make_session_factory(self.engine)
        self.metrics.watch_outbox(self.engine)
        self.broker = make_broker(settings, self.tracer_provider)
        self.dead_letters = KafkaDeadLetterSink(self.broker, self.metrics, service_name=settings.service_name)
        self._publisher = KafkaRecordPublisher(
            settings.kafka_bootstrap,
            client_id=f"{settings.service_name}-outbox",
            idempotent=settings.kafka_idempotent_producer,
        )
        self.relay = OutboxRelay(
            self.engine,
            TracedRecordPublisher(
                self._publisher,
                self.tracer_provider.get_tracer("servicekit.outbox"),
                self.metrics.outbox_published,
            ),
            name=settings.service_name,
        )
        self.jwks_verifier = JwksVerifier(
            settings.identity_jwks_url, issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        self._readiness: dict[str, ReadinessCheck] = {
            "database": self._database_ready,
            "broker": self._broker_ready,
        }
        self._startup: list[Hook] = []
        self._shutdown: list[Hook] = []

    def consume(self, topic: Topic | Sequence[Topic], consumer: EventConsumer[Any]) -> None:
        """Feed one topic, or several (one subscriber and group: cheaper to start), to a consumer."""
        subscribe(
            self.broker,
            consumer,
            (topic,) if isinstance(topic, Topic) else tuple(topic),
            self.settings,
            self.metrics,
        )

    def add_readiness_check(self, name: str, check: ReadinessCheck) -> None:
        self._readiness[name] = check

    def on_startup(self, hook: Hook) -> None:
        self._startup.append(hook)

    def on_shutdown(self, hook: Hook) -> None:
        self._shutdown.append(hook)

    def build_app(self, *, title: str, routers: Sequence[APIRouter] = ()) -> FastAPI:
        # FastAPI's own telemetry is off: servicekit.web makes the server spans (continuing the caller's
        # trace, named by route, probes left out) and the Prometheus metrics; FastAPI's would add a
        # second server span per request on the global provider, and its logs record request values.
        app = FastAPI(
            title=title,
            lifespan=self._lifespan,
            telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
        )
        app.state.runtime = self
        app.state.jwks_verifier = self.jwks_verifier
        app.state.metrics = self.metrics
        install_problem_handlers(app)
        app.add_middleware(HttpMetricsMiddleware, metrics=self.metrics)
        app.add_middleware(TracingMiddleware, tracer_provider=self.tracer_provider)
        app.add_middleware(CorrelationMiddleware)
        if self.settings.metrics_port is not None:
            app.add_middleware(MetricsPortGuard, metrics_port=self.settings.metrics_port)
        app.include_router(health_router(self._readiness, self.metrics))
        app.include_router(metrics_router(self.metrics, self.settings.metrics_port))
        for router in routers:
            app.include_router(router)
        return app

    @contextlib.asynccontextmanager
    async def _lifespan(self, _app: FastAPI) -> AsyncIterator[None]:
        if self.settings.kafka_create_topics:
            await ensure_topics(self.settings.kafka_bootstrap, ALL_TOPICS)
        await self._publisher.start()
        await self.broker.start()
        relay_task = asyncio.create_task(self.relay.run(), name="outbox-relay")
        for hook in self._startup:
            await hook()
        # What starting built (routes, mappers, schemas, clients) lives as long as the process: kept out of
        # the collector's sight, a full collection no longer walks it (pauses of 100 ms in a busy consumer).
        gc.freeze()
        try:
            yield
        finally:
            for hook in reversed(self._shutdown):
                await hook()
            relay_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relay_task
            await self.broker.stop()
            await self._publisher.stop()
            await self.engine.dispose()
            gc.unfreeze()  # collectable again (tests start and stop many apps in one process)

    async def _database_ready(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def _broker_ready(self) -> None:
        if not await self.broker.ping(timeout=2.0):
            raise ConnectionError("the Kafka broker does not answer")
