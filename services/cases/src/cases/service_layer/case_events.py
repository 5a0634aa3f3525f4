"""Cases translated into the integration events others consume (contracts' names and shapes)."""

import uuid
from datetime import datetime
from typing import Any

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.lifecycle import Transition
from cases.domain.notes import Note
from cases.domain.records import Attachment
from cases.service_layer.access import Actor
from contracts.events.cases import (
    CaseAttachmentAddedV1,
    CaseCreatedV1,
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
    CaseSubmittedV1,
    DraftDeletedV1,
    DraftExpiringV1,
)
from contracts.payload import EventPayload


def _about(case: Case) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "dso_id": case.dso_id,
        "team_id": case.team_id,
        "installer_id": case.installer_id,
        "case_type": case.case_type,
        "address": case.address,
        "project_id": case.project.project_id if case.project else None,
        "group_id": case.project.group_id if case.project else None,
    }


def emit(uow: CasesUnitOfWork, case: Case, payload: EventPayload) -> None:
    uow.emit(payload, key=str(case.id), tenant=case.dso_id)


def created(case: Case) -> CaseCreatedV1:
    return CaseCreatedV1(**_about(case), grid_area_id=case.grid_area_id, created_at=case.created_at)


def submitted(case: Case, actor: Actor) -> CaseSubmittedV1:
    assert case.case_number is not None and case.submitted_at is not None
    return CaseSubmittedV1(
        **_about(case),
        case_number=case.case_number,
        submitted_by=actor.user_id,
        submitted_at=case.submitted_at,
    )


def status_changed(
    case: Case, step: Transition, actor_id: uuid.UUID, at: datetime, rule_name: str | None = None
) -> CaseStatusChangedV1:
    return CaseStatusChangedV1(
        **_about(case),
        case_number=case.case_number or "",
        from_status=step.from_status.value,
        to_status=step.to_status.value,
        actor_id=actor_id,
        actor_role=step.actor_role.value,
        reason=step.reason,
        changed_at=at,
        rule_name=rule_name,
        handler_id=case.handler_id,
    )


def handler_assigned(case: Case, actor: Actor, at: datetime) -> CaseHandlerAssignedV1:
    return CaseHandlerAssignedV1(
        **_about(case),
        case_number=case.case_number or "",
        handler_id=case.handler_id,
        handler_name=case.handler_name,
        assigned_by=actor.user_id,
        assigned_at=at,
    )


def installer_changed(
    case: Case, previous_installer_id: uuid.UUID, changed_by: uuid.UUID, at: datetime
) -> CaseInstallerChangedV1:
    return CaseInstallerChangedV1(
        **_about(case),
        case_number=case.case_number or "",
        previous_installer_id=previous_installer_id,
        installer_name=case.installer_name,
        changed_by=changed_by,
        changed_at=at,
    )


def note_added(case: Case, note: Note) -> CaseNoteAddedV1:
    return CaseNoteAddedV1(
        **_about(case),
        case_number=case.case_number or "",
        note_id=note.id,
        author_id=note.author_id,
        author_name=note.author_name,
        author_side=note.author_side.value,
        handler_id=case.handler_id,
        written_at=note.written_at,
    )


def attachment_added(case: Case, attachment: Attachment) -> CaseAttachmentAddedV1:
    return CaseAttachmentAddedV1(
        **_about(case),
        attachment_id=attachment.id,
        file_name=attachment.file_name,
        category=attachment.category,
        added_by=attachment.uploaded_by,
    )


def draft_expiring(case: Case) -> DraftExpiringV1:
    assert case.expires_at is not None
    return DraftExpiringV1(**_about(case), expires_at=case.expires_at)


def draft_deleted(case: Case, *, expired: bool, at: datetime) -> DraftDeletedV1:
    return DraftDeletedV1(**_about(case), expired=expired, deleted_at=at)
