"""Case mails against PostgreSQL, through the idempotent consumers as the service wires them: the
directory learns users from identity's events, and a case moved by the DSO mails its installer once, in
their language, at their current address; never for their own moves, never while deactivated."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import EventEnvelope, EventPayload
from contracts.events.cases import CaseStatus, CaseStatusChangedV1, DraftExpiringV1
from contracts.events.identity import (
    UserCreatedV1,
    UserDeactivatedV1,
    UserReactivatedV1,
    UserUpdatedV1,
)
from notifications.__main__ import MIGRATIONS_DIR
from notifications.adapters.templates import JinjaMailRenderer
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.domain.mail import OutgoingMail
from notifications.entrypoints.consumers.cases import case_handlers
from notifications.entrypoints.consumers.user_directory import user_directory_handlers
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.messaging.consumer import Delivery, EventConsumer, EventHandler, Outcome
from servicekit.testing.plugin import ServiceDatabase, unique_email

pytestmark = pytest.mark.integration

LINKS = PortalLinks("https://portal.example.test")


class RefusingDeadLetters:
    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        raise AssertionError(f"{consumer} would park an event on the DLQ: {error}")


@dataclass
class Notifications:
    """The service's directory and case-mail consumers on a test database."""

    factory: async_sessionmaker[AsyncSession]

    def consumer(
        self, name: str, handlers: dict[str, EventHandler[NotificationsUnitOfWork]]
    ) -> EventConsumer[NotificationsUnitOfWork]:
        return EventConsumer(
            name=name,
            uow_factory=lambda: NotificationsUnitOfWork(self.factory, source="test"),
            handlers=handlers,
            dead_letters=RefusingDeadLetters(),
        )

    async def deliver(self, envelope: EventEnvelope, *, consumer: str | None = None) -> Outcome:
        """As Kafka hands the record to the consumer the bootstrap subscribes for its topic."""
        if envelope.type.startswith("user."):
            target = self.consumer(consumer or "user-directory", user_directory_handlers())
        else:
            target = self.consumer(consumer or "case-mail", case_handlers(JinjaMailRenderer(), LINKS))
        record = envelope.model_dump_json().encode()
        return await target.handle(Delivery("t", 0, 0, envelope.key.encode(), record, []))

    async def mails_to(self, recipient: str) -> list[OutgoingMail]:
        async with NotificationsUnitOfWork(self.factory, source="test") as uow:
            return await uow.mails.for_recipient(recipient)


@pytest.fixture
async def notifications(service_database: ServiceDatabase) -> AsyncIterator[Notifications]:
    engine = make_engine(await service_database("notifications", MIGRATIONS_DIR), pool_size=2)
    try:
        yield Notifications(make_session_factory(engine))
    finally:
        await engine.dispose()


def wrap(payload: EventPayload, key: uuid.UUID) -> EventEnvelope:
    return EventEnvelope.wrap(payload, key=str(key), source="test", tenant="kystnet")


def user_created(user_id: uuid.UUID, email: str) -> EventEnvelope:
    payload = UserCreatedV1(
        user_id=user_id,
        role="installer",
        team_id=uuid.uuid4(),
        dso_id="kystnet",
        name="Mette Hansen",
        email=email,
        language="da",
        authorisations=["electricity"],
    )
    return wrap(payload, user_id)


def status_changed(
    installer_id: uuid.UUID, *, actor_id: uuid.UUID, to_status: CaseStatus = "planning"
) -> EventEnvelope:
    case_id = uuid.uuid4()
    payload = CaseStatusChangedV1(
        case_id=case_id,
        dso_id="kystnet",
        team_id=uuid.uuid4(),
        installer_id=installer_id,
        case_type="meter_move",
        address="Strandvejen 4, Helsingør",
        case_number="KN-0000042",
        from_status="submitted",
        to_status=to_status,
        actor_id=actor_id,
        actor_role="installer" if actor_id == installer_id else "dso_handler",
        changed_at=datetime.now(UTC),
    )
    return wrap(payload, case_id)


