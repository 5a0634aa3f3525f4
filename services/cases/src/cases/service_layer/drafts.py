"""Starting a case at a place, saving its draft, deleting it."""

import uuid
from collections.abc import Mapping
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case, InvalidValues, NotADraft, site_address
from cases.domain.field_values import is_empty
from cases.domain.records import HistoryEntry
from cases.domain.status import CaseStatus
from cases.service_layer import case_events
from cases.service_layer.access import (
    Actor,
    DsoNotSetUp,
    VersionConflict,
    save,
    schema_of,
    search_text_of,
    visible_case,
)
from cases.service_layer.gis import Gis, Place


class OutsideCallersDso(ValueError):
    """The point is in no grid area, or in another DSO's (the installer's team is not registered there)."""


class UnknownCaseType(LookupError):
    pass


async def create_case(
    uow: CasesUnitOfWork,
    gis: Gis,
    actor: Actor,
    *,
    case_type: str,
    lon: float,
    lat: float,
    values: Mapping[str, str | None],
    now: datetime,
) -> Case:
    """A draft at a point routed by GIS: the site fields the installer left empty come from the address."""
    team_id = actor.require_team()
    place = await gis.place_at(lon, lat, token=actor.token)
    if place.dso_id is None:
        raise OutsideCallersDso("the point lies outside every grid area served here")
    if place.dso_id != actor.dso_id:
        raise OutsideCallersDso(
            f"the point lies in {place.grid_area_name or 'a grid area'} of another grid company "
            "than the one your team is registered with"
        )
    async with uow:
        if await uow.dso_settings.get(place.dso_id) is None:
            raise DsoNotSetUp(place.dso_id)
        schema = await uow.case_types.get(place.dso_id, case_type)
        if schema is None:
            raise UnknownCaseType(case_type)
        names = await uow.people.names({actor.user_id})
        initial = _from_place(place, values)
        draft = Case(
            id=uuid.uuid4(),
            dso_id=place.dso_id,
            team_id=team_id,
            installer_id=actor.user_id,
            installer_name=actor.name or names.get(actor.user_id, ""),
            case_type=schema.code,
            case_type_version=schema.version,
            status=CaseStatus.DRAFT,
            values={},
            address="",
            lon=lon,
            lat=lat,
            grid_area_id=place.grid_area_id,
            created_at=now,
            updated_at=now,
        )
        try:
            draft = draft.with_values(schema, initial, now)
        except InvalidValues as invalid:
            # Only the installer's own values can be wrong; report them, not the address we filled in.
            raise InvalidValues(
                {name: error for name, error in invalid.errors.items() if name in values}
            ) from None
        uow.cases.add(draft, search_text_of(draft, schema))
        await uow.flush()
        uow.cases.record(
            HistoryEntry(
                draft.id, None, CaseStatus.DRAFT, actor.user_id, actor.role, now, actor_name=actor.name
            )
        )
        case_events.emit(uow, draft, case_events.created(draft))
        await uow.commit()
        return draft


def _from_place(place: Place, values: Mapping[str, str | None]) -> dict[str, str | None]:
    found = {
        "street": place.street,
        "postcode": place.postcode,
        "city": place.city,
        "property_designation": place.property_designation,
    }
    merged = dict(values)
    for name, value in found.items():
        if value and is_empty(merged.get(name)):
            merged[name] = value
    if not site_address(merged) and place.grid_area_name:
        merged.setdefault("city", place.grid_area_name)
    return merged


async def save_draft(
    uow: CasesUnitOfWork,
    actor: Actor,
    case_id: uuid.UUID,
    version: int,
    changes: Mapping[str, str | None],
    now: datetime,
) -> Case:
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        schema = await schema_of(uow, case)
        saved = await save(uow, case.with_values(schema, changes, now), schema)
        await uow.commit()
        return saved


async def delete_draft(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, version: int, now: datetime
) -> None:
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id, version)
        if case.status != CaseStatus.DRAFT:
            raise NotADraft(case.status)
        if not await uow.cases.delete(case.id, version):
            raise VersionConflict(await uow.cases.current_version(case.id))
        case_events.emit(uow, case, case_events.draft_deleted(case, expired=False, at=now))
        await uow.commit()
