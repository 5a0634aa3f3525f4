"""OpenTelemetry tracing: one provider per process, W3C trace context across HTTP and Kafka headers.

One trace follows a request through every hop: the server span of each service (servicekit.web), the
trace headers an event is given when it is emitted (db/uow.py, stored in the outbox row), the relay's
publish span (messaging/publisher.py `TracedRecordPublisher`, which hands its own context on in the
record's headers), FastStream's process span in the consumer (KafkaTelemetryMiddleware), and spans
the service opens from there (notifications: the SMTP send, from the context kept with the queued mail).
"""

from collections.abc import Mapping
from urllib.parse import urlsplit

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.propagate import extract, inject
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

SERVICE_NAMESPACE = "installer-portal"


def configure_tracing(
    service_name: str, otlp_endpoint: str | None, *, environment: str = "development"
) -> TracerProvider:
    """A tracer provider for this service; exports over OTLP/HTTP only when an endpoint is set.

    Resource attributes from OTEL_RESOURCE_ATTRIBUTES are merged in (Resource.create reads it), e.g.
    the pod's name from the downward API."""
    provider = TracerProvider(
        resource=Resource.create(
            {
                "service.name": service_name,
                "service.namespace": SERVICE_NAMESPACE,
                "deployment.environment.name": environment,
            }
        )
    )
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_traces_url(otlp_endpoint)))
        )
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(provider)  # once per process; tests build several runtimes
    return provider


def otlp_traces_url(endpoint: str) -> str:
    """The collector's base URL (`http://collector:4318`, as OTEL_EXPORTER_OTLP_ENDPOINT is given) gets
    the traces path; a URL that names a path already is taken as it is."""
    if urlsplit(endpoint).path.strip("/"):
        return endpoint
    return endpoint.rstrip("/") + "/v1/traces"


def inject_trace_headers() -> dict[str, str]:
    """The current trace context as headers (`traceparent`, `tracestate`), for an event or a request."""
    carrier: dict[str, str] = {}
    inject(carrier)
    return carrier


def extract_trace_context(headers: Mapping[str, str]) -> Context:
    """The caller's trace context from incoming headers (an empty context if none)."""
    return extract(dict(headers))


def inject_into(context: Context) -> dict[str, str]:
    """The given context (not the current one) as trace headers."""
    carrier: dict[str, str] = {}
    inject(carrier, context=context)
    return carrier


def current_trace_id() -> str | None:
    """The active trace id as 32 hex digits, for logs; None outside a span."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None
