"""HTTP: what is done to a case: fetch facility data, copy owner to payer, send, move, completion notice."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from cases.domain.status import CaseStatus
from cases.entrypoints.api.case_out import CaseOut
from cases.entrypoints.api.cases import Values, read_case
from cases.entrypoints.api.deps import CurrentActor, GisService, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.facility_data import copy_owner, fetch_facility_data
from cases.service_layer.gis import FacilityUnknown, InvalidFacilityNumber
from cases.service_layer.sending import submit_case
from cases.service_layer.status_changes import move_case, send_completion_notice
from servicekit.problems import FieldError, NotFound, invalid_field

router = APIRouter(tags=["cases"])
Version = Annotated[int, Field(ge=1, description="The version read; a stale one is refused with 409.")]


class VersionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version


class FacilityLookupIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: Version
    ean: str | None = Field(None, max_length=40)
    meter_number: str | None = Field(None, max_length=40)
    overwrite: bool = Field(
        description="True replaces every value; false fills only empty fields "
        "(EAN, technical and meter number always follow the registry)."
    )

    @model_validator(mode="after")
    def _one_number(self) -> "FacilityLookupIn":
        if bool(self.ean) == bool(self.meter_number):
            raise ValueError("give either an EAN or a meter number")
        return self


class FilledOut(BaseModel):
    case: CaseOut
    changed_fields: list[str]


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    to_status: CaseStatus
    reason: str | None = Field(None, max_length=2000)


class CompletionNoticeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    values: Values


@router.post("/cases/{case_id}/facility-data")
async def facility_data(
    request: Request,
    case_id: uuid.UUID,
    body: FacilityLookupIn,
    actor: CurrentActor,
    uow: UowFactory,
    gis: GisService,
    now: Now,
) -> FilledOut:
    number_field = "ean" if body.ean else "meter_number"
    with answered_as_problems(request, actor):
        try:
            filled = await fetch_facility_data(
                uow(),
                gis,
                actor,
                case_id,
                body.version,
                ean=body.ean or None,
                meter_number=body.meter_number or None,
                overwrite=body.overwrite,
                now=now,
            )
        except FacilityUnknown:
            raise NotFound(
                "no facility with this number in your grid company; nothing was changed",
                errors=[FieldError(number_field, "no facility with this number")],
            ) from None
        except InvalidFacilityNumber as invalid:
            raise invalid_field(number_field, str(invalid)) from None
    return FilledOut(
        case=await read_case(request, actor, uow, case_id), changed_fields=list(filled.changed_fields)
    )


@router.post("/cases/{case_id}/copy-owner-to-payer")
async def owner_to_payer(
    request: Request, case_id: uuid.UUID, body: VersionIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> FilledOut:
    with answered_as_problems(request, actor):
        filled = await copy_owner(uow(), actor, case_id, body.version, now)
    return FilledOut(
        case=await read_case(request, actor, uow, case_id), changed_fields=list(filled.changed_fields)
    )


@router.post("/cases/{case_id}/submit")
async def submit(
    request: Request, case_id: uuid.UUID, body: VersionIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> CaseOut:
    with answered_as_problems(request, actor):
        await submit_case(uow(), actor, case_id, body.version, now)
    return await read_case(request, actor, uow, case_id)


@router.post("/cases/{case_id}/transitions")
async def transition(
    request: Request, case_id: uuid.UUID, body: TransitionIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> CaseOut:
    with answered_as_problems(request, actor):
        await move_case(uow(), actor, case_id, body.version, body.to_status, body.reason, now)
    return await read_case(request, actor, uow, case_id)


@router.post("/cases/{case_id}/completion-notice")
async def completion_notice(
    request: Request,
    case_id: uuid.UUID,
    body: CompletionNoticeIn,
    actor: CurrentActor,
    uow: UowFactory,
    now: Now,
) -> CaseOut:
    with answered_as_problems(request, actor):
        await send_completion_notice(uow(), actor, case_id, body.version, body.values, now)
    return await read_case(request, actor, uow, case_id)
