"""HTTP: the DSO's handling of a case: who handles it, and who can be given it."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from cases.entrypoints.api.case_out import CaseOut
from cases.entrypoints.api.cases import read_case
from cases.entrypoints.api.deps import CurrentActor, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.assignment import assign_handler, assignable_handlers

router = APIRouter(tags=["handling"])


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Annotated[int, Field(ge=1, description="The version read; a stale one is refused with 409.")]
    handler_id: uuid.UUID | None = Field(description="The handler to give the case to; null: unassigned.")


class HandlerOut(BaseModel):
    id: uuid.UUID
    name: str


@router.put("/cases/{case_id}/handler")
async def assign(
    request: Request, case_id: uuid.UUID, body: AssignmentIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> CaseOut:
    with answered_as_problems(request, actor):
        await assign_handler(uow(), actor, case_id, body.version, body.handler_id, now)
    return await read_case(request, actor, uow, case_id)


@router.get("/handlers")
async def handlers(request: Request, actor: CurrentActor, uow: UowFactory) -> list[HandlerOut]:
    """The DSO's active staff a case can be given to, the caller first."""
    with answered_as_problems(request, actor):
        return [
            HandlerOut(id=user_id, name=name) for user_id, name in await assignable_handlers(uow(), actor)
        ]
