"""HTTP: the lists: sent cases ("Ärenden") and drafts ("Utkast"), scoped to the caller's team or DSO."""

import uuid
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from cases.domain.case_list import CaseListQuery, InvalidListQuery, Sort
from cases.domain.status import CaseStatus
from cases.entrypoints.api.case_out import CasePageOut, CaseSummaryOut
from cases.entrypoints.api.deps import CurrentActor, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.access import Actor
from cases.service_layer.case_views import Due, case_page, scope_of

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
    handler: Annotated[
        str | None, Query(max_length=40, description="`me`, `none` (unassigned) or a handler's id")
    ] = None,
    min_age_days: Annotated[
        int | None, Query(ge=0, le=3650, description="sent at least so many days ago")
    ] = None,
    due: Annotated[
        Due | None, Query(description="`overdue`, or `soon` (overdue or due within two working days)")
    ] = None,
    sort: Annotated[str, Query(max_length=30)] = "-created_at",
    page: Page = 1,
    page_size: PageSize = 10,
) -> CasePageOut:
    with answered_as_problems(request, actor):
        handler_id, unassigned = _handler_filter(actor, handler)
        now: datetime = request.app.state.clock()
        query = CaseListQuery(
            **scope_of(actor),  # type: ignore[arg-type]
            statuses=tuple(s for s in status or () if s != CaseStatus.DRAFT),
            case_type=case_type or None,
            installer_id=actor.user_id if mine else None,
            handler_id=handler_id,
            unassigned=unassigned,
            submitted_before=None if min_age_days is None else now - timedelta(days=min_age_days),
            text=q,
            sort=Sort.parse(sort),
            page=page,
            page_size=page_size,
        )
        return await _answer(request, actor, uow, query, due)


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
        return await _answer(request, actor, uow, query)


def _handler_filter(actor: Actor, handler: str | None) -> tuple[uuid.UUID | None, bool]:
    """(handler id, unassigned) from `me`, `none` or an id."""
    if not handler:
        return None, False
    if handler == "none":
        return None, True
    if handler == "me":
        return actor.user_id, False
    try:
        return uuid.UUID(handler), False
    except ValueError:
        raise InvalidListQuery("handler", "must be me, none or a handler's id") from None


async def _answer(
    request: Request, actor: Actor, uow: UowFactory, query: CaseListQuery, due: Due | None = None
) -> CasePageOut:
    listed = await case_page(uow(), query, actor, request.app.state.clock(), due)
    return CasePageOut(
        items=[CaseSummaryOut.of(item, listed, actor.language) for item in listed.page.items],
        total=listed.page.total,
        page=query.page,
        page_size=query.page_size,
    )
