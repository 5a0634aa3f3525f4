"""One map layer's features in a viewport, simplified for the zoom level, and the feature under a point.

A viewport answers at most `limit` features, the same ones every time: the largest first (by area, then
length, then id), so when a wide view is cut the big polygons stay and the small ones go. `truncated` and
`total_in_view` tell the map that it was cut and by how much.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat (WGS 84)
MAX_SPAN_DEGREES = 10.0  # wider than any one DSO's network: a larger box is a client's mistake
MAX_ZOOM = 24
_METRES_PER_PIXEL_AT_EQUATOR = 156_543.03392  # web mercator, 256-pixel tiles, zoom 0
_METRES_PER_DEGREE_LATITUDE = 111_320.0
_PIXELS_OF_TOLERANCE = 0.5  # simplify no more than half a pixel moves: invisible on screen


class InvalidViewport(ValueError):
    """A bounding box, zoom or limit the map cannot have asked for; the message names the problem."""


@dataclass(frozen=True, slots=True)
class Feature:
    id: str
    geometry: BaseGeometry
    properties: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ViewportResult:
    features: list[dict[str, Any]]  # GeoJSON Feature objects
    truncated: bool  # more features lie in the view than were answered
    total_in_view: int


def simplification_tolerance(zoom: int, latitude: float) -> float:
    """Degrees a vertex may move at this zoom: half a screen pixel in metres, as degrees of latitude."""
    metres_per_pixel = _METRES_PER_PIXEL_AT_EQUATOR * math.cos(math.radians(latitude)) / 2.0**zoom
    return _PIXELS_OF_TOLERANCE * metres_per_pixel / _METRES_PER_DEGREE_LATITUDE


def validate_viewport(bbox: BBox, zoom: int, limit: int) -> None:
    min_lon, min_lat, max_lon, max_lat = bbox
    if not all(math.isfinite(value) for value in bbox):
        raise InvalidViewport(f"bbox {bbox} has a coordinate that is not a number")
    if not (-180.0 <= min_lon <= 180.0 and -180.0 <= max_lon <= 180.0):
        raise InvalidViewport(f"bbox longitudes must lie within -180..180, not {min_lon}..{max_lon}")
    if not (-90.0 <= min_lat <= 90.0 and -90.0 <= max_lat <= 90.0):
        raise InvalidViewport(f"bbox latitudes must lie within -90..90, not {min_lat}..{max_lat}")
    if min_lon >= max_lon or min_lat >= max_lat:
        raise InvalidViewport(
            f"bbox minimum must be below maximum: {bbox} is (min lon, min lat, max lon, max lat)"
        )
    if max_lon - min_lon > MAX_SPAN_DEGREES or max_lat - min_lat > MAX_SPAN_DEGREES:
        raise InvalidViewport(f"bbox {bbox} spans more than {MAX_SPAN_DEGREES:g} degrees")
    if not 0 <= zoom <= MAX_ZOOM:
        raise InvalidViewport(f"zoom must lie within 0..{MAX_ZOOM}, not {zoom}")
    if limit < 1:
        raise InvalidViewport(f"limit must be at least 1, not {limit}")


class LayerIndex:
    def __init__(self, features: list[Feature]) -> None:
        self._features = features  # largest first: a tree index is also the feature's rank
        self._geometries: NDArray[np.object_] = np.array([f.geometry for f in features], dtype=object)
        shapely.prepare(self._geometries)  # for containing(): point-in-polygon through an edge index
        self._polygonal = np.isin(shapely.get_type_id(self._geometries), (3, 6))  # (multi)polygons only
        self._tree = STRtree(self._geometries)

    @classmethod
    def build(cls, features: Iterable[tuple[str, BaseGeometry, Mapping[str, Any]]]) -> "LayerIndex":
        rows = [Feature(feature_id, geometry, properties) for feature_id, geometry, properties in features]
        rows.sort(key=lambda f: (-f.geometry.area, -f.geometry.length, f.id))
        return cls(rows)

    def __len__(self) -> int:
        return len(self._features)

    def query(self, bbox: BBox, zoom: int, limit: int) -> ViewportResult:
        """The features that intersect the box, at most `limit`, largest first, simplified for the zoom."""
        validate_viewport(bbox, zoom, limit)
        in_view = np.sort(self._tree.query(shapely.box(*bbox), predicate="intersects"))
        chosen = in_view[:limit]
        tolerance = simplification_tolerance(zoom, (bbox[1] + bbox[3]) / 2)
        geometries = self._geometries[chosen]
        simplified = shapely.simplify(geometries, tolerance, preserve_topology=True)
        features = [
            _geojson(self._features[int(index)], shown if not shown.is_empty else original)
            for index, original, shown in zip(chosen, geometries, simplified, strict=True)
        ]
        return ViewportResult(features, truncated=len(in_view) > limit, total_in_view=len(in_view))

    def containing(self, lon: float, lat: float) -> Feature | None:
        """The polygon the point lies in (boundary included); the largest, then smallest id, if several."""
        candidates = self._tree.query(shapely.points((lon, lat)))
        candidates = candidates[self._polygonal[candidates]]
        covering = candidates[shapely.intersects_xy(self._geometries[candidates], lon, lat)]
        return self._features[int(covering.min())] if covering.size else None


def _geojson(feature: Feature, geometry: BaseGeometry) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": feature.id,
        "geometry": mapping(geometry),
        "properties": dict(feature.properties),
    }
