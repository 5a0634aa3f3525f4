""" "Hämta anl-data" and "Kopiera från ägare" on a draft (rules in the domain's facility_fill)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.facility_fill import FillResult, copy_owner_to_payer, fill_from_facility
from cases.service_layer.access import Actor, save, schema_of, visible_case
from cases.service_layer.gis import Gis


@dataclass(frozen=True, slots=True)
class Filled:
    case: Case
    changed_fields: tuple[str, ...]


async def fetch_facility_data(
    uow: CasesUnitOfWork,
    gis: Gis,
    actor: Actor,
    case_id: uuid.UUID,
    version: int,
    *,
    ean: str | None,
    meter_number: str | None,
    overwrite: bool,
    now: datetime,
) -> Filled:
    """FacilityUnknown / InvalidFacilityNumber leave the case as it was."""
    actor.require_team()
    async with uow:
        await visible_case(uow, actor, case_id, version)  # refuse before asking GIS anything
    fetched = await gis.facility(ean=ean, meter_number=meter_number, token=actor.token)
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        schema = await schema_of(uow, case)
        # Only what this form has and can hold (a registry fuse size the form does not offer stays out).
        usable = {
            name: value
            for name, value in fetched.items()
            if (spec := schema.field(name)) is not None and spec.error(value) is None
        }
        result = fill_from_facility(case.values, usable, overwrite)
        return await _apply(uow, case, result, now)


async def copy_owner(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, version: int, now: datetime
) -> Filled:
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        return await _apply(uow, case, copy_owner_to_payer(case.values), now)


async def _apply(uow: CasesUnitOfWork, case: Case, result: FillResult, now: datetime) -> Filled:
    if not result.changed_fields:
        return Filled(case, ())
    schema = await schema_of(uow, case)
    changes = {name: result.values[name] for name in result.changed_fields}
    saved = await save(uow, case.with_values(schema, changes, now), schema)
    await uow.commit()
    return Filled(saved, result.changed_fields)
