"""One trace from the browser's request to the mail, and the metrics that count each hop.

A team application sent through the gateway's form: gateway (HTTP) → identity (HTTP) → identity's outbox
relay → Kafka (tansu) → notifications' consumer → SMTP (the sink). Every service's spans go to one
in-memory exporter; the test walks the SMTP span's parents back to the gateway's request. Then each
service's /metrics is read after that request and event."""

import asyncio
import contextlib
import re
import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import EmailMessage

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from gateway.__main__ import MIGRATIONS_DIR as GATEWAY_MIGRATIONS
from gateway.bootstrap import build_app as build_gateway
from gateway.config import GatewaySettings
from identity.__main__ import MIGRATIONS_DIR as IDENTITY_MIGRATIONS
from identity.__main__ import seed_demo
from identity.bootstrap import build_app as build_identity
from identity.config import IdentitySettings
from notifications.__main__ import MIGRATIONS_DIR as NOTIFICATIONS_MIGRATIONS
from notifications.bootstrap import build_app as build_notifications
from notifications.config import NotificationsSettings
from servicekit.infra import Infrastructure, Mailbox
from servicekit.testing.plugin import migrated_databases, unique_email
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MAIL_CONSUMER_GROUP = "notifications.team-application-mail"


@dataclass(frozen=True)
class Traced:
    gateway: str
    identity: str
    notifications: str
    spans: InMemorySpanExporter
    applicant: str
    mail: EmailMessage


def recording(app: FastAPI, exporter: InMemorySpanExporter) -> FastAPI:
    app.state.runtime.tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    return app


@pytest.fixture(scope="module")
async def traced(infra: Infrastructure) -> AsyncIterator[Traced]:
    """Three services, one team application sent through the portal's form, and its mail received."""
    exporter = InMemorySpanExporter()
    async with migrated_databases(infra) as create, contextlib.AsyncExitStack() as stack:
        identity_settings = settings_for_test(
            IdentitySettings, infra, await create("identity", IDENTITY_MIGRATIONS)
        )
        await seed_demo(identity_settings)
        identity = await stack.enter_async_context(
            running_app(recording(build_identity(identity_settings), exporter))
        )
        notifications_settings = settings_for_test(
            NotificationsSettings,
            infra,
            await create("notifications", NOTIFICATIONS_MIGRATIONS),
            smtp_host=infra.smtp_host,
            smtp_port=infra.smtp_port,
            dispatch_poll_seconds=0.5,
        )
        notifications = await stack.enter_async_context(
            running_app(recording(build_notifications(notifications_settings), exporter))
        )
        gateway_settings = settings_for_test(
            GatewaySettings,
            infra,
            await create("gateway", GATEWAY_MIGRATIONS),
            session_secret=secrets.token_urlsafe(32),
            identity_url=identity,
            notifications_url=notifications,
        )
        gateway = await stack.enter_async_context(
            running_app(recording(build_gateway(gateway_settings), exporter))
        )
        applicant = unique_email("trace")
        async with httpx.AsyncClient(base_url=gateway, headers={"accept-language": "da"}) as browser:
            form = await browser.get("/registrera-team")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            assert csrf, "the form has no CSRF field"
            response = await browser.post(
                "/registrera-team",
                data={
                    "csrf_token": csrf.group(1),
                    "dso_id": "kystnet",
                    "company_name": "Spor & Signal ApS",
                    "organisation_number": "DK 13585628",
                    "street": "Strandvejen 12",
                    "postcode": "2100",
                    "city": "København Ø",
                    "authorisations": "electricity",
                    "contact_name": "Sofie Spor",
                    "contact_email": applicant,
                    "contact_mobile": "+45 20 12 34 56",
                    "gdpr_consent": "on",
                },
                files={"certificate": ("autorisation.pdf", PDF, "application/pdf")},
            )
        assert response.status_code == 200, response.text
        mailbox = Mailbox(infra.mailbox_dir) if infra.mailbox_dir else None
        assert mailbox is not None, "these tests need the local SMTP sink"
        [mail] = await asyncio.to_thread(mailbox.wait_for, lambda m: m["To"] == applicant, timeout=60)
        yield Traced(gateway, identity, notifications, exporter, applicant, mail)


