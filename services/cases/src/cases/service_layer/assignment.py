"""Giving a sent case to one of the DSO's handlers: oneself, a colleague, or back to the unassigned queue."""

import uuid
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.records import HistoryEntry, HistoryKind
from cases.service_layer import case_events
from cases.service_layer.access import Actor, NotAllowed, save, schema_of, visible_case


class UnknownHandler(LookupError):
    """Not an active member of the caller's DSO."""


async def assign_handler(
    uow: CasesUnitOfWork,
    actor: Actor,
    case_id: uuid.UUID,
    version: int,
    handler_id: uuid.UUID | None,
    now: datetime,
) -> Case:
    if not actor.is_dso:
        raise NotAllowed("only the grid company assigns its handlers")
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        name = await handler_name(uow, actor, handler_id)
        saved = await record_assignment(uow, actor, case, handler_id, name, now)
        await uow.commit()
        return saved


async def record_assignment(
    uow: CasesUnitOfWork,
    actor: Actor,
    case: Case,
    handler_id: uuid.UUID | None,
    name: str,
    now: datetime,
) -> Case:
    """The case given to `handler_id` (named `name`), saved with its history step and event, in the open
    unit of work; NotAssignable when it cannot be."""
    assigned = case.assigned(handler_id, name, actor.role, now)
    saved = await save(uow, assigned, await schema_of(uow, case))
    uow.cases.record(
        HistoryEntry(
            case.id,
            case.status,
            case.status,
            actor.user_id,
            actor.role,
            now,
            actor_name=actor.name,
            kind=HistoryKind.ASSIGNED,
            detail=name,
        )
    )
    case_events.emit(uow, saved, case_events.handler_assigned(saved, actor, now))
    return saved


async def assignable_handlers(uow: CasesUnitOfWork, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """Who the caller may give a case to: the DSO's active staff, the caller first."""
    if not actor.is_dso or actor.dso_id is None:
        raise NotAllowed("only the grid company assigns its handlers")
    async with uow:
        staff = await uow.people.dso_staff(actor.dso_id)
    others = [(person.user_id, person.name) for person in staff if person.user_id != actor.user_id]
    return [(actor.user_id, actor.name), *others]


async def handler_name(uow: CasesUnitOfWork, actor: Actor, handler_id: uuid.UUID | None) -> str:
    if handler_id is None:
        return ""
    if handler_id == actor.user_id:
        return actor.name  # signed into the token: taking a case needs no directory
    assert actor.dso_id is not None
    for person in await uow.people.dso_staff(actor.dso_id):
        if person.user_id == handler_id:
            return person.name
    raise UnknownHandler(handler_id)
