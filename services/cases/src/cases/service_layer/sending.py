"""Sending a draft to its DSO: complete or nothing, then the DSO's next number."""

import uuid
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.case_number import format_case_number
from cases.domain.records import HistoryEntry
from cases.service_layer import case_events
from cases.service_layer.access import Actor, save, schema_of, visible_case


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
        case.check_complete(schema, categories, actor.language)
        prefix, number = await uow.dso_settings.next_number(case.dso_id)
        sent, step = case.submitted(
            schema, categories, format_case_number(prefix, number), now, actor.language
        )
        saved = await save(uow, sent, schema)
        uow.cases.record(
            HistoryEntry(
                case.id,
                step.from_status,
                step.to_status,
                actor.user_id,
                actor.role,
                now,
                actor_name=actor.name,
            )
        )
        case_events.emit(uow, saved, case_events.submitted(saved, actor))
        await uow.commit()
        return saved
