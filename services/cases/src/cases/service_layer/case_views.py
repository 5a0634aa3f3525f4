"""What users read: one case with its history and attachments, and the lists."""

import enum
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.case_list import CaseListQuery, CasePage
from cases.domain.case_types import CaseTypeSchema
from cases.domain.notes import Side
from cases.domain.records import Attachment, HistoryEntry
from cases.domain.service_level import NEAR_DUE_WORKING_DAYS, ServiceLevelClock, Urgency, Waited, waited
from cases.domain.status import CaseStatus
from cases.domain.texts import Texts
from cases.service_layer.access import Actor, NotAllowed, calendar_of, schema_of, visible_case


@dataclass(frozen=True, slots=True)
class ServiceLevelView:
    waited: Waited
    target_days: int | None
    due_on: date | None
    urgency: Urgency


@dataclass(frozen=True, slots=True)
class CaseView:
    case: Case
    schema: CaseTypeSchema
    history: list[HistoryEntry]
    attachments: list[Attachment]
    names: dict[uuid.UUID, str]  # actors of the history by id
    service_level: ServiceLevelView | None  # None for drafts: nobody waits on a case not sent
    unread_notes: int


async def case_view(uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, now: datetime) -> CaseView:
    async with uow:
        case = await visible_case(uow, actor, case_id)
        history = await uow.cases.history(case.id)
        unread = await uow.notes.unread_counts([case.id], Side.of(actor.role))
        level = None
        if case.status != CaseStatus.DRAFT:
            calendar = await calendar_of(uow, case.dso_id)
            level = ServiceLevelView(
                waited(history, now, calendar),
                case.clock.target_days,
                case.clock.due_on,
                case.clock.urgency(calendar.local_date(now), calendar),
            )
        return CaseView(
            case=case,
            schema=await schema_of(uow, case),
            history=history,
            attachments=await uow.cases.attachments(case.id),
            names=await uow.people.names({entry.actor_id for entry in history}),
            service_level=level,
            unread_notes=unread.get(case.id, 0),
        )


@dataclass(frozen=True, slots=True)
class ListedCases:
    page: CasePage
    type_names: dict[str, Texts]
    unread_notes: dict[uuid.UUID, int]
    urgency: dict[uuid.UUID, Urgency]


class Due(enum.StrEnum):
    """The queue's service-level filter."""

    OVERDUE = "overdue"  # past the type's target
    SOON = "soon"  # overdue, or due within NEAR_DUE_WORKING_DAYS


async def case_page(
    uow: CasesUnitOfWork, query: CaseListQuery, actor: Actor, now: datetime, due: Due | None = None
) -> ListedCases:
    """One page of a list already scoped to the actor (see `scope_of`), the DSO's types to name them, and
    per case the notes the actor's side has not read and how urgent it is for the DSO."""
    dso_id = actor.dso_id or ""
    async with uow:
        calendar = await calendar_of(uow, dso_id) if await uow.dso_settings.get(dso_id) else None
        if due is not None and calendar is not None:
            today = calendar.local_date(now)
            last_day = (
                today - timedelta(days=1)
                if due == Due.OVERDUE
                else calendar.add_working_days(today, NEAR_DUE_WORKING_DAYS)
            )
            query = replace(query, due_by=last_day)
        page = await uow.queries.page(query)
        ids = [item.id for item in page.items]
        urgency = {}
        if calendar is not None:
            today = calendar.local_date(now)
            for item in page.items:
                clock = ServiceLevelClock(due_on=item.sla_due_on)
                urgency[item.id] = clock.urgency(today, calendar)
        return ListedCases(
            page,
            await uow.case_types.names(dso_id),
            await uow.notes.unread_counts(ids, Side.of(actor.role)),
            urgency,
        )


def scope_of(actor: Actor) -> dict[str, object]:
    """The list scope the actor is entitled to: their team, or their DSO."""
    if actor.is_team:
        return {"team_id": actor.team_id}
    if actor.is_dso:
        return {"dso_id": actor.dso_id}
    raise NotAllowed("your account belongs to no team or grid company")
