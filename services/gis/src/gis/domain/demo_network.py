"""A deterministic fictional grid network around Helsingborg for the demo and benchmarks: two DSOs,
seven grid areas, 20,000 properties, 60,000 addresses and 50,000 facilities (metering points).

Streets run east-west along pairs of rows of a cell grid: a property fills one cell, north-side
properties get odd numbers and south-side ones even, and a property with several entrances gets
lettered numbers ("12A", "12B"). Seed 000's addresses (Solgatan 20, 252 20 Helsingborg …) exist.
Everything comes from one seeded generator, never the clock, so the same seed gives the same network.
"""

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import shapely
from numpy.typing import NDArray

from gis.domain import demo_areas
from gis.domain.demo_facilities import demo_facilities
from gis.domain.demo_names import FIRST_NAMES, LAST_NAMES, WORDS, street_names
from gis.domain.features import Address, Facility, GridArea, Property

DEMO_SEED = 20261123
DEMO_DSOS = {"sundkraft": "Sundkraft Elnät AB", "kullabygden": "Kullabygdens Energi AB"}

COLUMNS, ROWS = 183, 332
CELL_LON, CELL_LAT = 0.0006, 0.0003  # about 37 by 33 metres
BLOCK_COLUMNS = 46  # one street's length in cells; area column borders fall on block borders
STREETS_PER_ROW_PAIR = -(-COLUMNS // BLOCK_COLUMNS)
# The seed's streets (street index: index into street_names()), deep inside Helsingborg Centrum.
SEED_STREETS = {
    125 * STREETS_PER_ROW_PAIR + 2: 0,
    126 * STREETS_PER_ROW_PAIR + 2: 1,
    127 * STREETS_PER_ROW_PAIR + 2: 2,
}
MAX_ADDRESSES_PER_PROPERTY = 12


@dataclass(frozen=True, slots=True)
class DemoNetwork:
    grid_areas: list[GridArea]
    properties: list[Property]
    facilities: list[Facility]
    addresses: list[Address]


@dataclass(frozen=True, slots=True)
class _Parcels:
    cells: NDArray[np.int64]  # cell index (row * COLUMNS + column) of each property
    areas: NDArray[np.int64]  # index into the grid areas of each property


def generate_demo_network(
    seed: int = DEMO_SEED, *, properties: int = 20_000, addresses: int = 60_000, facilities: int = 50_000
) -> DemoNetwork:
    if not properties <= addresses <= properties * MAX_ADDRESSES_PER_PROPERTY or facilities > addresses:
        raise ValueError("need properties ≤ addresses ≤ 12 × properties and facilities ≤ addresses")
    rng = np.random.default_rng(seed)
    areas = demo_areas.demo_grid_areas(rng)
    streets = _street_names(rng)
    parcels = _parcels(areas, properties, rng)
    property_list, owners = _properties(parcels, streets, rng)
    address_list, address_property = _addresses(parcels, streets, addresses, rng)
    plans = demo_areas.demo_area_plans()
    facility_list = demo_facilities(
        address_list,
        [owners[index] for index in address_property.tolist()],
        [plans[area] for area in parcels.areas[address_property].tolist()],
        facilities,
        rng,
    )
    return DemoNetwork(areas, property_list, facility_list, address_list)


def _cell_corners(cells: NDArray[np.int64]) -> tuple[NDArray[Any], NDArray[Any]]:
    return demo_areas.WEST + (cells % COLUMNS) * CELL_LON, demo_areas.SOUTH + (cells // COLUMNS) * CELL_LAT


def _parcels(areas: list[GridArea], count: int, rng: np.random.Generator) -> _Parcels:
    """`count` cells, each wholly inside one grid area; all of the seed streets' cells among them."""
    cells = np.arange(COLUMNS * ROWS)
    west, south = _cell_corners(cells)
    # The box a parcel's jittered corners stay within: inside it means the parcel is inside too.
    boxes = shapely.box(
        west + 0.03 * CELL_LON, south + 0.03 * CELL_LAT, west + 0.97 * CELL_LON, south + 0.97 * CELL_LAT
    )
    tree = shapely.STRtree(boxes)
    area_of = np.full(len(cells), -1)
    for index, area in enumerate(areas):
        area_of[tree.query(area.geometry, predicate="contains")] = index
    usable = area_of >= 0
    if count > usable.sum():
        raise ValueError(f"the demo grid has room for {usable.sum()} properties")
    # A network too small for the seed's streets (tests, benchmarks) is drawn at random alone.
    seeded = usable & np.isin(_street_of(cells), list(SEED_STREETS))
    if count < seeded.sum():
        seeded[:] = False
    others = np.flatnonzero(usable & ~seeded)
    chosen = np.sort(
        np.concatenate((np.flatnonzero(seeded), rng.choice(others, count - seeded.sum(), replace=False)))
    )
    return _Parcels(chosen, area_of[chosen])


def _street_of(cells: NDArray[np.int64]) -> NDArray[np.int64]:
    block = np.minimum((cells % COLUMNS) // BLOCK_COLUMNS, STREETS_PER_ROW_PAIR - 1)
    return (cells // COLUMNS // 2) * STREETS_PER_ROW_PAIR + block


def _properties(
    parcels: _Parcels, streets: NDArray[np.int64], rng: np.random.Generator
) -> tuple[list[Property], list[str]]:
    west, south = _cell_corners(parcels.cells)
    unit = np.array([[0.08, 0.08], [0.92, 0.08], [0.92, 0.92], [0.08, 0.92]])
    corners = unit + rng.uniform(-0.05, 0.05, (len(parcels.cells), 4, 2))
    corners *= (CELL_LON, CELL_LAT)
    corners += np.stack((west, south), axis=-1)[:, None, :]
    polygons = cast("NDArray[np.object_]", shapely.polygons(corners))
    districts = [district for _, district in street_names()]
    plans = demo_areas.demo_area_plans()
    firsts = rng.integers(0, len(FIRST_NAMES), len(polygons))
    lasts = rng.integers(0, len(LAST_NAMES), len(polygons))
    numbers: dict[tuple[str, str], int] = {}
    result, owners = [], []
    for index, (cell, area, polygon) in enumerate(zip(parcels.cells, parcels.areas, polygons, strict=True)):
        municipality = "Höganäs" if plans[area].town == "Höganäs" else "Helsingborg"
        district = districts[streets[_street_of(cell)]]
        number = numbers[municipality, district] = numbers.get((municipality, district), 0) + 1
        result.append(Property(f"P{index + 1:05d}", f"{municipality} {district} {number}", polygon))
        owners.append(f"{FIRST_NAMES[firsts[index]]} {LAST_NAMES[lasts[index]]}")
    return result, owners


def _street_names(rng: np.random.Generator) -> NDArray[np.int64]:
    """Each street's index into street_names(): the seed's streets where SEED_STREETS puts them, every
    plain "-gatan" name (Snögatan, Åskgatan …) somewhere, the rest of the streets from the other names."""
    streets = (ROWS // 2) * STREETS_PER_ROW_PAIR
    first_variant = len(WORDS)  # street_names() starts with one "<word>gatan" per word
    others = rng.permutation(np.arange(first_variant, len(street_names())))
    names = np.concatenate((np.arange(len(SEED_STREETS), first_variant), others))
    names = rng.permutation(names[: streets - len(SEED_STREETS)])
    assignment = np.empty(streets, dtype=np.int64)
    assignment[[street for street in range(streets) if street not in SEED_STREETS]] = names
    for street, name in SEED_STREETS.items():
        assignment[street] = name
    return assignment


def _addresses(
    parcels: _Parcels, streets: NDArray[np.int64], count: int, rng: np.random.Generator
) -> tuple[list[Address], NDArray[np.int64]]:
    """Addresses and the property each lies in: one or more per property, numbered along its street."""
    parcel_count = len(parcels.cells)
    on_seed_street = np.isin(_street_of(parcels.cells), list(SEED_STREETS))
    # A random capacity per property makes some houses and some many-entrance blocks; the seed's
    # streets keep plain numbers ("Solgatan 20", not "20A").
    capacity = np.where(on_seed_street, 0, rng.integers(0, MAX_ADDRESSES_PER_PROPERTY, parcel_count))
    if capacity.sum() < count - parcel_count:
        capacity = np.where(on_seed_street, 0, MAX_ADDRESSES_PER_PROPERTY - 1)
    extra = rng.choice(np.repeat(np.arange(parcel_count), capacity), count - parcel_count, replace=False)
    per_property = 1 + np.bincount(extra, minlength=parcel_count)
    property_of = np.repeat(np.arange(parcel_count), per_property)
    entrance = np.arange(count) - np.repeat(np.cumsum(per_property) - per_property, per_property)
    cells = parcels.cells[property_of]
    west, south = _cell_corners(cells)
    lons = west + (0.25 + 0.5 * rng.random(count)) * CELL_LON
    lats = south + (0.25 + 0.5 * rng.random(count)) * CELL_LAT
    points = cast("NDArray[np.object_]", shapely.points(lons, lats))
    street = _street_of(cells)
    step = (cells % COLUMNS) - np.minimum(
        (cells % COLUMNS) // BLOCK_COLUMNS, STREETS_PER_ROW_PAIR - 1
    ) * BLOCK_COLUMNS
    house = 2 * step + 1 + ((cells // COLUMNS) % 2 == 0)  # odd numbers on the north side
    names = [name for name, _ in street_names()]
    plans = demo_areas.demo_area_plans()
    suffixes = np.where(np.isin(street, list(SEED_STREETS)), 20, 10 + (street * 7) % 90)
    numbers = [
        f"{house}{'ABCDEFGHIJKL'[door] if several else ''}"
        for house, door, several in zip(
            house.tolist(), entrance.tolist(), (per_property[property_of] > 1).tolist(), strict=True
        )
    ]
    area_of = parcels.areas[property_of].tolist()
    result = [
        Address(
            f"A{index + 1:06d}",
            names[name],
            number,
            f"{plans[area].postcode_prefix} {suffix:02d}",
            plans[area].town,
            point,
        )
        for index, (name, number, suffix, area, point) in enumerate(
            zip(streets[street].tolist(), numbers, suffixes.tolist(), area_of, points, strict=True)
        )
    ]
    return result, property_of
