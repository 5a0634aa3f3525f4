"""The demo network's grid areas: a 3 by 2 tiling of the Helsingborg region with jittered borders and a
Kullabygden enclave inside a Sundkraft area. Neighbours share their border's vertices exactly, so the
areas cover the region without gaps or overlaps."""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from shapely import Polygon

from gis.domain.features import GridArea

WEST, EAST, SOUTH, NORTH = 12.69, 12.80, 56.00, 56.10
# Column borders fall on the demo's street blocks (see demo_network) so most streets lie in one area.
LON_BREAKS = (WEST, 12.7176, 12.7728, EAST)
LAT_BREAKS = (SOUTH, 56.05, NORTH)
METRES_PER_DEGREE_LAT = 111_320.0
METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * float(np.cos(np.radians(56.05)))

VERTICES_PER_EDGE = 90
BORDER_AMPLITUDE_M = 120.0
NODE_JITTER_M = 150.0
ENCLAVE_RADIUS_M = 700.0
ENCLAVE_VERTICES = 240

Coordinates = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class AreaPlan:
    id: str
    dso_id: str
    name: str
    town: str
    postcode_prefix: str


# Tiles by (column, row) from the south-west; the enclave lies inside HBS.
TILES = {
    (0, 0): AreaPlan("RAA", "sundkraft", "Råå", "Råå", "252"),
    (1, 0): AreaPlan("HBS", "sundkraft", "Helsingborg Söder", "Helsingborg", "253"),
    (2, 0): AreaPlan("HBO", "sundkraft", "Helsingborg Öster", "Helsingborg", "256"),
    (0, 1): AreaPlan("HOG", "kullabygden", "Höganäs Syd", "Höganäs", "254"),
    (1, 1): AreaPlan("HBC", "sundkraft", "Helsingborg Centrum", "Helsingborg", "252"),
    (2, 1): AreaPlan("ODA", "kullabygden", "Ödåkra", "Ödåkra", "255"),
}
ENCLAVE = AreaPlan("RAM", "kullabygden", "Ramlösa", "Ramlösa", "257")
HOLED_TILE = (1, 0)


def demo_area_plans() -> list[AreaPlan]:
    """In the order demo_grid_areas returns the areas."""
    return [*TILES.values(), ENCLAVE]


def demo_grid_areas(rng: np.random.Generator) -> list[GridArea]:
    nodes = _nodes(rng)
    columns, rows = len(LON_BREAKS) - 1, len(LAT_BREAKS) - 1
    south_edges = {
        (i, j): _edge(nodes[i, j], nodes[i + 1, j], 1, rng) for i in range(columns) for j in range(rows + 1)
    }
    west_edges = {
        (i, j): _edge(nodes[i, j], nodes[i, j + 1], 0, rng) for i in range(columns + 1) for j in range(rows)
    }
    enclave = _enclave(nodes, rng)
    areas = []
    for (i, j), plan in TILES.items():
        # Counter-clockwise: south west→east, east south→north, north east→west, west north→south.
        shell = np.concatenate(
            (
                south_edges[i, j][:-1],
                west_edges[i + 1, j][:-1],
                south_edges[i, j + 1][::-1][:-1],
                west_edges[i, j][::-1],
            )
        )
        holes = [enclave] if (i, j) == HOLED_TILE else []
        areas.append(GridArea(plan.id, plan.dso_id, plan.name, Polygon(shell, holes)))
    areas.append(GridArea(ENCLAVE.id, ENCLAVE.dso_id, ENCLAVE.name, Polygon(enclave)))
    return areas


def _nodes(rng: np.random.Generator) -> Coordinates:
    lons, lats = np.meshgrid(LON_BREAKS, LAT_BREAKS, indexing="ij")
    nodes = np.stack((lons, lats), axis=-1)
    # Only inner nodes move, so the region's corners and outer node positions stay put.
    inner = nodes[1:-1, 1:-1]
    inner[..., 0] += rng.uniform(-1, 1, inner.shape[:2]) * NODE_JITTER_M / METRES_PER_DEGREE_LON
    inner[..., 1] += rng.uniform(-1, 1, inner.shape[:2]) * NODE_JITTER_M / METRES_PER_DEGREE_LAT
    return nodes


def _edge(start: Coordinates, end: Coordinates, offset_axis: int, rng: np.random.Generator) -> Coordinates:
    """A wiggly border from node to node: a random-walk bridge offset across the edge's direction,
    tapered near the nodes so borders meeting there cannot cross."""
    t = np.linspace(0.0, 1.0, VERTICES_PER_EDGE)
    walk = np.cumsum(rng.normal(size=VERTICES_PER_EDGE))
    bridge = walk - (walk[0] + t * (walk[-1] - walk[0]))
    bridge /= max(float(np.abs(bridge).max()), 1e-9)
    taper = np.minimum(1.0, np.minimum(t, 1.0 - t) * 8.0)
    metres = 1.0 / (METRES_PER_DEGREE_LAT if offset_axis == 1 else METRES_PER_DEGREE_LON)
    points = start + t[:, None] * (end - start)
    points[:, offset_axis] += bridge * taper * BORDER_AMPLITUDE_M * metres
    return points


def _enclave(nodes: Coordinates, rng: np.random.Generator) -> Coordinates:
    """A star-shaped ring (so always simple) around the middle of the holed tile, counter-clockwise."""
    i, j = HOLED_TILE
    centre = (nodes[i, j] + nodes[i + 1, j + 1]) / 2
    angles = np.linspace(0.0, 2 * np.pi, ENCLAVE_VERTICES, endpoint=False)
    radius = np.ones(ENCLAVE_VERTICES)
    for harmonic in (2, 3, 5):
        radius += 0.06 * np.sin(harmonic * angles + rng.uniform(0, 2 * np.pi))
    radius += rng.uniform(-0.015, 0.015, ENCLAVE_VERTICES)
    radius *= ENCLAVE_RADIUS_M
    lons = centre[0] + radius * np.cos(angles) / METRES_PER_DEGREE_LON
    lats = centre[1] + radius * np.sin(angles) / METRES_PER_DEGREE_LAT
    return np.column_stack((lons, lats))
