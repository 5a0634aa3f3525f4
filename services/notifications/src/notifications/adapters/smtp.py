"""Delivering a mail over SMTP (aiosmtplib), multipart text + HTML; each hand-over is a span in the
trace of the event that queued the mail, and counted (portal_mail_sent_total, portal_mail_failed_total)."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode, Tracer
from prometheus_client import CollectorRegistry, Counter

from notifications.config import NotificationsSettings
from notifications.domain.mail import OutgoingMail
from servicekit.telemetry import extract_trace_context


class SmtpSender:
    def __init__(
        self,
        settings: NotificationsSettings,
        *,
        tracer: Tracer | None = None,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self._settings = settings
        self._tracer = tracer or trace.get_tracer(__name__)
        registry = registry if registry is not None else CollectorRegistry()  # not the global one
        self._sent = Counter(
            "portal_mail_sent", "Mails the SMTP server accepted", ["kind"], registry=registry
        )
        self._failed = Counter(
            "portal_mail_failed",
            "SMTP hand-overs that failed, each attempt; final=true: the last of MAIL_MAX_ATTEMPTS, the mail "
            "is given up",
            ["kind", "final"],
            registry=registry,
        )

    async def send(self, mail: OutgoingMail) -> None:
        """Hand the mail to the SMTP server; raises if it is not accepted."""
        parent = extract_trace_context({"traceparent": mail.trace_parent} if mail.trace_parent else {})
        with self._tracer.start_as_current_span(
            "smtp send",
            context=parent,
            kind=SpanKind.CLIENT,
            attributes={
                "server.address": self._settings.smtp_host,
                "server.port": self._settings.smtp_port,
                "portal.mail.kind": mail.kind,
                "portal.mail.id": str(mail.id),
                "portal.mail.attempt": mail.attempts + 1,
            },
            record_exception=False,  # an SMTP answer may quote the message, and mails carry links
            set_status_on_exception=False,
        ) as span:
            try:
                await self._hand_over(mail)
            except Exception as error:
                final = mail.attempts + 1 >= self._settings.mail_max_attempts  # as mark_failed_attempt
                self._failed.labels(mail.kind, "true" if final else "false").inc()
                span.set_status(StatusCode.ERROR, type(error).__name__)
                span.set_attribute("error.type", type(error).__name__)
                raise
            self._sent.labels(mail.kind).inc()

    async def _hand_over(self, mail: OutgoingMail) -> None:
        settings = self._settings
        await aiosmtplib.send(
            build_message(mail, settings.mail_from),
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            start_tls=settings.smtp_starttls,
            use_tls=settings.smtp_implicit_tls,
            timeout=settings.smtp_timeout_seconds,
        )


def build_message(mail: OutgoingMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    message["Subject"] = mail.content.subject
    message["Date"] = format_datetime(mail.created_at)
    # Stable per mail: a re-send after a crash carries the same id, so mail systems can drop the copy.
    message["Message-ID"] = make_msgid(idstring=mail.id.hex, domain="installatorsportalen.local")
    message["X-Portal-Mail-Kind"] = mail.kind
    message.set_content(mail.content.text)
    message.add_alternative(mail.content.html, subtype="html")
    # After the parts: making the message multipart moves every Content-* header into the first part.
    message["Content-Language"] = mail.language
    return message
