"""Who hears of each case event: the other side of a note, the installer of a case someone else moved, the
handler of a case the team moved, a newly assigned handler, the team's new installer of a case; never the
one who acted."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from contracts.events.cases import (
    ActorRole,
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
    DraftExpiringV1,
    NoteSide,
)
from notifications.domain.audience import (
    hear_of_assignment,
    hear_of_expiring_draft,
    hear_of_installer_change,
    hear_of_note,
    hear_of_status_change,
)

INSTALLER, COLLEAGUE, TEAM_ADMIN, HANDLER, DSO_ADMIN = (uuid.uuid4() for _ in range(5))
SYSTEM = uuid.UUID(int=0)
CASE: dict[str, Any] = {
    "case_id": uuid.uuid4(),
    "dso_id": "sundkraft",
    "team_id": uuid.uuid4(),
    "installer_id": INSTALLER,
    "case_type": "fuse_change",
    "address": "Solgatan 20, Helsingborg",
}


def moved(actor_id: uuid.UUID, actor_role: ActorRole, handler_id: uuid.UUID | None) -> CaseStatusChangedV1:
    return CaseStatusChangedV1(
        **CASE,
        case_number="SK-0000001",
        from_status="in_progress",
        to_status="completion_notice_received",
        actor_id=actor_id,
        actor_role=actor_role,
        changed_at=datetime.now(UTC),
        handler_id=handler_id,
    )


@pytest.mark.parametrize(
    ("actor_id", "actor_role", "handler_id", "audience"),
    [
        # The DSO moves it: the installer hears, the handler (or another DSO user) does not.
        (HANDLER, "dso_handler", HANDLER, [INSTALLER]),
        (DSO_ADMIN, "dso_admin", HANDLER, [INSTALLER]),
        # The installer moves it (a completion notice): the assigned handler hears, nobody if unassigned.
        (INSTALLER, "installer", HANDLER, [HANDLER]),
        (INSTALLER, "installer", None, []),
        # A colleague moves it: the installer and the handler.
        (COLLEAGUE, "team_admin", HANDLER, [INSTALLER, HANDLER]),
        # A DSO's rule approves it on sending: the installer.
        (SYSTEM, "system", None, [INSTALLER]),
        (SYSTEM, "system", HANDLER, [INSTALLER]),
    ],
)
def test_a_status_change_is_heard_by_the_other_side(
    actor_id: uuid.UUID, actor_role: ActorRole, handler_id: uuid.UUID | None, audience: list[uuid.UUID]
) -> None:
    assert list(hear_of_status_change(moved(actor_id, actor_role, handler_id))) == audience


def note(author_id: uuid.UUID, side: NoteSide, handler_id: uuid.UUID | None) -> CaseNoteAddedV1:
    return CaseNoteAddedV1(
        **CASE,
        case_number="SK-0000001",
        note_id=uuid.uuid4(),
        author_id=author_id,
        author_side=side,
        handler_id=handler_id,
        written_at=datetime.now(UTC),
    )


@pytest.mark.parametrize(
    ("author_id", "side", "handler_id", "audience"),
    [
        (INSTALLER, "team", HANDLER, [HANDLER]),
        (COLLEAGUE, "team", HANDLER, [HANDLER]),
        (INSTALLER, "team", None, []),  # unassigned: the DSO's queue counts it, nobody is rung
        (HANDLER, "dso", HANDLER, [INSTALLER]),
        (DSO_ADMIN, "dso", None, [INSTALLER]),
        # A handler who is somehow also the installer is never told of their own note.
        (INSTALLER, "dso", None, []),
    ],
)
def test_a_note_is_heard_by_the_other_side_never_its_author(
    author_id: uuid.UUID, side: NoteSide, handler_id: uuid.UUID | None, audience: list[uuid.UUID]
) -> None:
    assert list(hear_of_note(note(author_id, side, handler_id))) == audience


@pytest.mark.parametrize(
    ("assigned_by", "handler_id", "audience"),
    [
        (DSO_ADMIN, HANDLER, [HANDLER]),
        (HANDLER, HANDLER, []),  # took it themself
        (DSO_ADMIN, None, []),  # back to the queue
    ],
)
def test_an_assignment_is_heard_by_the_new_handler_unless_they_took_it(
    assigned_by: uuid.UUID, handler_id: uuid.UUID | None, audience: list[uuid.UUID]
) -> None:
    event = CaseHandlerAssignedV1(
        **CASE,
        case_number="SK-0000001",
        handler_id=handler_id,
        assigned_by=assigned_by,
        assigned_at=datetime.now(UTC),
    )
    assert list(hear_of_assignment(event)) == audience


@pytest.mark.parametrize(
    ("changed_by", "previous_installer_id", "audience"),
    [
        (COLLEAGUE, COLLEAGUE, [INSTALLER]),  # handed over by the one who had it
        (TEAM_ADMIN, COLLEAGUE, [INSTALLER]),  # the team admin's bulk action: the previous one is not told
        (INSTALLER, COLLEAGUE, []),  # took it themself
    ],
)
def test_an_installer_change_is_heard_by_the_new_installer_unless_they_took_it(
    changed_by: uuid.UUID, previous_installer_id: uuid.UUID, audience: list[uuid.UUID]
) -> None:
    event = CaseInstallerChangedV1(
        **CASE,
        previous_installer_id=previous_installer_id,
        installer_name="Erik Svensson",
        changed_by=changed_by,
        changed_at=datetime.now(UTC),
    )
    assert list(hear_of_installer_change(event)) == audience


def test_an_expiring_draft_is_heard_by_its_installer() -> None:
    event = DraftExpiringV1(**CASE, expires_at=datetime.now(UTC))
    assert list(hear_of_expiring_draft(event)) == [INSTALLER]
