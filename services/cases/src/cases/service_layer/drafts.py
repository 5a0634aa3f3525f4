"""Starting a case at a place, saving its draft, deleting it."""

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case, InvalidValues, NotADraft, ProjectPlace, site_address
from cases.domain.case_types import CaseTypeSchema
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
        actor = replace(actor, name=actor.name or names.get(actor.user_id, ""))
        draft = await start_draft(
            uow,
            actor,
            schema,
            team_id=team_id,
            lon=lon,
            lat=lat,
            grid_area_id=place.grid_area_id,
            values=_from_place(place, values),
            own_values=values.keys(),
            now=now,
        )
        await uow.commit()
        return draft


async def start_draft(
    uow: CasesUnitOfWork,
    actor: Actor,
    schema: CaseTypeSchema,
    *,
    team_id: uuid.UUID,
    lon: float,
    lat: float,
    grid_area_id: str | None,
    values: Mapping[str, str | None],
    own_values: Collection[str],
    now: datetime,
) -> Case:
    """A new draft of `schema` in the open unit of work. InvalidValues names only the `own_values` (the
    installer's), not values the system filled in."""
    try:
        draft = new_draft(actor, schema, team_id, lon, lat, grid_area_id, values, now)
    except InvalidValues as invalid:
        raise InvalidValues(
            {name: error for name, error in invalid.errors.items() if name in own_values}
        ) from None
    await add_draft(uow, actor, draft, schema, now)
    return draft


def new_draft(
    actor: Actor,
    schema: CaseTypeSchema,
    team_id: uuid.UUID,
    lon: float,
    lat: float,
    grid_area_id: str | None,
    values: Mapping[str, str | None],
    now: datetime,
    project: ProjectPlace | None = None,
) -> Case:
    """The actor's draft with `values` (InvalidValues names each that cannot be), not yet stored."""
    draft = Case(
        id=uuid.uuid4(),
        dso_id=schema.dso_id,
        team_id=team_id,
        installer_id=actor.user_id,
        installer_name=actor.name,
        case_type=schema.code,
        case_type_version=schema.version,
        status=CaseStatus.DRAFT,
        values={},
        address="",
        lon=lon,
        lat=lat,
        grid_area_id=grid_area_id,
        created_at=now,
        updated_at=now,
        project=project,
    )
    return draft.with_values(schema, values, now)


async def add_draft(
    uow: CasesUnitOfWork, actor: Actor, draft: Case, schema: CaseTypeSchema, now: datetime
) -> None:
    """Store a new draft with its history's first step and its event, in the open unit of work."""
    await add_drafts(uow, actor, [draft], schema, now)


async def add_drafts(
    uow: CasesUnitOfWork, actor: Actor, drafts: Sequence[Case], schema: CaseTypeSchema, now: datetime
) -> None:
    """`add_draft` for many drafts of `schema` (an import's part), written together."""
    for draft in drafts:
        uow.cases.add(draft, search_text_of(draft, schema))
    await uow.flush()  # the history rows refer to the cases
    for draft in drafts:
        uow.cases.record(
            HistoryEntry(
                draft.id, None, CaseStatus.DRAFT, actor.user_id, actor.role, now, actor_name=actor.name
            )
        )
        case_events.emit(uow, draft, case_events.created(draft))


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
