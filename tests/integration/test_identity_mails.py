"""Identity's events → Kafka → notifications → SMTP: a set-password link mailed once however often its
event arrives, in the user's language, with a link into the portal and never the token in a log; a
new application told to the DSO; a rejection mailed with its reason."""

import asyncio
import logging
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from aiokafka import AIOKafkaProducer

from contracts import EventEnvelope, EventPayload
from contracts.events.identity import (
    PasswordLinkIssuedV1,
    TeamApplicationRejectedV1,
    TeamApplicationSubmittedV1,
)
from contracts.payload import payload_class
from notifications.__main__ import MIGRATIONS_DIR
from notifications.bootstrap import build_app
from notifications.config import NotificationsSettings
from servicekit.infra import Infrastructure, Mailbox
from servicekit.testing.plugin import ServiceDatabase, unique_email
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test

pytestmark = pytest.mark.integration

PORTAL = "https://portal.example.test"


class LogRecords(logging.Handler):
    """Every log line the service writes, as formatted text with any traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
async def notifications(
    infra: Infrastructure, service_database: ServiceDatabase
) -> AsyncIterator[LogRecords]:
    """Notifications running against the test broker, database and SMTP sink; yields its logs."""
    settings = settings_for_test(
        NotificationsSettings,
        infra,
        await service_database("notifications", MIGRATIONS_DIR),
        smtp_host=infra.smtp_host,
        smtp_port=infra.smtp_port,
        dispatch_poll_seconds=0.5,
        portal_url=PORTAL,
    )
    app = build_app(settings)  # sets up logging: listen after it
    logs = LogRecords()
    logging.getLogger().addHandler(logs)
    try:
        async with running_app(app):
            yield logs
    finally:
        logging.getLogger().removeHandler(logs)


async def test_a_password_link_is_mailed_once_however_often_its_event_arrives(
    infra: Infrastructure, notifications: LogRecords, mailbox: Mailbox
) -> None:
    recipient, other = unique_email("erik"), unique_email("karin")
    token = f"tok_{uuid.uuid4().hex}-A"
    user_id = uuid.uuid4()
    issued = _wrap(
        PasswordLinkIssuedV1(
            user_id=user_id,
            purpose="resource_welcome",
            name="Erik Svensson",
            email=recipient,
            language="sv",
            dso_name="Sundkraft Elnät AB",
            team_name="Elfirma Solgatan AB",
            token=token,
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
        ),
        key=str(user_id),
    )
    # Another user's reset on the same key (so the same partition, behind the duplicate): once its mail
    # is here, the duplicate has been consumed.
    behind = _wrap(
        PasswordLinkIssuedV1(
            user_id=uuid.uuid4(),
            purpose="password_reset",
            name="Karin Berg",
            email=other,
            language="en",
            dso_name="Sundkraft Elnät AB",
            token=f"tok_{uuid.uuid4().hex}",
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
        ),
        key=str(user_id),
    )

    await _publish(infra.kafka_bootstrap, issued)
    [mail] = await _wait_for_mail(mailbox, recipient)
    await _publish(infra.kafka_bootstrap, issued, behind)  # the same event again (same event id)
    [reset] = await _wait_for_mail(mailbox, other)

    assert [m["To"] for m in mailbox.messages()].count(recipient) == 1
    assert (
        mail["Subject"]
        == "Elfirma Solgatan AB har lagt till dig i installatörsportalen hos Sundkraft Elnät AB"
    )
    assert mail["Content-Language"] == "sv"
    text, html = _text(mail), _html(mail)
    assert text.startswith("Hej Erik Svensson,")
    assert "i 30 minuter, till " in text
    links = re.findall(r"https?://[^\s\"<]+", text)
    assert links == [f"{PORTAL}/losenord/{token}"]
    assert f'href="{PORTAL}/losenord/{token}"' in html
    assert reset["Subject"].startswith("Reset your password")
    assert notifications.lines, "the service's logs were not captured"
    assert not [line for line in notifications.lines if token in line or "/losenord/" in line]


async def test_the_dso_hears_of_an_application_and_a_rejection_gives_the_reason(
    infra: Infrastructure, notifications: LogRecords, mailbox: Mailbox
) -> None:
    applicant, dso_inbox = unique_email("mette"), unique_email("ansogninger")
    application_id = uuid.uuid4()
    submitted = TeamApplicationSubmittedV1(
        application_id=application_id,
        dso_id="kystnet",
        dso_name="Kystnet A/S",
        company_name="Elektro Hansen ApS",
        organisation_number="13585628",
        contact_name="Mette Hansen",
        contact_email=applicant,
        language="da",
        dso_contact_email=dso_inbox,
    )
    reason = "Autorisationen er udløbet <31.12.2025> & mangler\nunderskrift."
    rejected = TeamApplicationRejectedV1(
        application_id=application_id,
        dso_id="kystnet",
        dso_name="Kystnet A/S",
        company_name="Elektro Hansen ApS",
        contact_name="Mette Hansen",
        contact_email=applicant,
        language="da",
        reason=reason,
        decided_by=uuid.uuid4(),
    )
    key = str(application_id)
    await _publish(infra.kafka_bootstrap, _wrap(submitted, key=key), _wrap(rejected, key=key))

    [for_dso] = await _wait_for_mail(mailbox, dso_inbox)
    assert for_dso["Subject"] == "Ny ansøgning om installatørteam fra Elektro Hansen ApS"
    assert f"{PORTAL}/dso/ansokningar/{application_id}\n" in _text(for_dso)

    confirmation, rejection = await _wait_for_mail(mailbox, applicant, count=2)
    assert confirmation["Subject"].startswith("Vi har modtaget")
    assert (
        rejection["Subject"]
        == "Jeres ansøgning om at registrere Elektro Hansen ApS hos Kystnet A/S er afvist"
    )
    assert f"Begrundelse fra Kystnet A/S:\n{reason}\n" in _text(rejection)
    assert "Autorisationen er udløbet &lt;31.12.2025&gt; &amp; mangler\nunderskrift." in _html(rejection)


def _wrap(payload: EventPayload, *, key: str) -> EventEnvelope:
    return EventEnvelope.wrap(payload, key=key, source="identity", tenant="sundkraft")


async def _publish(bootstrap: str, *envelopes: EventEnvelope) -> None:
    """As identity's outbox relay does: the envelope as JSON, keyed by the aggregate id."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for envelope in envelopes:
            await producer.send_and_wait(
                payload_class(envelope.type).topic.name,
                envelope.model_dump_json().encode(),
                key=envelope.key.encode(),
                headers=[("event_type", envelope.type.encode())],
            )
    finally:
        await producer.stop()


async def _wait_for_mail(mailbox: Mailbox, recipient: str, *, count: int = 1) -> list[EmailMessage]:
    def to_recipient(mail: EmailMessage) -> bool:
        return mail["To"] == recipient

    return await asyncio.to_thread(mailbox.wait_for, to_recipient, timeout=60, count=count)


def _text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def _html(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")
