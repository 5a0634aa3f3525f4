"""The first event end to end: a team application submitted to identity → outbox → Kafka →
notifications → a confirmation mail over SMTP, once, to the applicant, in the applicant's language."""

import asyncio
from email.message import EmailMessage

import httpx
import pytest

from identity.__main__ import MIGRATIONS_DIR as IDENTITY_MIGRATIONS
from identity.__main__ import seed_demo
from identity.bootstrap import build_app as build_identity
from identity.config import IdentitySettings
from notifications.__main__ import MIGRATIONS_DIR as NOTIFICATIONS_MIGRATIONS
from notifications.bootstrap import build_app as build_notifications
from notifications.config import NotificationsSettings
from servicekit.infra import Infrastructure, Mailbox
from servicekit.testing.plugin import ServiceDatabase, unique_email
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def test_applicant_gets_one_confirmation_mail_in_their_language(
    infra: Infrastructure, service_database: ServiceDatabase, mailbox: Mailbox
) -> None:
    identity_settings = settings_for_test(
        IdentitySettings, infra, await service_database("identity", IDENTITY_MIGRATIONS)
    )
    await seed_demo(identity_settings)
    notifications_settings = settings_for_test(
        NotificationsSettings,
        infra,
        await service_database("notifications", NOTIFICATIONS_MIGRATIONS),
        smtp_host=infra.smtp_host,
        smtp_port=infra.smtp_port,
        dispatch_poll_seconds=0.5,
    )
    recipient = unique_email("mette")

    async with (
        running_app(build_identity(identity_settings)) as identity_url,
        running_app(build_notifications(notifications_settings)),
    ):
        async with httpx.AsyncClient(base_url=identity_url) as client:
            response = await client.post(
                "/team-applications",
                data={
                    "dso_id": "kystnet",
                    "company_name": "Elektro Hansen ApS",
                    "organisation_number": "DK 13585628",
                    "sole_trader": "false",
                    "street": "Strandvejen 12",
                    "postcode": "2100",
                    "city": "København Ø",
                    "authorisations": ["electricity"],
                    "contact_name": "Mette Hansen",
                    "contact_email": recipient,
                    "contact_mobile": "+45 20 12 34 56",
                    "gdpr_consent": "true",
                    "language": "da",
                },
                files={"certificate": ("autorisation.pdf", PDF, "application/pdf")},
            )
        assert response.status_code == 201, response.text

        def to_recipient(mail: EmailMessage) -> bool:
            return mail["To"] == recipient

        [mail] = await asyncio.to_thread(mailbox.wait_for, to_recipient, timeout=60)
        assert "Elektro Hansen ApS" in mail["Subject"]
        assert "Kystnet A/S" in mail["Subject"]
        assert mail["Subject"].startswith("Vi har modtaget")  # Danish, as the applicant chose
        text_part = mail.get_body(preferencelist=("plain",))
        html_part = mail.get_body(preferencelist=("html",))
        assert text_part is not None and "Hej Mette Hansen" in text_part.get_content()
        assert html_part is not None and "<strong>Elektro Hansen ApS</strong>" in html_part.get_content()

        await asyncio.sleep(3)  # time for a duplicate to show up, if one were coming
        assert sum(to_recipient(m) for m in mailbox.messages()) == 1
