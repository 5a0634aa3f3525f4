"""HTTP plumbing every service shares: health and readiness, metrics, correlation ids, server spans."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.correlation import (
    CORRELATION_HEADER,
    new_correlation_id,
    reset_correlation_id,
    set_correlation_id,
)
from servicekit.metrics import ServiceMetrics
from servicekit.telemetry import extract_trace_context

READINESS_TIMEOUT = 3.0
# Probes and scrapes: neither spans nor latency samples (they would drown the requests that matter).
UNOBSERVED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def health_router(
    checks: Mapping[str, Callable[[], Awaitable[None]]], metrics: ServiceMetrics | None = None
) -> APIRouter:
    """`/healthz`: the process is alive and its event loop answers — no dependency is asked, so a
    database outage never makes Kubernetes restart every pod. `/readyz`: each dependency answers (its
    database and broker, and whatever the service adds), else 503 and the pod gets no traffic."""
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Alive: the process answers."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready: every dependency answers (its database and broker at least)."""
        results = await asyncio.gather(*(_run_check(check) for check in checks.values()))
        report = dict(zip(checks, results, strict=True))
        if metrics is not None:
            for name, result in report.items():
                metrics.readiness.labels(name).set(1 if result == "ok" else 0)
        ready = all(result == "ok" for result in report.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": report}, 200 if ready else 503
        )

    return router


def metrics_router(metrics: ServiceMetrics, metrics_port: int | None) -> APIRouter:
    """`/metrics` in Prometheus' text format. With a metrics port (Kubernetes) it answers only on that
    port, which the NetworkPolicy opens to Prometheus alone: the gateway's public port never serves it."""
    router = APIRouter(tags=["health"])

    @router.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        server = request.scope.get("server") or (None, None)
        if metrics_port is not None and server[1] != metrics_port:
            return Response(status_code=404)
        body, content_type = await metrics.exposition()
        return Response(body, media_type=content_type)

    return router


def route_template(scope: Scope) -> str:
    """The matched route's path template (`/cases/{case_id}`), never the raw path: bounded label values."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else "unmatched"


async def _run_check(check: Callable[[], Awaitable[None]]) -> str:
    try:
        await asyncio.wait_for(check(), READINESS_TIMEOUT)
    except Exception as error:
        return f"failing: {type(error).__name__}"
    return "ok"


class CorrelationMiddleware:
    """Takes the caller's correlation id (or makes one) and echoes it in the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(CORRELATION_HEADER.lower().encode(), b"").decode()
        correlation_id = incoming[:100] if incoming.isprintable() and incoming else new_correlation_id()
        token = set_correlation_id(correlation_id)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append(
                    (CORRELATION_HEADER.encode(), correlation_id.encode())
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            reset_correlation_id(token)


class MetricsPortGuard:
    """On the metrics port, /metrics and nothing else: the port Prometheus may reach serves no API."""

    def __init__(self, app: ASGIApp, metrics_port: int) -> None:
        self.app = app
        self.metrics_port = metrics_port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server") or (None, None)
        if scope["type"] == "http" and server[1] == self.metrics_port and scope["path"] != "/metrics":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)


class HttpMetricsMiddleware:
    """Request latency by route template, method and status code. Event streams (the portal's live
    updates) stay open for hours: they are left out rather than filling the top bucket."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNOBSERVED_PATHS:
            await self.app(scope, receive, send)
            return
        status: dict[str, int | bool] = {"code": 500, "stream": False}

        async def record_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                content_type = dict(message.get("headers") or ()).get(b"content-type", b"")
                status["stream"] = content_type.startswith(b"text/event-stream")
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, record_status)
        finally:
            if not status["stream"]:
                self.metrics.http_duration.labels(
                    route_template(scope), scope["method"], str(status["code"])
                ).observe(time.perf_counter() - started)


class TracingMiddleware:
    """A server span per request, continuing the caller's trace (W3C traceparent), named by the matched
    route template once routing has found it."""

    def __init__(self, app: ASGIApp, tracer_provider: TracerProvider) -> None:
        self.app = app
        self.tracer = tracer_provider.get_tracer("servicekit.web")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNOBSERVED_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        context = extract_trace_context(headers)
        status = {"code": 500}

        async def record_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        started = time.perf_counter()
        with self.tracer.start_as_current_span(
            f"{scope['method']} {scope['path']}", context=context, kind=SpanKind.SERVER
        ) as span:
            try:
                await self.app(scope, receive, record_status)
            finally:
                route = route_template(scope)
                span.update_name(f"{scope['method']} {route}")
                span.set_attribute("http.route", route)
                span.set_attribute("http.request.method", scope["method"])
                span.set_attribute("url.path", scope["path"])
                span.set_attribute("http.response.status_code", status["code"])
                span.set_attribute("http.server.duration_ms", (time.perf_counter() - started) * 1000)
                if status["code"] >= 500:
                    span.set_status(trace.StatusCode.ERROR)
