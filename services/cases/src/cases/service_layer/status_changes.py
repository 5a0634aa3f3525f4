"""Moving a sent case through its life cycle, by role (domain/lifecycle.py), and the completion notice."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.completion_notice import COMPLETION_NOTICE_FIELDS
from cases.domain.lifecycle import Transition
from cases.domain.records import HistoryEntry
from cases.domain.status import CaseStatus
from cases.service_layer import case_events
from cases.service_layer.access import Actor, calendar_of, save_all, schema_of, visible_case


async def move_case(
    uow: CasesUnitOfWork,
    actor: Actor,
    case_id: uuid.UUID,
    version: int,
    to: CaseStatus,
    reason: str | None,
    now: datetime,
) -> Case:
    """IllegalTransition names what the caller may do instead; ReasonRequired for a bare rejection.
    Sending is its own command (it needs completeness and a number)."""
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        moved, step = case.moved(to, actor.role, reason, now)
        saved = await record_move(uow, actor, moved, step, now)
        await uow.commit()
        return saved


async def send_completion_notice(
    uow: CasesUnitOfWork,
    actor: Actor,
    case_id: uuid.UUID,
    version: int,
    values: Mapping[str, str | None],
    now: datetime,
) -> Case:
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        noticed, step = case.with_completion_notice(
            COMPLETION_NOTICE_FIELDS, values, actor.role, now, actor.language
        )
        saved = await record_move(uow, actor, noticed, step, now)
        await uow.commit()
        return saved


async def record_move(
    uow: CasesUnitOfWork, actor: Actor, case: Case, step: Transition, now: datetime
) -> Case:
    """The moved case saved with its clock, its history step and its event, in the open unit of work."""
    [saved] = await record_moves(uow, actor, [(case, step)], now)
    return saved


async def record_moves(
    uow: CasesUnitOfWork, actor: Actor, moves: Sequence[tuple[Case, Transition]], now: datetime
) -> list[Case]:
    """`record_move` for many cases (a bulk action's part), written at once."""
    calendars = {dso_id: await calendar_of(uow, dso_id) for dso_id in {case.dso_id for case, _ in moves}}
    clocked = [(case.clocked(calendars[case.dso_id], now), step) for case, step in moves]
    saved = await save_all(uow, [(case, await schema_of(uow, case)) for case, _ in clocked])
    for case, (_, step) in zip(saved, clocked, strict=True):
        uow.cases.record(
            HistoryEntry(
                case.id,
                step.from_status,
                step.to_status,
                actor.user_id,
                actor.role,
                now,
                step.reason,
                actor.name,
            )
        )
        case_events.emit(uow, case, case_events.status_changed(case, step, actor.user_id, now))
    return saved
