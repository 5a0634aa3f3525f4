"""The mail log's queries (the recipient directory's are in recipients.py)."""

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from notifications.adapters.tables import OutgoingMailRow
from notifications.domain.mail import MailStatus, OutgoingMail, RenderedMail
from servicekit.telemetry import inject_trace_headers


class MailRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, mail: OutgoingMail) -> bool:
        """Queue the mail; False (and nothing written) if its source event's mail of this kind to this
        address exists. The current trace (the consumer's span) is kept with it for the SMTP send."""
        if mail.trace_parent is None:
            mail.trace_parent = inject_trace_headers().get("traceparent")
        statement = (
            insert(OutgoingMailRow)
            .values(_row(mail).model_dump())
            .on_conflict_do_nothing(index_elements=["source_event_id", "kind", "recipient"])
            .returning(col(OutgoingMailRow.id))
        )
        try:
            return (await self._session.execute(statement)).first() is not None
        except StatementError as error:
            # Its message would quote the bodies, and they hold set-password links: never in a log.
            error.hide_parameters = True
            raise

    async def due(self, now: datetime, limit: int) -> list[OutgoingMail]:
        """Pending mails whose time has come, locked so that another dispatcher skips them."""
        statement = (
            select(OutgoingMailRow)
            .where(
                OutgoingMailRow.status == MailStatus.PENDING.value,
                col(OutgoingMailRow.next_attempt_at) <= now,
            )
            .order_by(col(OutgoingMailRow.next_attempt_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_mail(row) for row in (await self._session.execute(statement)).scalars()]

    async def save(self, mail: OutgoingMail) -> None:
        await self._session.merge(_row(mail))

    async def for_recipient(self, recipient: str) -> list[OutgoingMail]:
        statement = (
            select(OutgoingMailRow)
            .where(OutgoingMailRow.recipient == recipient)
            .order_by(col(OutgoingMailRow.created_at))
        )
        return [_mail(row) for row in (await self._session.execute(statement)).scalars()]


def _row(mail: OutgoingMail) -> OutgoingMailRow:
    return OutgoingMailRow(
        id=mail.id,
        source_event_id=mail.source_event_id,
        kind=mail.kind,
        recipient=mail.recipient,
        language=mail.language,
        subject=mail.content.subject,
        body_text=mail.content.text,
        body_html=mail.content.html,
        status=mail.status.value,
        attempts=mail.attempts,
        last_error=mail.last_error,
        created_at=mail.created_at,
        next_attempt_at=mail.next_attempt_at,
        sent_at=mail.sent_at,
        traceparent=mail.trace_parent,
    )


def _mail(row: OutgoingMailRow) -> OutgoingMail:
    return OutgoingMail(
        id=row.id,
        source_event_id=row.source_event_id,
        kind=row.kind,
        recipient=row.recipient,
        language=row.language,  # type: ignore[arg-type]
        content=RenderedMail(subject=row.subject, text=row.body_text, html=row.body_html),
        status=MailStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        trace_parent=row.traceparent,
    )
