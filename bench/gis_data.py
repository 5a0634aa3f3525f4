"""Deterministic synthetic GIS data for bench/gis_indexes.py, at the sizes issue 4 names."""

from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import Polygon

from gis.domain.address_search import AddressEntry

WEST, SOUTH, EAST, NORTH = 12.40, 55.80, 13.60, 56.50  # north-western Skåne, WGS 84
CITY = (12.68, 56.02, 12.78, 56.07)  # Helsingborg: where the properties are
GRID_AREAS = 1_000
ADDRESSES = 60_000
PROPERTY_GRID = (200, 100)  # columns, rows: 20,000 properties
_EDGE_STEP = 0.0003  # degrees between vertices along an area's edge: ~30 m
_TOWNS = [  # name, postcode prefix, centre
    ("Helsingborg", "25", (12.70, 56.05)),
    ("Höganäs", "263", (12.56, 56.20)),
    ("Ängelholm", "262", (12.86, 56.24)),
    ("Landskrona", "261", (12.83, 55.87)),
    ("Åstorp", "265", (12.95, 56.13)),
    ("Bjuv", "267", (12.92, 56.08)),
]
_STREET_STARTS = [
    "Sol",
    "Moln",
    "Regn",
    "Åsk",
    "Snö",
    "Dimm",
    "Vind",
    "Storm",
    "Hagel",
    "Frost",
    "Björk",
    "Ek",
    "Lind",
    "Hassel",
    "Rönn",
    "Gran",
    "Tall",
    "Al",
    "Ask",
    "Sälg",
    "Äppel",
    "Päron",
    "Körsbärs",
    "Plommon",
    "Vete",
    "Råg",
    "Havre",
    "Korn",
    "Lärk",
    "Trast",
    "Duv",
    "Mås",
    "Örn",
    "Falk",
    "Hök",
    "Uggle",
    "Svan",
    "Gås",
    "Älg",
    "Räv",
    "Hjort",
    "Bäver",
    "Utter",
    "Säl",
    "Ålands",
]
_STREET_ENDS = ["gatan", "vägen", "gränd", "stigen", "allén", "backen", "torget"]
_ASCII = str.maketrans("åäöÅÄÖ", "aaoAAO")


def grid_areas(rng: np.random.Generator) -> list[tuple[str, str, Polygon]]:
    """Voronoi cells with ~30 m edges bent by a smooth field: a tiling whose neighbours share vertices."""
    seeds = shapely.multipoints(
        np.column_stack([rng.uniform(WEST, EAST, GRID_AREAS), rng.uniform(SOUTH, NORTH, GRID_AREAS)])
    )
    frame = shapely.box(WEST, SOUTH, EAST, NORTH)
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=frame)), frame)
    cells = shapely.transform(shapely.segmentize(cells, _EDGE_STEP), _bend)
    return [(f"area-{n:04d}", f"dso-{n % 2}", cell) for n, cell in enumerate(cells.tolist())]


def _bend(xy: NDArray[np.float64]) -> NDArray[np.float64]:
    """A smooth displacement of a few hundred metres whose slope stays below 1, so no ring crosses itself."""
    x, y = xy[:, 0], xy[:, 1]
    dx = 0.002 * np.sin(120 * y + 1.3) * np.cos(90 * x) + 0.0006 * np.sin(350 * y + 210 * x)
    dy = 0.002 * np.sin(110 * x + 0.4) * np.cos(95 * y) + 0.0006 * np.cos(330 * x - 150 * y)
    return np.column_stack([x + dx, y + dy])


def addresses(rng: np.random.Generator) -> list[AddressEntry]:
    """About 190 numbers (every ninth also with a letter: 9, 9A, 10) on each of ~300 streets."""
    streets = [start + end for start in _STREET_STARTS for end in _STREET_ENDS]
    per_street = ADDRESSES // len(streets) + 1
    lettered = [[str(n), f"{n}A"] if n % 9 == 0 else [str(n)] for n in range(1, per_street + 1)]
    numbers = [number for pair in lettered for number in pair][:per_street]
    entries: list[AddressEntry] = []
    for street_number, street in enumerate(streets):
        town, prefix, centre = _TOWNS[int(rng.integers(len(_TOWNS)))]
        postcodes = [_postcode(prefix, rng) for _ in range(int(rng.integers(1, 3)))]
        start = np.array(centre) + rng.normal(0, 0.02, 2)
        step = rng.normal(0, 0.0001, 2)
        for house, number in enumerate(numbers[: ADDRESSES - len(entries)]):
            lon, lat = (start + step * house).tolist()
            postcode = postcodes[house * len(postcodes) // per_street]  # the street's first part, then second
            entry_id = f"addr-{street_number:03d}-{house:03d}"
            entries.append(AddressEntry(entry_id, street, number, postcode, town, lon, lat))
    return entries


def _postcode(prefix: str, rng: np.random.Generator) -> str:
    digits = prefix + "".join(str(int(d)) for d in rng.integers(0, 10, 5 - len(prefix)))
    return f"{digits[:3]} {digits[3:]}"


def properties(rng: np.random.Generator) -> list[tuple[str, Polygon, dict[str, Any]]]:
    """A city of lots: each a jittered quadrilateral with its edges cut every few metres (~16 vertices)."""
    west, south, east, north = CITY
    columns, rows = PROPERTY_GRID
    width, height = (east - west) / columns, (north - south) / rows
    lots = []
    for column in range(columns):
        for row in range(rows):
            x, y = west + column * width, south + row * height
            corners = np.array([(0.05, 0.05), (0.95, 0.05), (0.95, 0.95), (0.05, 0.95)])
            corners += rng.uniform(-0.04, 0.04, (4, 2))
            lots.append(Polygon(np.column_stack([x + corners[:, 0] * width, y + corners[:, 1] * height])))
    shapes = shapely.segmentize(np.array(lots), min(width, height) / 4).tolist()
    return [
        (f"lot-{n:05d}", lot, {"designation": f"Helsingborg Kvarter {n // 40} {n % 40 + 1}"})
        for n, lot in enumerate(shapes)
    ]


def typed_queries(rng: np.random.Generator, entries: list[AddressEntry]) -> list[str]:
    """What users type: 100 addresses letter by letter, 100 with a typo in the street, 100 in ASCII."""
    chosen = [entries[int(n)] for n in rng.choice(len(entries), 300, replace=False)]
    queries: list[str] = []
    for entry in chosen[:100]:
        typed = f"{entry.street} {entry.number}, {entry.town}"
        queries.extend(
            typed[:end] for end in range(1, len(typed) + 1) if not typed[:end].endswith((" ", ","))
        )
    for entry in chosen[100:200]:
        queries.append(f"{_typo(entry.street, rng)} {entry.number}")
    for entry in chosen[200:]:
        queries.append(f"{entry.street} {entry.number} {entry.town}".translate(_ASCII))
    return queries


def _typo(word: str, rng: np.random.Generator) -> str:
    at = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(3))
    if kind == 0:
        return word[:at] + word[at + 1 :]  # a letter dropped
    if kind == 1:
        return word[:at] + word[at] + word[at:]  # a letter doubled
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped
