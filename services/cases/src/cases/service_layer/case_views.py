"""What users read: one case with its history and attachments, and the lists."""

import uuid
from dataclasses import dataclass

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.case_list import CaseListQuery, CasePage
from cases.domain.case_types import CaseTypeSchema
from cases.domain.records import Attachment, HistoryEntry
from cases.domain.texts import Texts
from cases.service_layer.access import Actor, NotAllowed, schema_of, visible_case


@dataclass(frozen=True, slots=True)
class CaseView:
    case: Case
    schema: CaseTypeSchema
    history: list[HistoryEntry]
    attachments: list[Attachment]
    names: dict[uuid.UUID, str]  # actors of the history by id


async def case_view(uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID) -> CaseView:
    async with uow:
        case = await visible_case(uow, actor, case_id)
        history = await uow.cases.history(case.id)
        return CaseView(
            case=case,
            schema=await schema_of(uow, case),
            history=history,
            attachments=await uow.cases.attachments(case.id),
            names=await uow.people.names({entry.actor_id for entry in history}),
        )


async def case_page(
    uow: CasesUnitOfWork, query: CaseListQuery, dso_id: str
) -> tuple[CasePage, dict[str, Texts]]:
    """One page of a list already scoped to the actor (see `scope_of`), and the DSO's types to name them."""
    async with uow:
        page = await uow.queries.page(query)
        return page, await uow.case_types.names(dso_id)


def scope_of(actor: Actor) -> dict[str, object]:
    """The list scope the actor is entitled to: their team, or their DSO."""
    if actor.is_team:
        return {"team_id": actor.team_id}
    if actor.is_dso:
        return {"dso_id": actor.dso_id}
    raise NotAllowed("your account belongs to no team or grid company")
