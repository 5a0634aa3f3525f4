"""The bell from the consumers' side (handlers with a fake unit of work): each recipient gets one
notification with what its text needs and the created event with their unread count, and a mail only
if they want one; an event handled twice rings and mails once."""

import uuid
from datetime import UTC, datetime
from typing import Any

from contracts import EventEnvelope, EventPayload
from contracts.events.cases import (
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
)
from contracts.events.identity import TeamApplicationApprovedV1, TeamApplicationSubmittedV1
from contracts.events.notifications import InAppNotificationCreatedV1
from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.links import PortalLinks
from notifications.domain.notification import NotificationKind
from notifications.domain.recipient import Recipient
from notifications.entrypoints.consumers import cases, team_applications

from .fakes import FakeUnitOfWork

LINKS = PortalLinks("https://portal.example.test")
INSTALLER = Recipient(uuid.uuid4(), "Erik Svensson", "erik@elfirma.se", "sv", True, "installer", "sundkraft")
HANDLER = Recipient(uuid.uuid4(), "Sara Lind", "sara@sundkraft.se", "en", True, "dso_handler", "sundkraft")
ADMIN = Recipient(uuid.uuid4(), "Per Holm", "per@sundkraft.se", "da", True, "dso_admin", "sundkraft")
TEAM_ADMIN = Recipient(
    uuid.uuid4(), "Anna Andersson", "anna@elfirma.se", "sv", True, "team_admin", "sundkraft"
)
COLLEAGUE = Recipient(uuid.uuid4(), "Lars Berg", "lars@elfirma.se", "en", True, "installer", "sundkraft")
CASE: dict[str, Any] = {
    "case_id": uuid.uuid4(),
    "dso_id": "sundkraft",
    "team_id": uuid.uuid4(),
    "installer_id": INSTALLER.user_id,
    "case_type": "fuse_change",
    "address": "Solgatan 20, Helsingborg",
    "case_number": "SK-0000123",
}


def note_by_the_team(**overrides: Any) -> CaseNoteAddedV1:
    values = CASE | {
        "note_id": uuid.uuid4(),
        "author_id": INSTALLER.user_id,
        "author_name": "Erik Svensson",
        "author_side": "team",
        "handler_id": HANDLER.user_id,
        "written_at": datetime.now(UTC),
    }
    return CaseNoteAddedV1(**(values | overrides))


async def handle(uow: FakeUnitOfWork, envelope: EventEnvelope) -> None:
    handlers = {
        **cases.case_handlers(JinjaMailRenderer(), LINKS),
        **team_applications.team_application_handlers(JinjaMailRenderer(), LINKS),
    }
    await handlers[envelope.type](envelope, uow)  # type: ignore[arg-type]


def wrap(payload: EventPayload) -> EventEnvelope:
    return EventEnvelope.wrap(payload, key="k", source="test", tenant="sundkraft")


def created_events(uow: FakeUnitOfWork) -> list[tuple[InAppNotificationCreatedV1, str]]:
    return [(p, key) for p, key in uow.emitted if isinstance(p, InAppNotificationCreatedV1)]


async def test_a_teams_note_rings_the_handler_and_mails_them_in_their_language() -> None:
    uow, envelope = FakeUnitOfWork(INSTALLER, HANDLER), wrap(note_by_the_team())
    await handle(uow, envelope)

    [bell] = uow.in_app.added
    assert (bell.user_id, bell.kind, bell.case_id) == (
        HANDLER.user_id,
        NotificationKind.CASE_NOTE,
        CASE["case_id"],
    )
    assert bell.parameters == {
        "case_number": "SK-0000123",
        "case_type": "fuse_change",
        "address": "Solgatan 20, Helsingborg",
        "actor_name": "Erik Svensson",
    }
    assert (bell.created_at, bell.source_event_id) == (envelope.occurred_at, envelope.event_id)
    [(created, key)] = created_events(uow)
    assert (created.notification_id, created.kind, created.unread, key) == (
        bell.id,
        "case_note",
        1,
        str(HANDLER.user_id),
    )
    [mail] = uow.mails.added
    assert (mail.kind, mail.recipient, mail.language) == ("case_note_added", HANDLER.email, "en")
    assert mail.content.subject == "New note on case SK-0000123"
    assert "Erik Svensson wrote a new note on case SK-0000123." in mail.content.text


async def test_handled_twice_it_rings_and_mails_once() -> None:
    uow, envelope = FakeUnitOfWork(INSTALLER, HANDLER), wrap(note_by_the_team())
    await handle(uow, envelope)
    await handle(uow, envelope)
    assert len(uow.in_app.added) == len(uow.mails.added) == len(created_events(uow)) == 1


