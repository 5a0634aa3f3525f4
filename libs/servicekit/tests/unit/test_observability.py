"""What a service's HTTP side says about itself, without any server behind it: /healthz asks nothing,
/readyz asks every dependency (and says so in a metric), /metrics counts requests by route template
and, with a metrics port, answers only there; the relay's publish span links emitter and consumer."""

import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest
from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client.parser import text_string_to_metric_families

from servicekit.messaging.publisher import OutboundRecord, TracedRecordPublisher
from servicekit.metrics import ServiceMetrics
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings
from servicekit.telemetry import (
    configure_tracing,
    extract_trace_context,
    inject_trace_headers,
    otlp_traces_url,
)

UNREACHABLE = "127.0.0.1:9"  # the discard port: refused at once


def runtime(metrics_port: int | None) -> ServiceRuntime:
    return ServiceRuntime(
        ServiceSettings(
            service_name="probe",
            database_url=f"postgresql+asyncpg://u:p@{UNREACHABLE}/db",
            redis_url=f"redis://{UNREACHABLE}/0",
            kafka_bootstrap=UNREACHABLE,
            metrics_port=metrics_port,
        )
    )


def app_client(service: ServiceRuntime, port: int) -> httpx.AsyncClient:
    things = APIRouter()

    @things.get("/things/{thing_id}")
    async def thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    @things.get("/live")
    async def live() -> StreamingResponse:
        return StreamingResponse(iter([b"data: hello\n\n"]), media_type="text/event-stream")

    app = service.build_app(title="probe", routers=[things])
    # ASGITransport gives the app the URL's port as the server's: which port a request came in on.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://probe:{port}")


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_alive_asks_nothing_ready_asks_every_dependency_and_says_so_in_a_metric() -> None:
    service = runtime(metrics_port=None)
    async with app_client(service, 8080) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}  # though nothing answers
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert set(ready.json()["checks"]) == {"database", "broker"}
        exposition = samples((await client.get("/metrics")).text)
    assert exposition[("portal_readiness_check_up", frozenset({("check", "database")}))] == 0
    assert exposition[("portal_readiness_check_up", frozenset({("check", "broker")}))] == 0


async def test_latency_is_counted_by_route_template_and_metrics_stay_off_the_public_port() -> None:
    service = runtime(metrics_port=9464)
    async with app_client(service, 8080) as public, app_client(service, 9464) as scraper:
        for thing_id in (1, 2, 3):
            assert (await public.get(f"/things/{thing_id}")).status_code == 200
        assert (await public.get("/nowhere")).status_code == 404
        assert (await public.get("/live")).status_code == 200  # an event stream: no latency sample
        assert (await public.get("/metrics")).status_code == 404  # the gateway's port faces the internet
        scraped = await scraper.get("/metrics")
        assert (await scraper.get("/things/1")).status_code == 404  # the metrics port serves no API
        assert (await scraper.get("/healthz")).status_code == 404
    assert scraped.status_code == 200
    exposition = samples(scraped.text)
    count = "portal_http_request_duration_seconds_count"
    ok = frozenset({("route", "/things/{thing_id}"), ("method", "GET"), ("status", "200")})
    assert exposition[(count, ok)] == 3
    unmatched = frozenset({("route", "unmatched"), ("method", "GET"), ("status", "404")})
    assert exposition[(count, unmatched)] == 1
    routes = {dict(labels).get("route") for name, labels in exposition if name == count}
    assert routes == {"/things/{thing_id}", "unmatched"}  # no probe, no scrape, no raw path


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("http://collector:4318", "http://collector:4318/v1/traces"),
        ("http://collector:4318/", "http://collector:4318/v1/traces"),
        ("https://otlp.example.com/custom/traces", "https://otlp.example.com/custom/traces"),
    ],
)
def test_the_otlp_endpoint_is_the_collectors_base_url(given: str, used: str) -> None:
    assert otlp_traces_url(given) == used


def test_spans_leave_over_otlp_http_when_an_endpoint_is_set() -> None:
    received: list[tuple[str, bytes]] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append((self.path, self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        provider = configure_tracing("probe", f"http://127.0.0.1:{server.server_port}", environment="test")
        with provider.get_tracer("test").start_as_current_span("a unit of work"):
            pass
        assert provider.force_flush(10_000)
    finally:
        server.shutdown()
    [(path, body)] = received
    assert path == "/v1/traces"
    assert b"a unit of work" in body and b"probe" in body  # protobuf: the span's and the service's names


class Captured:
    def __init__(self) -> None:
        self.records: list[OutboundRecord] = []

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        self.records.extend(records)


async def test_the_relays_publish_span_sits_between_the_emitter_and_the_consumer() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("POST /things") as request_span:
        stored = inject_trace_headers()  # what UnitOfWork.emit keeps in the outbox row
    inner = Captured()
    metrics = ServiceMetrics()
    publisher = TracedRecordPublisher(inner, tracer, metrics.outbox_published)
    headers = [(name, value.encode()) for name, value in stored.items()]
    await publisher.publish([OutboundRecord("things.things", b"k", b"{}", [*headers, ("event_type", b"t")])])

    [publish] = [span for span in exporter.get_finished_spans() if span.kind is SpanKind.PRODUCER]
    assert publish.name == "things.things publish"
    assert publish.parent is not None and publish.parent.span_id == request_span.get_span_context().span_id
    [record] = inner.records
    sent = {name: value.decode() for name, value in record.headers}
    assert sent["event_type"] == "t"
    consumer_parent = trace.get_current_span(extract_trace_context(sent)).get_span_context()
    assert consumer_parent.span_id == publish.context.span_id  # the consumer continues from the relay
    assert metrics.outbox_published.labels("things.things")._value.get() == 1
