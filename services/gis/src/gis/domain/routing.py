"""Routing: which grid area, and so which DSO, a point (WGS 84 longitude, latitude) lies in.

A point belongs to an area that covers it: its interior or its boundary, never its holes. So a point on the
network's outer edge is inside, and a point in a hole goes to the area that fills the hole, if any. A point
covered by several areas (on a shared border or corner) goes to the one with the smallest id, the same on
every replica and in every run.
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely import MultiPolygon, Point, Polygon, STRtree

NOWHERE = -1  # route_many's answer for a point in no area


@dataclass(frozen=True, slots=True)
class Routed:
    area_id: str
    dso_id: str


class OutsideEveryGridArea(LookupError):
    """The point lies in no grid area, so no DSO takes a case there."""

    def __init__(self, lon: float, lat: float) -> None:
        super().__init__(f"the point (lon {lon:.6f}, lat {lat:.6f}) lies outside every grid area")
        self.lon = lon
        self.lat = lat


class InvalidGridArea(ValueError):
    """A grid area the index cannot hold: not a valid, non-empty (multi)polygon, or a repeated id."""


class GridAreaIndex:
    """An STRtree over prepared grid-area polygons, ordered by id so that the smallest index wins ties."""

    def __init__(self, ids: list[str], dso_ids: list[str], geometries: NDArray[np.object_]) -> None:
        self._ids = ids
        self._dso_ids = dso_ids
        self._geometries = geometries
        self._polygons: list[Polygon | MultiPolygon] = geometries.tolist()  # the same prepared objects
        self._tree = STRtree(geometries)

    @classmethod
    def build(cls, areas: Iterable[tuple[str, str, Polygon | MultiPolygon]]) -> "GridAreaIndex":
        rows = sorted(areas, key=lambda area: area[0])
        for (area_id, _, _), (following_id, _, _) in itertools.pairwise(rows):
            if following_id == area_id:
                raise InvalidGridArea(f"grid area {area_id!r} appears twice")
        for area_id, _, geometry in rows:
            _check(area_id, geometry)
        geometries = np.array([geometry for _, _, geometry in rows], dtype=object)
        # Point-in-polygon through an index of the edges, not a walk round hundreds of vertices. Prepares the
        # caller's objects too: a cache on them, their shape unchanged.
        shapely.prepare(geometries)
        return cls([row[0] for row in rows], [row[1] for row in rows], geometries)

    def __len__(self) -> int:
        return len(self._ids)

    def area(self, index: int) -> Routed:
        """The area at an index route_many answered."""
        return Routed(self._ids[index], self._dso_ids[index])

    def route(self, lon: float, lat: float) -> Routed:
        """The grid area the point lies in; OutsideEveryGridArea if none."""
        point = Point(lon, lat)
        # A plain loop: the tree finds two or three candidates, too few for numpy's overhead to pay. In id
        # order, so the first that covers wins (for a polygon and a point, intersects is covers).
        for index in sorted(self._tree.query(point).tolist()):
            if self._polygons[index].intersects(point):
                return self.area(index)
        raise OutsideEveryGridArea(lon, lat)

    def route_many(self, lons: ArrayLike, lats: ArrayLike) -> NDArray[np.int64]:
        """Per point the index of its area (see `area`), or NOWHERE; vectorised, no Python loop per point."""
        xs = np.asarray(lons, dtype=np.float64)
        ys = np.asarray(lats, dtype=np.float64)
        if xs.ndim != 1 or xs.shape != ys.shape:
            raise ValueError(f"lons and lats must be 1-D and of one length, not {xs.shape} and {ys.shape}")
        # Bounding boxes from the tree, then the prepared polygons tested in one call: about 4x faster than
        # query(predicate="intersects"), which prepares each point and tests unprepared polygons.
        point_index, area_index = self._tree.query(shapely.points(xs, ys))
        covering = shapely.intersects_xy(self._geometries[area_index], xs[point_index], ys[point_index])
        none = len(self._ids)  # larger than every index: minimum.at keeps the smallest covering one
        routed = np.full(xs.shape, none, dtype=np.int64)
        np.minimum.at(routed, point_index[covering], area_index[covering])
        routed[routed == none] = NOWHERE
        return routed


def _check(area_id: str, geometry: object) -> None:
    if not isinstance(geometry, Polygon | MultiPolygon):
        raise InvalidGridArea(f"grid area {area_id!r} is a {type(geometry).__name__}, not a (multi)polygon")
    if geometry.is_empty:
        raise InvalidGridArea(f"grid area {area_id!r} is empty")
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        raise InvalidGridArea(f"grid area {area_id!r} is not a valid polygon: {reason}")