async def test_mail_turned_off_still_rings_the_bell() -> None:
    uow = FakeUnitOfWork(INSTALLER, HANDLER, chosen={HANDLER.user_id: {NotificationKind.CASE_NOTE: False}})
    await handle(uow, wrap(note_by_the_team()))
    assert [n.user_id for n in uow.in_app.added] == [HANDLER.user_id]
    assert uow.mails.added == []


async def test_mail_turned_off_for_another_kind_changes_nothing_here() -> None:
    uow = FakeUnitOfWork(INSTALLER, HANDLER, chosen={HANDLER.user_id: {NotificationKind.CASE_STATUS: False}})
    await handle(uow, wrap(note_by_the_team()))
    assert [m.recipient for m in uow.mails.added] == [HANDLER.email]


async def test_an_unknown_user_gets_the_bell_without_a_mail_and_a_deactivated_one_nothing() -> None:
    unknown = FakeUnitOfWork(INSTALLER)
    await handle(unknown, wrap(note_by_the_team()))
    assert [n.user_id for n in unknown.in_app.added] == [HANDLER.user_id] and unknown.mails.added == []

    gone = Recipient(HANDLER.user_id, HANDLER.name, HANDLER.email, "en", False, "dso_handler", "sundkraft")
    deactivated = FakeUnitOfWork(INSTALLER, gone)
    await handle(deactivated, wrap(note_by_the_team()))
    assert deactivated.in_app.added == [] and deactivated.mails.added == [] and deactivated.emitted == []


async def test_the_dsos_note_rings_the_installer() -> None:
    uow = FakeUnitOfWork(INSTALLER, HANDLER)
    note = note_by_the_team(author_id=HANDLER.user_id, author_name="Sara Lind", author_side="dso")
    await handle(uow, wrap(note))
    assert [n.user_id for n in uow.in_app.added] == [INSTALLER.user_id]
    [mail] = uow.mails.added
    assert (mail.recipient, mail.content.subject) == (INSTALLER.email, "Ny anteckning i ärende SK-0000123")


async def test_an_assignment_rings_the_handler_naming_who_assigned_it() -> None:
    uow = FakeUnitOfWork(HANDLER, ADMIN)
    event = CaseHandlerAssignedV1(
        **CASE,
        handler_id=HANDLER.user_id,
        handler_name=HANDLER.name,
        assigned_by=ADMIN.user_id,
        assigned_at=datetime.now(UTC),
    )
    await handle(uow, wrap(event))
    [bell] = uow.in_app.added
    assert (bell.user_id, bell.kind, bell.parameters["actor_name"]) == (
        HANDLER.user_id,
        NotificationKind.CASE_ASSIGNED,
        "Per Holm",
    )
    [mail] = uow.mails.added
    assert (mail.kind, mail.content.subject) == ("case_assigned", "Case SK-0000123 was assigned to you")
    assert "Case SK-0000123 was assigned to you by Per Holm." in mail.content.text


def given_to_the_installer(changed_by: Recipient) -> CaseInstallerChangedV1:
    return CaseInstallerChangedV1(
        **CASE,
        previous_installer_id=COLLEAGUE.user_id,
        installer_name=INSTALLER.name,
        changed_by=changed_by.user_id,
        changed_at=datetime.now(UTC),
    )


async def test_a_case_given_to_another_installer_rings_them_naming_who_gave_it() -> None:
    uow = FakeUnitOfWork(INSTALLER, COLLEAGUE, TEAM_ADMIN)
    envelope = wrap(given_to_the_installer(TEAM_ADMIN))
    await handle(uow, envelope)

    [bell] = uow.in_app.added  # the new installer's only: the previous one is not told
    assert (bell.user_id, bell.kind, bell.case_id) == (
        INSTALLER.user_id,
        NotificationKind.CASE_ASSIGNED,
        CASE["case_id"],
    )
    assert bell.parameters == {
        "case_number": "SK-0000123",
        "case_type": "fuse_change",
        "address": "Solgatan 20, Helsingborg",
        "assigned_as": "installer",
        "actor_name": "Anna Andersson",
    }
    [(created, key)] = created_events(uow)
    assert (created.kind, created.case_id, key) == ("case_assigned", CASE["case_id"], str(INSTALLER.user_id))
    [mail] = uow.mails.added
    assert (mail.kind, mail.recipient, mail.language) == ("case_installer_changed", INSTALLER.email, "sv")
    assert mail.content.subject == "Du har fått ärende SK-0000123: Säkringsändring, Solgatan 20, Helsingborg"
    assert "Anna Andersson har gett dig ett ärende. Det är ditt nu." in mail.content.text
    assert f"https://portal.example.test/arenden/{CASE['case_id']}\n" in mail.content.text


