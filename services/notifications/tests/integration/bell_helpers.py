"""Events for the bell's tests: users as identity announces them, notes and installer changes as cases
do."""

import uuid
from datetime import UTC, datetime
from typing import Any

from contracts import EventEnvelope, EventPayload
from contracts.events.cases import CaseInstallerChangedV1, CaseNoteAddedV1
from contracts.events.identity import Language, Role, UserCreatedV1

DSO = "sundkraft"


def wrap(payload: EventPayload, key: uuid.UUID) -> EventEnvelope:
    return EventEnvelope.wrap(payload, key=str(key), source="test", tenant=DSO)


def user_created(
    user_id: uuid.UUID, email: str, *, role: Role, name: str, language: Language = "sv"
) -> EventEnvelope:
    payload = UserCreatedV1(
        user_id=user_id,
        role=role,
        team_id=uuid.uuid4() if role in ("installer", "team_admin") else None,
        dso_id=DSO,
        name=name,
        email=email,
        language=language,
        authorisations=["electricity"],
    )
    return wrap(payload, user_id)


def note_added(
    *, installer_id: uuid.UUID, author_id: uuid.UUID, handler_id: uuid.UUID | None, **overrides: Any
) -> EventEnvelope:
    case_id = uuid.uuid4()
    values: dict[str, Any] = {
        "case_id": case_id,
        "dso_id": DSO,
        "team_id": uuid.uuid4(),
        "installer_id": installer_id,
        "case_type": "fuse_change",
        "address": "Solgatan 20, Helsingborg",
        "case_number": "SK-0000123",
        "note_id": uuid.uuid4(),
        "author_id": author_id,
        "author_name": "Erik Svensson",
        "author_side": "team",
        "handler_id": handler_id,
        "written_at": datetime.now(UTC),
    }
    return wrap(CaseNoteAddedV1(**(values | overrides)), case_id)


def installer_changed(
    *, installer_id: uuid.UUID, previous_installer_id: uuid.UUID, changed_by: uuid.UUID
) -> EventEnvelope:
    """A project's "change installer": the case given to `installer_id` of the same team."""
    case_id = uuid.uuid4()
    payload = CaseInstallerChangedV1(
        case_id=case_id,
        dso_id=DSO,
        team_id=uuid.uuid4(),
        installer_id=installer_id,
        case_type="fuse_change",
        address="Solgatan 20, Helsingborg",
        case_number="SK-0000123",
        project_id=uuid.uuid4(),
        group_id=uuid.uuid4(),
        previous_installer_id=previous_installer_id,
        installer_name="Erik Svensson",
        changed_by=changed_by,
        changed_at=datetime.now(UTC),
    )
    return wrap(payload, case_id)
