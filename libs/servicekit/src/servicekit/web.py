"""HTTP plumbing every service shares: health and readiness, correlation ids, server spans."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter
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
from servicekit.telemetry import extract_trace_context

READINESS_TIMEOUT = 3.0


def health_router(checks: Mapping[str, Callable[[], Awaitable[None]]]) -> APIRouter:
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
        ready = all(result == "ok" for result in report.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": report}, 200 if ready else 503
        )

    return router


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


class TracingMiddleware:
    """A server span per request, continuing the caller's trace (W3C traceparent)."""

    def __init__(self, app: ASGIApp, tracer_provider: TracerProvider) -> None:
        self.app = app
        self.tracer = tracer_provider.get_tracer("servicekit.web")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/healthz", "/readyz"):
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
                span.set_attribute("http.request.method", scope["method"])
                span.set_attribute("url.path", scope["path"])
                span.set_attribute("http.response.status_code", status["code"])
                span.set_attribute("http.server.duration_ms", (time.perf_counter() - started) * 1000)
                if status["code"] >= 500:
                    span.set_status(trace.StatusCode.ERROR)