async def test_a_move_by_the_dso_mails_the_installer_once_in_their_language(
    notifications: Notifications,
) -> None:
    installer, email = uuid.uuid4(), unique_email("mette")
    assert await notifications.deliver(user_created(installer, email)) is Outcome.HANDLED

    moved = status_changed(installer, actor_id=uuid.uuid4())
    assert await notifications.deliver(moved) is Outcome.HANDLED
    assert await notifications.deliver(moved) is Outcome.DUPLICATE  # the same envelope again
    # A replay under another consumer name passes the inbox; the mail log still refuses a second mail.
    assert await notifications.deliver(moved, consumer="case-mail-renamed") is Outcome.HANDLED
    # The installer's own move mails nobody.
    assert await notifications.deliver(status_changed(installer, actor_id=installer)) is Outcome.HANDLED

    [mail] = await notifications.mails_to(email)
    assert (mail.kind, mail.language, mail.source_event_id) == ("case_status_changed", "da", moved.event_id)
    assert mail.content.subject == "Sag KN-0000042 har ny status: PLANLÆGNING I GANG"
    assert f"https://portal.example.test/arenden/{moved.key}\n" in mail.content.text


async def test_a_deactivated_installer_gets_nothing_until_reactivated_and_an_update_moves_the_address(
    notifications: Notifications,
) -> None:
    installer, first, second = uuid.uuid4(), unique_email("mette"), unique_email("mette-ny")
    dso_handler = uuid.uuid4()
    await notifications.deliver(user_created(installer, first))

    deactivated = UserDeactivatedV1(user_id=installer, team_id=None, deactivated_by=dso_handler)
    await notifications.deliver(wrap(deactivated, installer))
    assert await notifications.deliver(status_changed(installer, actor_id=dso_handler)) is Outcome.HANDLED
    assert await notifications.mails_to(first) == []

    reactivated = UserReactivatedV1(user_id=installer, team_id=None, reactivated_by=dso_handler)
    updated = UserUpdatedV1(
        user_id=installer, team_id=None, name="Mette Nygaard", email=second, authorisations=[]
    )
    await notifications.deliver(wrap(reactivated, installer))
    await notifications.deliver(wrap(updated, installer))
    # A user.created seen again (another consumer name replaying the topic) does not undo the update.
    await notifications.deliver(user_created(installer, first), consumer="user-directory-replay")
    await notifications.deliver(status_changed(installer, actor_id=dso_handler, to_status="rejected"))

    assert await notifications.mails_to(first) == []
    [mail] = await notifications.mails_to(second)
    assert mail.language == "da"  # kept from user.created: an update does not carry the language
    assert mail.content.text.startswith("Hej Mette Nygaard,")
    assert mail.content.subject == "Sag KN-0000042 har ny status: AFVIST"


async def test_an_unknown_user_is_neither_created_by_an_update_nor_mailed(
    notifications: Notifications,
) -> None:
    stranger, email = uuid.uuid4(), unique_email("stranger")
    updated = UserUpdatedV1(user_id=stranger, team_id=None, name="X", email=email, authorisations=[])
    assert await notifications.deliver(wrap(updated, stranger)) is Outcome.HANDLED
    expiring = DraftExpiringV1(
        case_id=uuid.uuid4(),
        dso_id="kystnet",
        team_id=uuid.uuid4(),
        installer_id=stranger,
        case_type="fuse_change",
        address="Strandvejen 4, Helsingør",
        expires_at=datetime.now(UTC) + timedelta(days=2),
    )
    assert await notifications.deliver(wrap(expiring, expiring.case_id)) is Outcome.HANDLED
    assert await notifications.mails_to(email) == []


async def test_an_expiring_draft_is_mailed_to_its_installer(notifications: Notifications) -> None:
    installer, email = uuid.uuid4(), unique_email("mette")
    await notifications.deliver(user_created(installer, email))
    expiring = DraftExpiringV1(
        case_id=uuid.uuid4(),
        dso_id="kystnet",
        team_id=uuid.uuid4(),
        installer_id=installer,
        case_type="fuse_change",
        address="Strandvejen 4, Helsingør",
        expires_at=datetime(2026, 12, 7, 2, 0, tzinfo=UTC),
    )
    await notifications.deliver(wrap(expiring, expiring.case_id))
    [mail] = await notifications.mails_to(email)
    assert (mail.kind, mail.language) == ("case_draft_expiring", "da")
    assert "slettes den 7. december 2026 kl. 03.00." in mail.content.text
