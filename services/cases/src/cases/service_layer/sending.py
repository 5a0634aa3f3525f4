"""Sending a draft to its DSO: complete or nothing, then the DSO's next number, its service-level clock
and, where one of the DSO's rules for the type holds, its automatic approval."""

import uuid
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.approval_rules import approval_for
from cases.domain.case import Case
from cases.domain.case_number import format_case_number
from cases.domain.case_types import CaseTypeSchema
from cases.domain.lifecycle import transition
from cases.domain.records import HistoryEntry
from cases.domain.roles import ActorRole
from cases.domain.service_level import ServiceLevelClock
from cases.domain.status import CaseStatus
from cases.domain.texts import Language
from cases.domain.working_days import WorkingCalendar
from cases.service_layer import case_events
from cases.service_layer.access import Actor, calendar_of, save, schema_of, visible_case

# Who approved, where a person's id would be: no user has it (identity's ids are random UUIDs).
SYSTEM_ACTOR_ID = uuid.UUID(int=0)


async def submit_case(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, version: int, now: datetime
) -> Case:
    """Incomplete lists every missing field and attachment; on success the case has its number and the
    DSO sees it. The number is taken last, so a refused send never holds the DSO's counter row."""
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        schema = await schema_of(uow, case)
        categories = {a.category for a in await uow.cases.attachments(case.id) if a.category}
        sent = await send_draft(uow, actor, case, schema, categories, now)
        await uow.commit()
        return sent


async def send_draft(
    uow: CasesUnitOfWork,
    actor: Actor,
    case: Case,
    schema: CaseTypeSchema,
    categories: Collection[str],
    now: datetime,
) -> Case:
    """The draft sent in the open unit of work (its steps recorded, its events emitted), approved at once
    where a rule of the DSO holds."""
    case.check_complete(schema, categories, actor.language)
    policy = await uow.policies.get(case.dso_id, case.case_type)
    calendar = await calendar_of(uow, case.dso_id)
    prefix, number = await uow.dso_settings.next_number(case.dso_id)
    sent, step = case.submitted(schema, categories, format_case_number(prefix, number), now, actor.language)
    sent = replace(
        sent,
        clock=ServiceLevelClock.started(policy.target_working_days, calendar.local_date(now), calendar),
    )
    saved = await save(uow, sent, schema)
    uow.cases.record(
        HistoryEntry(
            case.id, step.from_status, step.to_status, actor.user_id, actor.role, now, actor_name=actor.name
        )
    )
    case_events.emit(uow, saved, case_events.submitted(saved, actor))
    language: Language = "da" if calendar.country == "DK" else "sv"
    if approval := approval_for(policy.approval_rules, schema, saved.values, language):
        saved = await _approve(uow, saved, schema, calendar, approval.rule.name, approval.explanation, now)
    return saved


async def _approve(
    uow: CasesUnitOfWork,
    case: Case,
    schema: CaseTypeSchema,
    calendar: WorkingCalendar,
    rule_name: str,
    explanation: str,
    now: datetime,
) -> Case:
    """The DSO's rule approves the case in the send's own transaction: nobody ever sees it waiting."""
    step = transition(case.status, CaseStatus.IN_PROGRESS, ActorRole.SYSTEM, rule_name)
    approved = replace(case, status=step.to_status).clocked(calendar, now)
    saved = await save(uow, approved, schema)
    uow.cases.record(
        HistoryEntry(
            case.id,
            step.from_status,
            step.to_status,
            SYSTEM_ACTOR_ID,
            ActorRole.SYSTEM,
            now,
            reason=rule_name,
            detail=explanation,
        )
    )
    case_events.emit(uow, saved, case_events.status_changed(saved, step, SYSTEM_ACTOR_ID, now, rule_name))
    return saved
