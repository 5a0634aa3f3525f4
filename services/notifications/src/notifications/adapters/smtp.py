"""Delivering a mail over SMTP (aiosmtplib), multipart text + HTML."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib

from notifications.config import NotificationsSettings
from notifications.domain.mail import OutgoingMail


class SmtpSender:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings

    async def send(self, mail: OutgoingMail) -> None:
        """Hand the mail to the SMTP server; raises if it is not accepted."""
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
