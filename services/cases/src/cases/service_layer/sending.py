"""Sending a draft to its DSO: complete or nothing, then the DSO's next number, its service-level clock
and, where one of the DSO's rules for the type holds, its automatic approval."""

import uuid
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.approval_rules import Approval, approval_for
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
from cases.service_layer.access import Actor, calendar_of, save_all, schema_of, visible_case

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
    [sent] = await send_drafts(uow, actor, [case], schema, categories, now)
    return sent


async def send_drafts(
    uow: CasesUnitOfWork,
    actor: Actor,
    cases: Sequence[Case],
    schema: CaseTypeSchema,
    categories: Collection[str],
    now: datetime,
) -> list[Case]:
    """`send_draft` for many drafts of one DSO and type (an import's part), numbered in their order and
    written together."""
    if not cases:
        return []
    dso_id, case_type = cases[0].dso_id, cases[0].case_type
    if any((case.dso_id, case.case_type) != (dso_id, case_type) for case in cases):
        raise ValueError("drafts are sent together only when of one grid company and case type")
    for case in cases:
        case.check_complete(schema, categories, actor.language)
    policy = await uow.policies.get(dso_id, case_type)
    calendar = await calendar_of(uow, dso_id)
    prefix, numbers = await uow.dso_settings.next_numbers(dso_id, len(cases))
    clock = ServiceLevelClock.started(policy.target_working_days, calendar.local_date(now), calendar)
    submitted = [
        case.submitted(schema, categories, format_case_number(prefix, number), now, actor.language)
        for case, number in zip(cases, numbers, strict=True)
    ]
    saved = await save_all(uow, [(replace(sent, clock=clock), schema) for sent, _ in submitted])
    for sent, (_, step) in zip(saved, submitted, strict=True):
        uow.cases.record(
            HistoryEntry(
                sent.id,
                step.from_status,
                step.to_status,
                actor.user_id,
                actor.role,
                now,
                actor_name=actor.name,
            )
        )
        case_events.emit(uow, sent, case_events.submitted(sent, actor))
    language: Language = "da" if calendar.country == "DK" else "sv"
    approvals = {
        index: approval
        for index, sent in enumerate(saved)
        if (approval := approval_for(policy.approval_rules, schema, sent.values, language))
    }
    if approvals:
        approved = await _approve(uow, [(saved[i], a) for i, a in approvals.items()], schema, calendar, now)
        for index, case in zip(approvals, approved, strict=True):
            saved[index] = case
    return saved


async def _approve(
    uow: CasesUnitOfWork,
    approvals: Sequence[tuple[Case, Approval]],
    schema: CaseTypeSchema,
    calendar: WorkingCalendar,
    now: datetime,
) -> list[Case]:
    """The DSO's rule approves each case in the send's own transaction: nobody ever sees it waiting."""
    steps = [
        transition(case.status, CaseStatus.IN_PROGRESS, ActorRole.SYSTEM, approval.rule.name)
        for case, approval in approvals
    ]
    saved = await save_all(
        uow,
        [
            (replace(case, status=step.to_status).clocked(calendar, now), schema)
            for (case, _), step in zip(approvals, steps, strict=True)
        ],
    )
    for case, (_, approval), step in zip(saved, approvals, steps, strict=True):
        rule_name = approval.rule.name
        uow.cases.record(
            HistoryEntry(
                case.id,
                step.from_status,
                step.to_status,
                SYSTEM_ACTOR_ID,
                ActorRole.SYSTEM,
                now,
                reason=rule_name,
                detail=approval.explanation,
            )
        )
        case_events.emit(uow, case, case_events.status_changed(case, step, SYSTEM_ACTOR_ID, now, rule_name))
    return saved
