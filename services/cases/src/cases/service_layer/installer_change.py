"""Giving a case to another member of its installer team (a project's bulk "change installer")."""

import uuid
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.records import HistoryEntry, HistoryKind
from cases.service_layer import case_events
from cases.service_layer.access import Actor, save, schema_of


async def record_installer_change(
    uow: CasesUnitOfWork, actor: Actor, case: Case, installer_id: uuid.UUID, name: str, now: datetime
) -> Case:
    """The case handed to `installer_id` (a member of its team, checked by the caller), saved with its
    history step and event, in the open unit of work; NotReassignable when it cannot be."""
    given = case.given_to(installer_id, name, actor.role, now)
    saved = await save(uow, given, await schema_of(uow, case))
    uow.cases.record(
        HistoryEntry(
            case.id,
            case.status,
            case.status,
            actor.user_id,
            actor.role,
            now,
            actor_name=actor.name,
            kind=HistoryKind.INSTALLER_CHANGED,
            detail=name,
        )
    )
    case_events.emit(uow, saved, case_events.installer_changed(saved, case.installer_id, actor.user_id, now))
    return saved
