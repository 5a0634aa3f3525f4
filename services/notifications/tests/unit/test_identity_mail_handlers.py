"""What each identity event mails, to whom and in which language (the handlers with a fake mail log);
and that the events which mail nobody are ignored without a transaction or the DLQ."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from jinja2 import UndefinedError

from contracts import EventEnvelope, EventPayload, Topic
from contracts.events.identity import (
    PasswordLinkIssuedV1,
    TeamApplicationRejectedV1,
    TeamApplicationSubmittedV1,
    UserDeactivatedV1,
)
from contracts.payload import all_payload_classes
from contracts.topics import IDENTITY_TEAM_APPLICATIONS, IDENTITY_USERS
from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.links import PortalLinks
from notifications.domain.mail import OutgoingMail
from notifications.entrypoints.consumers import team_applications, users
from servicekit.messaging.consumer import Delivery, EventConsumer, Outcome

from .fakes import FakeUnitOfWork

LINKS = PortalLinks("https://portal.example.test")


async def handle(envelope: EventEnvelope) -> list[OutgoingMail]:
    handlers = {
        **team_applications.team_application_handlers(JinjaMailRenderer(), LINKS),
        **users.user_handlers(JinjaMailRenderer(), LINKS),
    }
    uow = FakeUnitOfWork()
    await handlers[envelope.type](envelope, uow)  # type: ignore[arg-type]
    return uow.mails.added


def wrap(payload: EventPayload) -> EventEnvelope:
    return EventEnvelope.wrap(payload, key="k", source="identity", tenant="sundkraft")


def password_link(**overrides: Any) -> PasswordLinkIssuedV1:
    values: dict[str, Any] = {
        "user_id": uuid.uuid4(),
        "purpose": "team_admin_welcome",
        "name": "Mette Hansen",
        "email": "mette@elektro-hansen.dk",
        "language": "da",
        "dso_name": "Kystnet A/S",
        "team_name": "Elektro Hansen ApS",
        "token": "s3cr3t-Token_value",
        "expires_at": datetime.now(UTC) + timedelta(minutes=30),
    }
    return PasswordLinkIssuedV1(**(values | overrides))


def submitted(**overrides: Any) -> TeamApplicationSubmittedV1:
    values: dict[str, Any] = {
        "application_id": uuid.uuid4(),
        "dso_id": "sundkraft",
        "dso_name": "Sundkraft Elnät AB",
        "company_name": "Elfirma Solgatan AB",
        "organisation_number": "5560360793",
        "contact_name": "Anna Andersson",
        "contact_email": "anna@elfirma.se",
        "language": "sv",
    }
    return TeamApplicationSubmittedV1(**(values | overrides))


@pytest.mark.parametrize("purpose", ["team_admin_welcome", "resource_welcome", "password_reset"])
async def test_a_password_link_is_mailed_by_purpose_in_the_users_language(purpose: str) -> None:
    expires_at = datetime(2026, 11, 24, 13, 30, tzinfo=UTC)
    envelope = wrap(password_link(purpose=purpose, expires_at=expires_at))
    envelope = envelope.model_copy(update={"occurred_at": expires_at - timedelta(minutes=30)})
    [mail] = await handle(envelope)
    assert (mail.kind, mail.recipient, mail.language) == (purpose, "mette@elektro-hansen.dk", "da")
    assert mail.source_event_id == envelope.event_id
    assert "https://portal.example.test/losenord/s3cr3t-Token_value\n" in mail.content.text
    assert "30 minutter, indtil 24. november 2026 kl. 14.30" in mail.content.text  # Copenhagen time


async def test_a_welcome_without_its_team_fails_rather_than_mail_a_hole() -> None:
    with pytest.raises(UndefinedError, match="team_name"):
        await handle(wrap(password_link(purpose="resource_welcome", team_name=None)))


async def test_the_dso_hears_of_an_application_when_it_has_an_inbox() -> None:
    event = submitted(dso_contact_email="installatorer@sundkraft.se")
    applicant, dso = await handle(wrap(event))
    assert (applicant.kind, applicant.recipient) == ("team_application_submitted", "anna@elfirma.se")
    assert (dso.kind, dso.recipient) == ("team_application_received_by_dso", "installatorer@sundkraft.se")
    assert dso.language == "sv"  # the applicant's: the event has no language for the DSO
    assert f"https://portal.example.test/dso/ansokningar/{event.application_id}\n" in dso.content.text
    assert [m.kind for m in await handle(wrap(submitted()))] == ["team_application_submitted"]


async def test_a_rejection_mails_the_applicant() -> None:
    event = TeamApplicationRejectedV1(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        dso_name="Sundkraft Elnät AB",
        company_name="Elfirma Solgatan AB",
        contact_name="Anna Andersson",
        contact_email="anna@elfirma.se",
        language="en",
        reason="The certificate has expired.",
        decided_by=uuid.uuid4(),
    )
    [mail] = await handle(wrap(event))
    assert (mail.kind, mail.recipient, mail.language) == (
        "team_application_rejected",
        "anna@elfirma.se",
        "en",
    )
    assert "The certificate has expired." in mail.content.text


@pytest.mark.parametrize(
    ("topic", "handlers", "no_mail"),
    [
        (
            IDENTITY_TEAM_APPLICATIONS,
            team_applications.team_application_handlers,
            team_applications.NOTIFY_NOBODY,
        ),
        (IDENTITY_USERS, users.user_handlers, users.NO_MAIL),
    ],
)
def test_every_event_type_on_the_topics_is_either_mailed_or_named_as_mailing_nobody(
    topic: Topic, handlers: Callable[..., dict[str, Any]], no_mail: frozenset[str]
) -> None:
    on_topic = {t for t, cls in all_payload_classes().items() if cls.topic == topic}
    handled = set(handlers(JinjaMailRenderer(), LINKS))
    assert not handled & no_mail
    assert handled | no_mail == on_topic, "decide whether the new event type mails someone"


class RefusingDeadLetters:
    async def send(self, delivery: Delivery, *, consumer: str, error: str, attempts: int) -> None:
        raise AssertionError("nothing may be parked on the DLQ")


def no_unit_of_work() -> Any:
    raise AssertionError("an ignored event needs no transaction")


@pytest.mark.parametrize(
    "payload",
    [UserDeactivatedV1(user_id=uuid.uuid4(), team_id=None, deactivated_by=uuid.uuid4())],
)
async def test_events_that_mail_nobody_are_ignored_not_dead_lettered(payload: EventPayload) -> None:
    consumer: EventConsumer[Any] = EventConsumer(
        name="mail",
        uow_factory=no_unit_of_work,
        handlers={
            **team_applications.team_application_handlers(JinjaMailRenderer(), LINKS),
            **users.user_handlers(JinjaMailRenderer(), LINKS),
        },
        dead_letters=RefusingDeadLetters(),
    )
    record = Delivery(payload.topic.name, 0, 0, b"k", wrap(payload).model_dump_json().encode(), [])
    assert await consumer.handle(record) is Outcome.IGNORED
