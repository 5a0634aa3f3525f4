"""OpenTelemetry tracing: one provider per process, W3C trace context across HTTP and Kafka headers."""

from collections.abc import Mapping

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.propagate import extract, inject
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor


def configure_tracing(service_name: str, otlp_endpoint: str | None) -> TracerProvider:
    """A tracer provider for this service; exports over OTLP/HTTP only when an endpoint is set."""
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(provider)  # once per process; tests build several runtimes
    return provider


def inject_trace_headers() -> dict[str, str]:
    """The current trace context as headers (`traceparent`, `tracestate`), for an event or a request."""
    carrier: dict[str, str] = {}
    inject(carrier)
    return carrier


def extract_trace_context(headers: Mapping[str, str]) -> Context:
    """The caller's trace context from incoming headers (an empty context if none)."""
    return extract(dict(headers))


def current_trace_id() -> str | None:
    """The active trace id as 32 hex digits, for logs; None outside a span."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None
