"""Whom each case event mails and in which language (the handlers with a fake directory and mail log):
the installer when someone else moves the case or their draft is about to go; nobody for what they did
themselves, nobody deactivated or unknown. And each event type on the topics is a decision."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from contracts import EventEnvelope, EventPayload, Topic
from contracts.events.cases import CaseStatusChangedV1, DraftExpiringV1
from contracts.payload import all_payload_classes
from contracts.topics import CASES_CASES, IDENTITY_USERS
from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.links import PortalLinks
from notifications.domain.mail import OutgoingMail
from notifications.domain.recipient import Recipient
from notifications.entrypoints.consumers import cases, user_directory

from .fakes import FakeUnitOfWork

LINKS = PortalLinks("https://portal.example.test")
INSTALLER = Recipient(uuid.uuid4(), "Mette Hansen", "mette@elektro-hansen.dk", "da", active=True)
HANDLER_ID = uuid.uuid4()


async def handle(payload: EventPayload, *known: Recipient) -> list[OutgoingMail]:
    envelope = EventEnvelope.wrap(payload, key="k", source="cases", tenant="kystnet")
    uow = FakeUnitOfWork(*known)
    await cases.case_handlers(JinjaMailRenderer(), LINKS)[envelope.type](envelope, uow)  # type: ignore[arg-type]
    return uow.mails.added


def status_changed(**overrides: Any) -> CaseStatusChangedV1:
    values: dict[str, Any] = {
        "case_id": uuid.uuid4(),
        "dso_id": "kystnet",
        "team_id": uuid.uuid4(),
        "installer_id": INSTALLER.user_id,
        "case_type": "meter_move",
        "address": "Strandvejen 4, Helsingør",
        "case_number": "KN-0000042",
        "from_status": "submitted",
        "to_status": "rejected",
        "actor_id": HANDLER_ID,
        "actor_role": "dso_handler",
        "reason": "Målerpladsen mangler på situationsplanen.",
        "changed_at": datetime.now(UTC),
    }
    return CaseStatusChangedV1(**(values | overrides))


async def test_a_move_by_the_dso_mails_the_installer_in_their_language() -> None:
    event = status_changed()
    [mail] = await handle(event, INSTALLER)
    assert (mail.kind, mail.recipient, mail.language) == ("case_status_changed", INSTALLER.email, "da")
    assert mail.content.subject == "Sag KN-0000042 har ny status: AFVIST"
    assert mail.content.text.startswith("Hej Mette Hansen,")
    assert "Type: Flytning af måler\nAdresse: Strandvejen 4, Helsingør\n" in mail.content.text
    assert "Begrundelse:\nMålerpladsen mangler på situationsplanen.\n" in mail.content.text
    assert f"https://portal.example.test/arenden/{event.case_id}\n" in mail.content.text


async def test_nobody_is_mailed_about_what_they_did_themselves() -> None:
    assert await handle(status_changed(actor_id=INSTALLER.user_id, actor_role="installer"), INSTALLER) == []


async def test_a_deactivated_or_unknown_installer_is_mailed_nothing() -> None:
    deactivated = Recipient(INSTALLER.user_id, INSTALLER.name, INSTALLER.email, "da", active=False)
    assert await handle(status_changed(), deactivated) == []
    assert await handle(status_changed()) == []


async def test_an_automatic_move_names_the_dsos_rule() -> None:
    event = status_changed(
        actor_id=uuid.UUID(int=0),
        actor_role="system",
        to_status="in_progress",
        reason=None,
        rule_name="Säkringsbyte upp till 25 A",
    )
    [mail] = await handle(event, INSTALLER)
    assert mail.content.subject == "Sag KN-0000042 har ny status: UDFØRELSE I GANG"
    assert "automatisk efter netselskabets regel »Säkringsbyte upp till 25 A«." in mail.content.text


async def test_an_expiring_draft_is_announced_in_the_installers_time() -> None:
    event = DraftExpiringV1(
        case_id=uuid.uuid4(),
        dso_id="kystnet",
        team_id=uuid.uuid4(),
        installer_id=INSTALLER.user_id,
        case_type="apartment",
        address="Strandvejen 4, Helsingør",
        expires_at=datetime(2026, 12, 7, 2, 0, tzinfo=UTC),
    )
    [mail] = await handle(event, INSTALLER)
    assert (mail.kind, mail.recipient) == ("case_draft_expiring", INSTALLER.email)
    assert mail.content.subject == "Din kladde slettes snart: Lejlighed, Strandvejen 4, Helsingør"
    assert "slettes den 7. december 2026 kl. 03.00." in mail.content.text  # Copenhagen time
    assert f"https://portal.example.test/arenden/{event.case_id}\n" in mail.content.text


@pytest.mark.parametrize(
    ("topic", "handlers", "decided_otherwise"),
    [
        (CASES_CASES, lambda: cases.case_handlers(JinjaMailRenderer(), LINKS), cases.NOTIFY_NOBODY),
        (IDENTITY_USERS, user_directory.user_directory_handlers, user_directory.NOT_IN_DIRECTORY),
    ],
)
def test_every_event_type_on_the_topics_is_handled_or_named_as_not_concerning_the_consumer(
    topic: Topic, handlers: Callable[[], dict[str, Any]], decided_otherwise: frozenset[str]
) -> None:
    on_topic = {t for t, cls in all_payload_classes().items() if cls.topic == topic}
    handled = set(handlers())
    assert not handled & decided_otherwise
    assert handled | decided_otherwise == on_topic, "decide what the new event type means here"
