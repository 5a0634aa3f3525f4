"""HTTP: create a case, read it, save its draft, delete a draft (ADR 0005's table)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from cases.entrypoints.api.case_out import CaseOut
from cases.entrypoints.api.deps import CurrentActor, GisService, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.case_views import case_view
from cases.service_layer.drafts import create_case, delete_draft, save_draft

router = APIRouter(tags=["cases"])

FieldValue = Annotated[str | None, Field(max_length=5000)]
Values = Annotated[dict[str, FieldValue], Field(max_length=300)]


class NewCaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_type: str = Field(min_length=1, max_length=40)
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    values: Values = Field(default_factory=dict)


class DraftChangesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The version read; a stale one is refused with 409.")
    values: Values = Field(description="Only the fields given change; null clears one.")


async def read_case(request: Request, actor: CurrentActor, uow: UowFactory, case_id: uuid.UUID) -> CaseOut:
    with answered_as_problems(request, actor):
        return CaseOut.of(await case_view(uow(), actor, case_id, request.app.state.clock()), actor)


@router.post("/cases", status_code=status.HTTP_201_CREATED)
async def new_case(
    request: Request, body: NewCaseIn, actor: CurrentActor, uow: UowFactory, gis: GisService, now: Now
) -> CaseOut:
    with answered_as_problems(request, actor):
        case = await create_case(
            uow(),
            gis,
            actor,
            case_type=body.case_type,
            lon=body.lon,
            lat=body.lat,
            values=body.values,
            now=now,
        )
    return await read_case(request, actor, uow, case.id)


@router.get("/cases/{case_id}")
async def get_case(request: Request, case_id: uuid.UUID, actor: CurrentActor, uow: UowFactory) -> CaseOut:
    return await read_case(request, actor, uow, case_id)


@router.patch("/cases/{case_id}")
async def change_draft(
    request: Request, case_id: uuid.UUID, body: DraftChangesIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> CaseOut:
    with answered_as_problems(request, actor):
        await save_draft(uow(), actor, case_id, body.version, body.values, now)
    return await read_case(request, actor, uow, case_id)


@router.delete("/cases/{case_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_draft(
    request: Request,
    case_id: uuid.UUID,
    actor: CurrentActor,
    uow: UowFactory,
    now: Now,
    version: Annotated[int, Query(ge=1)],
) -> Response:
    with answered_as_problems(request, actor):
        await delete_draft(uow(), actor, case_id, version, now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
