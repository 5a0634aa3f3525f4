"""An outgoing mail: recorded once per event, then delivered (and retried) by the dispatcher."""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

Language = Literal["sv", "da", "en"]

# Mails whose body holds a one-time set-password link. Once delivered or given up on, the body is
# dropped from the mail log, so the log never holds a usable token at rest.
ONE_TIME_LINK_KINDS = frozenset({"team_admin_welcome", "resource_welcome", "password_reset"})
FORGOTTEN_BODY = "[removed after delivery: the mail held a one-time link]"


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RenderedMail:
    subject: str
    text: str
    html: str


@dataclass
class OutgoingMail:
    recipient: str
    language: Language
    kind: str
    content: RenderedMail
    source_event_id: uuid.UUID | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: MailStatus = MailStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    next_attempt_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    sent_at: datetime | None = None
    # The W3C traceparent of the event that queued it: the SMTP send joins that trace, however much later.
    trace_parent: str | None = None

    @property
    def recipient_domain(self) -> str:
        """All that logs say of the recipient (never the address, never the content: links hold secrets)."""
        return self.recipient.rpartition("@")[2]

    def mark_sent(self, now: datetime) -> None:
        self.status, self.sent_at, self.last_error = MailStatus.SENT, now, None
        self.attempts += 1
        self._forget_secret()

    def mark_failed_attempt(self, error: str, now: datetime, max_attempts: int) -> None:
        """Back off exponentially (30 s, 1 min, 2 min …, at most an hour); give up after max_attempts."""
        self.attempts += 1
        self.last_error = error[:1000]
        if self.attempts >= max_attempts:
            self.status = MailStatus.FAILED
            self._forget_secret()  # never sent, and a new link is one "forgot password" away
            return
        self.next_attempt_at = now + min(timedelta(seconds=30 * 2 ** (self.attempts - 1)), timedelta(hours=1))

    def _forget_secret(self) -> None:
        if self.kind in ONE_TIME_LINK_KINDS:
            self.content = RenderedMail(self.content.subject, FORGOTTEN_BODY, FORGOTTEN_BODY)
