"""The map's in-memory indexes (ADR 0004), built from the stored layers: routing, a viewport index per
layer, address search and batch resolution, and facilities by id. Built off the event loop; swapped in
whole once ready, so a query always sees one consistent generation."""

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gis.adapters.uow import GISUnitOfWork
from gis.domain.address_resolution import AddressLookup
from gis.domain.address_search import AddressEntry, AddressIndex
from gis.domain.features import Address, Facility, GridArea, Layer, Property
from gis.domain.routing import NOWHERE, GridAreaIndex
from gis.domain.viewport import LayerIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MapIndexes:
    routing: GridAreaIndex
    grid_areas: dict[str, GridArea]
    layers: dict[Layer, LayerIndex]
    facilities_by_dso: dict[str, LayerIndex]  # a DSO's users see only its own facilities
    addresses: AddressIndex
    address_lookup: AddressLookup  # exact street and number, for imports; every address already routed
    address_by_id: dict[str, Address]


@dataclass(frozen=True, slots=True)
class StoredLayers:
    grid_areas: list[GridArea]
    properties: list[Property]
    facilities: list[Facility]
    addresses: list[Address]


def build_indexes(stored: StoredLayers) -> MapIndexes:
    """CPU work (a second or two for the demo network): run it in a thread."""
    routing = GridAreaIndex.build((a.id, a.dso_id, a.geometry) for a in stored.grid_areas)
    entries = [
        AddressEntry(a.id, a.street, a.number, a.postcode, a.town, a.point.x, a.point.y)
        for a in stored.addresses
    ]
    addresses = AddressIndex.build(entries)
    return MapIndexes(
        routing=routing,
        grid_areas={area.id: area for area in stored.grid_areas},
        layers={
            Layer.GRID_AREAS: LayerIndex.build(
                (a.id, a.geometry, {"name": a.name, "dso_id": a.dso_id}) for a in stored.grid_areas
            ),
            Layer.PROPERTIES: LayerIndex.build(
                (p.id, p.geometry, {"designation": p.designation}) for p in stored.properties
            ),
            Layer.FACILITIES: LayerIndex.build(
                (f.id, f.point, facility_properties(f)) for f in stored.facilities
            ),
            Layer.ADDRESSES: LayerIndex.build((a.id, a.point, {"label": a.label}) for a in stored.addresses),
        },
        facilities_by_dso={
            dso_id: LayerIndex.build((f.id, f.point, facility_properties(f)) for f in facilities)
            for dso_id, facilities in _by_dso(stored.facilities, routing).items()
        },
        addresses=addresses,
        address_lookup=AddressLookup.build(entries, routing, addresses),
        address_by_id={address.id: address for address in stored.addresses},
    )


def _by_dso(facilities: list[Facility], routing: GridAreaIndex) -> dict[str, list[Facility]]:
    """Facilities per DSO: as stored, else the DSO of the grid area the facility lies in."""
    unrouted = [facility for facility in facilities if facility.dso_id is None]
    areas = routing.route_many([f.point.x for f in unrouted], [f.point.y for f in unrouted])
    routed = {
        facility.id: routing.area(int(area)).dso_id
        for facility, area in zip(unrouted, areas, strict=True)
        if area != NOWHERE
    }
    grouped: dict[str, list[Facility]] = {}
    for facility in facilities:
        dso_id = facility.dso_id or routed.get(facility.id)
        if dso_id is not None:
            grouped.setdefault(dso_id, []).append(facility)
    return grouped


def facility_properties(facility: Facility) -> dict[str, Any]:
    """What a facility shows on the map and in a lookup; never a personal identity number (GIS has none)."""
    return {
        "ean": facility.ean,
        "meter_number": facility.meter_number,
        "technical_number": facility.technical_number,
        "main_fuse_amperes": facility.main_fuse_amperes,
        "street": facility.street,
        "house_number": facility.house_number,
        "postcode": facility.postcode,
        "town": facility.town,
        "owner_name": facility.owner_name,
        "dso_id": facility.dso_id,
    }


async def load_indexes(uow: GISUnitOfWork) -> MapIndexes:
    started = time.monotonic()
    async with uow:
        stored = StoredLayers(
            grid_areas=await uow.grid_areas.all(),
            properties=await uow.properties.all(),
            facilities=await uow.facilities.all(),
            addresses=await uow.addresses.all(),
        )
    indexes = await asyncio.to_thread(build_indexes, stored)
    log.info(
        "map indexes built in %.1f s: %d grid areas, %d properties, %d facilities, %d addresses",
        time.monotonic() - started,
        len(stored.grid_areas),
        len(stored.properties),
        len(stored.facilities),
        len(stored.addresses),
    )
    return indexes


class MapIndexHolder:
    """The current indexes; None until the first build has finished (readiness says so)."""

    def __init__(self, uow_factory: Callable[[], GISUnitOfWork]) -> None:
        self._uow_factory = uow_factory
        self.current: MapIndexes | None = None

    async def rebuild(self) -> None:
        self.current = await load_indexes(self._uow_factory())

    async def ready(self) -> None:
        if self.current is None:
            raise RuntimeError("the map indexes are still being built")
