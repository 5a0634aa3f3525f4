"""HTTP: the lists: sent cases ("Ärenden") and drafts ("Utkast"), scoped to the caller's team or DSO."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from cases.domain.case_list import CaseListQuery, Sort
from cases.domain.status import CaseStatus
from cases.entrypoints.api.case_out import CasePageOut, CaseSummaryOut
from cases.entrypoints.api.deps import CurrentActor, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.access import Actor
from cases.service_layer.case_views import case_page, scope_of

router = APIRouter(tags=["case lists"])
Text = Annotated[str, Query(max_length=200, description="every word must occur in some shown column")]
Page = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int, Query(description="10, 25, 50 or 100")]


@router.get("/cases")
async def list_cases(
    request: Request,
    actor: CurrentActor,
    uow: UowFactory,
    status: Annotated[list[CaseStatus] | None, Query()] = None,
    case_type: Annotated[str | None, Query(max_length=40)] = None,
    q: Text = "",
    mine: bool = False,
    sort: Annotated[str, Query(max_length=30)] = "-created_at",
    page: Page = 1,
    page_size: PageSize = 10,
) -> CasePageOut:
    with answered_as_problems(request, actor):
        query = CaseListQuery(
            **scope_of(actor),  # type: ignore[arg-type]
            statuses=tuple(s for s in status or () if s != CaseStatus.DRAFT),
            case_type=case_type or None,
            installer_id=actor.user_id if mine else None,
            text=q,
            sort=Sort.parse(sort),
            page=page,
            page_size=page_size,
        )
        return await _answer(actor, uow, query)


@router.get("/drafts")
async def list_drafts(
    request: Request,
    actor: CurrentActor,
    uow: UowFactory,
    q: Text = "",
    mine: bool = False,
    page: Page = 1,
    page_size: PageSize = 25,
) -> CasePageOut:
    with answered_as_problems(request, actor):
        team_id = actor.require_team()
        query = CaseListQuery(
            team_id=team_id,
            drafts=True,
            installer_id=actor.user_id if mine else None,
            text=q,
            sort=Sort("updated_at", True),
            page=page,
            page_size=page_size,
        )
        return await _answer(actor, uow, query)


async def _answer(actor: Actor, uow: UowFactory, query: CaseListQuery) -> CasePageOut:
    found, types = await case_page(uow(), query, actor.dso_id or "")
    return CasePageOut(
        items=[CaseSummaryOut.of(item, types, actor.language) for item in found.items],
        total=found.total,
        page=query.page,
        page_size=query.page_size,
    )
