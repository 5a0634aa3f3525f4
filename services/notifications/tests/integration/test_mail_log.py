"""The mail log against PostgreSQL: one mail of a kind per source event, whoever records it twice; and
a failed insert does not quote the mail (it holds a set-password link) in its error."""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from notifications.__main__ import MIGRATIONS_DIR
from notifications.adapters.templates import JinjaMailRenderer
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.mail import OutgoingMail
from notifications.service_layer.mails import record_mail
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.testing.plugin import ServiceDatabase

pytestmark = pytest.mark.integration

TOKEN = "never-in-an-error-Q1w2E3r4"
CONTEXT = {
    "name": "Erik Svensson",
    "dso_name": "Sundkraft Elnät AB",
    "team_name": "Elfirma Solgatan AB",
    "link": f"https://portal.example.test/losenord/{TOKEN}",
    "valid_minutes": 30,
    "expires_at": "24 november 2026 kl. 14:30",
}


async def test_an_event_mails_once_per_kind_and_errors_do_not_quote_the_mail(
    service_database: ServiceDatabase,
) -> None:
    engine = make_engine(await service_database("notifications", MIGRATIONS_DIR), pool_size=2)
    factory = make_session_factory(engine)
    renderer = JinjaMailRenderer()
    event_id = uuid.uuid4()

    async def record(kind: str, source_event_id: uuid.UUID | None, recipient: str) -> OutgoingMail | None:
        async with NotificationsUnitOfWork(factory, source="test") as uow:
            mail = await record_mail(
                uow,
                renderer,
                kind=kind,
                recipient=recipient,
                language="sv",
                context=CONTEXT,
                source_event_id=source_event_id,
            )
            await uow.commit()
            return mail

    try:
        assert await record("password_reset", event_id, "erik@elfirma.se") is not None
        assert await record("password_reset", event_id, "erik@elfirma.se") is None  # a re-delivery
        assert await record("resource_welcome", event_id, "erik@elfirma.se") is not None  # another kind
        assert await record("password_reset", None, "erik@elfirma.se") is not None  # no source event:
        assert await record("password_reset", None, "erik@elfirma.se") is not None  # nothing to dedupe on

        with pytest.raises(DBAPIError) as failure:
            await record("password_reset", uuid.uuid4(), "x" * 400 + "@elfirma.se")  # too long a column
        # No parameter at all: SQLAlchemy would show each one's start and end, the recipient's too.
        assert TOKEN not in str(failure.value) and "@elfirma.se" not in str(failure.value)

        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT kind, source_event_id FROM outgoing_mail"))
            kinds = sorted((kind, source == event_id) for kind, source in rows)
    finally:
        await engine.dispose()
    assert kinds == [
        ("password_reset", False),
        ("password_reset", False),
        ("password_reset", True),
        ("resource_welcome", True),
    ]