async def test_a_case_taken_by_the_installer_themself_tells_nobody() -> None:
    uow = FakeUnitOfWork(INSTALLER, COLLEAGUE)
    await handle(uow, wrap(given_to_the_installer(INSTALLER)))
    assert uow.in_app.added == [] and uow.mails.added == [] and uow.emitted == []


async def test_a_given_case_follows_the_mail_choice_for_assigned_cases() -> None:
    chosen = {INSTALLER.user_id: {NotificationKind.CASE_ASSIGNED: False}}
    uow = FakeUnitOfWork(INSTALLER, TEAM_ADMIN, chosen=chosen)
    await handle(uow, wrap(given_to_the_installer(TEAM_ADMIN)))
    assert [n.user_id for n in uow.in_app.added] == [INSTALLER.user_id]
    assert uow.mails.added == []


async def test_a_move_by_the_team_rings_the_handler_and_an_automatic_one_names_its_rule() -> None:
    uow = FakeUnitOfWork(INSTALLER, HANDLER)
    base = CASE | {
        "from_status": "in_progress",
        "changed_at": datetime.now(UTC),
        "handler_id": HANDLER.user_id,
    }
    by_installer = CaseStatusChangedV1(
        **base, to_status="completion_notice_received", actor_id=INSTALLER.user_id, actor_role="installer"
    )
    await handle(uow, wrap(by_installer))
    [bell] = uow.in_app.added
    assert (bell.user_id, bell.parameters["actor_name"]) == (HANDLER.user_id, "Erik Svensson")
    assert bell.parameters["status"] == "completion_notice_received"

    automatic = CaseStatusChangedV1(
        **base,
        to_status="in_progress",
        actor_id=uuid.UUID(int=0),
        actor_role="system",
        rule_name="Upp till 25 A",
    )
    await handle(uow, wrap(automatic))
    assert uow.in_app.added[1].user_id == INSTALLER.user_id
    assert uow.in_app.added[1].parameters["rule_name"] == "Upp till 25 A"
    assert "actor_name" not in uow.in_app.added[1].parameters


async def test_a_new_application_rings_the_dsos_admins_and_mails_each_once() -> None:
    inbox_admin = Recipient(
        uuid.uuid4(), "Inkorg", "ansokan@sundkraft.se", "sv", True, "dso_admin", "sundkraft"
    )
    other_dso = Recipient(uuid.uuid4(), "Ole", "ole@kystnet.dk", "da", True, "dso_admin", "kystnet")
    uow = FakeUnitOfWork(ADMIN, HANDLER, inbox_admin, other_dso)
    event = TeamApplicationSubmittedV1(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        dso_name="Sundkraft Elnät AB",
        company_name="Elfirma Solgatan AB",
        organisation_number="5560360793",
        contact_name="Anna Andersson",
        contact_email="anna@elfirma.se",
        language="sv",
        dso_contact_email="ansokan@sundkraft.se",
    )
    await handle(uow, wrap(event))

    assert {n.user_id for n in uow.in_app.added} == {ADMIN.user_id, inbox_admin.user_id}
    assert all(n.parameters["decision"] == "pending" for n in uow.in_app.added)
    # The applicant's confirmation, the DSO's inbox (which is also one admin's address: one mail), the other
    # admin's own, in Danish.
    assert sorted((m.kind, m.recipient, m.language) for m in uow.mails.added) == [
        ("team_application_received_by_dso", "ansokan@sundkraft.se", "sv"),
        ("team_application_received_by_dso", ADMIN.email, "da"),
        ("team_application_submitted", "anna@elfirma.se", "sv"),
    ]


async def test_an_approval_rings_the_new_administrator_without_a_mail_of_its_own() -> None:
    uow = FakeUnitOfWork()
    admin_user_id = uuid.uuid4()
    event = TeamApplicationApprovedV1(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        team_id=uuid.uuid4(),
        admin_user_id=admin_user_id,
        decided_by=ADMIN.user_id,
    )
    await handle(uow, wrap(event))
    [bell] = uow.in_app.added
    assert (bell.user_id, bell.kind, bell.parameters["decision"]) == (
        admin_user_id,
        NotificationKind.APPLICATION_DECISION,
        "approved",
    )
    assert uow.mails.added == []
