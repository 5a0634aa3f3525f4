"""The bell against PostgreSQL, through the idempotent consumers as the service wires them: one
notification and one mail per event and user even when the event comes again under another consumer
name (past the inbox), the created event in the outbox in the same transaction, mail preferences, and a
DSO's admins found by the role the directory keeps."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import EventEnvelope
from contracts.events.identity import TeamApplicationSubmittedV1
from notifications.__main__ import MIGRATIONS_DIR
from notifications.adapters.templates import JinjaMailRenderer
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.domain.mail import OutgoingMail
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.recipient import Recipient
from notifications.entrypoints.consumers.cases import case_handlers
from notifications.entrypoints.consumers.team_applications import team_application_handlers
from notifications.entrypoints.consumers.user_directory import user_directory_handlers
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.tables import outbox_message
from servicekit.messaging.consumer import Delivery, EventConsumer, Outcome
from servicekit.testing.plugin import ServiceDatabase, unique_email

from .bell_helpers import DSO, note_added, user_created, wrap

pytestmark = pytest.mark.integration

LINKS = PortalLinks("https://portal.example.test")


class RefusingDeadLetters:
    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        raise AssertionError(f"{consumer} would park an event on the DLQ: {error}")


@dataclass
class Service:
    factory: async_sessionmaker[AsyncSession]

    def uow(self) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(self.factory, source="notifications")

    async def deliver(self, envelope: EventEnvelope, *, consumer: str | None = None) -> Outcome:
        """As Kafka hands the record to the consumer the bootstrap subscribes for its topic."""
        renderer = JinjaMailRenderer()
        if envelope.type.startswith("user."):
            name, handlers = "user-directory", user_directory_handlers()
        elif envelope.type.startswith("team_application."):
            name, handlers = "team-application-mail", team_application_handlers(renderer, LINKS)
        else:
            name, handlers = "case-mail", case_handlers(renderer, LINKS)
        target = EventConsumer(
            name=consumer or name,
            uow_factory=self.uow,
            handlers=handlers,
            dead_letters=RefusingDeadLetters(),
        )
        record = envelope.model_dump_json().encode()
        return await target.handle(Delivery("t", 0, 0, envelope.key.encode(), record, []))

    async def bell(self, user_id: uuid.UUID) -> list[InAppNotification]:
        async with self.uow() as uow:
            return await uow.in_app.newest(user_id, unread_only=False, before=None, limit=100)

    async def mails_to(self, address: str) -> list[OutgoingMail]:
        async with self.uow() as uow:
            return await uow.mails.for_recipient(address)

    async def published_for(self, user_id: uuid.UUID) -> list[dict[str, Any]]:
        """The envelopes the outbox holds for the relay, keyed by this user."""
        async with self.uow() as uow:
            rows = await uow.session.execute(
                select(outbox_message.c.envelope)
                .where(outbox_message.c.key == str(user_id))
                .order_by(outbox_message.c.id)
            )
            return [row.envelope for row in rows]


@pytest.fixture
async def service(service_database: ServiceDatabase) -> AsyncIterator[Service]:
    engine = make_engine(await service_database("notifications", MIGRATIONS_DIR), pool_size=2)
    try:
        yield Service(make_session_factory(engine))
    finally:
        await engine.dispose()


async def test_a_note_rings_and_mails_the_handler_once_even_past_the_inbox(service: Service) -> None:
    installer, handler, address = uuid.uuid4(), uuid.uuid4(), unique_email("sara")
    await service.deliver(
        user_created(installer, unique_email("erik"), role="installer", name="Erik Svensson")
    )
    await service.deliver(user_created(handler, address, role="dso_handler", name="Sara Lind", language="en"))

    note = note_added(installer_id=installer, author_id=installer, handler_id=handler)
    assert await service.deliver(note) is Outcome.HANDLED
    assert await service.deliver(note) is Outcome.DUPLICATE  # the inbox
    # Another consumer name passes the inbox: the bell's and the mail log's keys still refuse a second.
    assert await service.deliver(note, consumer="case-notifications-replay") is Outcome.HANDLED

    [bell] = await service.bell(handler)
    assert (bell.kind, bell.case_id, bell.read) == (NotificationKind.CASE_NOTE, uuid.UUID(note.key), False)
    assert bell.parameters["actor_name"] == "Erik Svensson"
    [mail] = await service.mails_to(address)
    assert (mail.kind, mail.language, mail.content.subject) == (
        "case_note_added",
        "en",
        "New note on case SK-0000123",
    )
    [created] = await service.published_for(handler)
    assert created["type"] == "in_app_notification.created.v1" and created["tenant"] == DSO
    assert created["payload"]["notification_id"] == str(bell.id)
    assert (created["payload"]["kind"], created["payload"]["unread"]) == ("case_note", 1)
    assert await service.bell(installer) == []  # the author hears nothing of their own note


async def test_with_mail_turned_off_the_bell_still_rings(service: Service) -> None:
    installer, handler, address = uuid.uuid4(), uuid.uuid4(), unique_email("sara")
    await service.deliver(user_created(handler, address, role="dso_handler", name="Sara Lind"))
    async with service.uow() as uow:
        await uow.preferences.choose(handler, {NotificationKind.CASE_NOTE: False})
        await uow.commit()

    await service.deliver(note_added(installer_id=installer, author_id=installer, handler_id=handler))
    await service.deliver(note_added(installer_id=installer, author_id=installer, handler_id=handler))

    assert len(await service.bell(handler)) == 2
    assert await service.mails_to(address) == []
    unread = [e["payload"]["unread"] for e in await service.published_for(handler)]
    assert unread == [1, 2]  # each created event says how many are unread after it


async def test_a_new_application_rings_each_admin_of_its_dso_including_one_known_from_before(
    service: Service,
) -> None:
    known_before, fresh, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    addresses = {
        known_before: unique_email("per"),
        fresh: unique_email("eva"),
        elsewhere: unique_email("ole"),
    }
    # Known to the directory from before it kept roles: no role, no DSO.
    async with service.uow() as uow:
        await uow.recipients.add(Recipient(known_before, "Per Holm", addresses[known_before], "sv", True))
        await uow.commit()
    # Seen again (a replay under another name) it gains its role and DSO; nothing else changes.
    replay = user_created(known_before, unique_email("other"), role="dso_admin", name="Someone Else")
    await service.deliver(replay, consumer="user-directory-replay")
    await service.deliver(user_created(fresh, addresses[fresh], role="dso_admin", name="Eva Berg"))
    other_dso = user_created(elsewhere, addresses[elsewhere], role="dso_admin", name="Ole Dam")
    other_dso = other_dso.model_copy(update={"payload": other_dso.payload | {"dso_id": "kystnet"}})
    await service.deliver(other_dso)

    application = TeamApplicationSubmittedV1(
        application_id=uuid.uuid4(),
        dso_id=DSO,
        dso_name="Sundkraft Elnät AB",
        company_name="Elfirma Solgatan AB",
        organisation_number="5560360793",
        contact_name="Anna Andersson",
        contact_email=unique_email("anna"),
        language="da",
    )
    assert await service.deliver(wrap(application, application.application_id)) is Outcome.HANDLED

    for admin in (known_before, fresh):
        [bell] = await service.bell(admin)
        assert (bell.kind, bell.parameters["decision"]) == (NotificationKind.APPLICATION_DECISION, "pending")
        [mail] = await service.mails_to(addresses[admin])
        assert (mail.kind, mail.language) == (
            "team_application_received_by_dso",
            "sv",
        )  # theirs, not the applicant's
    async with service.uow() as uow:
        still = await uow.recipients.get(known_before)
    assert still is not None and (still.name, still.email) == ("Per Holm", addresses[known_before])
    assert await service.bell(elsewhere) == [] and await service.mails_to(addresses[elsewhere]) == []