def service(span: ReadableSpan) -> str:
    return str(span.resource.attributes["service.name"])


async def smtp_span_of(traced: Traced, mail_id: str) -> ReadableSpan:
    """The SMTP send of this mail: it ends just after the sink has the mail."""
    for _ in range(100):
        found = [
            span
            for span in traced.spans.get_finished_spans()
            if span.name == "smtp send" and span.attributes and span.attributes["portal.mail.id"] == mail_id
        ]
        if found:
            return found[0]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no SMTP span for mail {mail_id}")


async def test_one_trace_runs_from_the_gateway_to_the_smtp_send(traced: Traced) -> None:
    # The Message-ID ends with the mail's id (notifications.adapters.smtp.build_message).
    mail_id = re.search(r"\.([0-9a-f]{32})@", traced.mail["Message-ID"])
    assert mail_id, traced.mail["Message-ID"]
    smtp = await smtp_span_of(traced, str(uuid.UUID(mail_id.group(1))))
    trace_id = smtp.context.trace_id
    in_trace = {
        span.context.span_id: span
        for span in traced.spans.get_finished_spans()
        if span.context.trace_id == trace_id
    }
    # From the SMTP send up through its parents to the root: every hop, in order, in one trace.
    path: list[tuple[str, str]] = []
    span: ReadableSpan | None = smtp
    while span is not None:
        path.append((service(span), span.name))
        span = in_trace.get(span.parent.span_id) if span.parent else None
    assert list(reversed(path)) == [
        ("gateway", "POST /registrera-team"),
        ("identity", "POST /team-applications"),
        ("identity", "identity.team_applications publish"),
        ("notifications", "identity.team_applications process"),
        ("notifications", "smtp send"),
    ]
    assert {service(span) for span in in_trace.values()} == {"gateway", "identity", "notifications"}
    root = in_trace[smtp.context.span_id]
    while root.parent is not None:
        root = in_trace[root.parent.span_id]
    assert root.attributes and root.attributes["http.route"] == "/registrera-team"


async def scrape(base_url: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    async with httpx.AsyncClient(base_url=base_url) as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    wanted = set(labels.items())
    found = [v for (n, have), v in samples.items() if n == name and wanted <= have]
    assert found, f"no {name} with {labels}: {sorted(n for n, _ in samples if n.startswith(name))}"
    return sum(found)


async def test_each_hop_is_counted_in_its_services_metrics(traced: Traced) -> None:
    gateway = await scrape(traced.gateway)
    assert value(gateway, "portal_http_request_duration_seconds_count", route="/registrera-team") == 2
    post = {"route": "/registrera-team", "method": "POST", "status": "200"}
    assert value(gateway, "portal_http_request_duration_seconds_count", **post) == 1

    identity = await scrape(traced.identity)
    created = {"route": "/team-applications", "method": "POST", "status": "201"}
    assert value(identity, "portal_http_request_duration_seconds_count", **created) == 1
    assert value(identity, "portal_outbox_published_total", topic="identity.team_applications") >= 1
    assert value(identity, "portal_outbox_backlog_rows") == 0
    assert value(identity, "portal_outbox_oldest_unpublished_age_seconds") == 0

    notifications = await scrape(traced.notifications)
    handled = {"group": MAIL_CONSUMER_GROUP, "topic": "identity.team_applications", "outcome": "handled"}
    assert value(notifications, "portal_consumer_records_total", **handled) >= 1
    assert (
        value(notifications, "portal_consumer_last_handled_timestamp_seconds", group=MAIL_CONSUMER_GROUP) > 0
    )
    assert value(notifications, "portal_consumer_lag_records", group=MAIL_CONSUMER_GROUP) == 0
    assert value(notifications, "portal_mail_sent_total") >= 1
    assert not [v for (name, _), v in notifications.items() if name == "portal_dead_lettered_total" and v]
    # Probes and scrapes are not requests worth a latency sample.
    routes = {dict(labels).get("route") for name, labels in notifications if name.startswith("portal_http")}
    assert not routes & {"/metrics", "/healthz", "/readyz"}
