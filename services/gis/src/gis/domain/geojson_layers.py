"""Reading a layer from a GeoJSON FeatureCollection: every feature checked, every problem collected.

Coordinates arrive in SWEREF 99 TM or WGS 84 and leave in WGS 84. Properties a layer does not use are
ignored, so a personal identity number in an export never reaches GIS (ADR 0004).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import shape

from gis.domain.coordinates import WGS84, UnsupportedCrs, epsg_of, transform_all
from gis.domain.ean import InvalidEan, validate_ean
from gis.domain.features import Address, Facility, GridArea, Layer, Property

LayerFeature = GridArea | Property | Facility | Address
POLYGONS = ("Polygon", "MultiPolygon")
POINTS = ("Point",)


@dataclass(frozen=True, slots=True)
class FeatureError:
    """`index` is the feature's position in `features`; None for the collection itself."""

    index: int | None
    field: str
    message: str


class LayerRejected(ValueError):
    def __init__(self, errors: list[FeatureError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the layer; nothing was imported")
        self.errors = tuple(errors)


class _Fields:
    """One feature's properties, read with their problems noted instead of raised."""

    def __init__(self, index: int, properties: Mapping[str, Any], errors: list[FeatureError]) -> None:
        self.index, self.properties, self.errors = index, properties, errors

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FeatureError(self.index, field, message))

    def text(self, name: str, max_length: int, *, required: bool = True, default: str = "") -> str:
        value = self.properties.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is missing")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(name, "must be text")
            return default
        text = str(value).strip()
        if len(text) > max_length:
            self.fail(name, f"is longer than {max_length} characters")
        return text

    def amperes(self, name: str) -> int:
        value = self.properties.get(name)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 10_000:
            self.fail(name, "is missing" if value is None else "must be a whole number of amperes")
            return 0
        return value

    def ean(self, name: str) -> str:
        text = self.text(name, 40)
        if not text:
            return ""
        try:
            return validate_ean(text)
        except InvalidEan as error:
            self.fail(name, str(error))
            return text


def _grid_area(fields: _Fields, feature_id: str, geometry: Any) -> GridArea:
    return GridArea(feature_id, fields.text("dso_id", 40), fields.text("name", 200), geometry)


def _property(fields: _Fields, feature_id: str, geometry: Any) -> Property:
    return Property(feature_id, fields.text("designation", 200), geometry)


def _address(fields: _Fields, feature_id: str, geometry: Any) -> Address:
    return Address(
        feature_id,
        fields.text("street", 200),
        fields.text("number", 20),
        fields.text("postcode", 10),
        fields.text("town", 100),
        geometry,
    )


def _facility(fields: _Fields, feature_id: str, geometry: Any) -> Facility:
    return Facility(
        id=feature_id,
        ean=fields.ean("ean"),
        meter_number=fields.text("meter_number", 30),
        technical_number=fields.text("technical_number", 30, required=False),
        main_fuse_amperes=fields.amperes("main_fuse_amperes"),
        street=fields.text("street", 200),
        house_number=fields.text("house_number", 20),
        postcode=fields.text("postcode", 10),
        town=fields.text("town", 100),
        point=geometry,
        owner_name=fields.text("owner_name", 200, required=False),
        dso_id=fields.text("dso_id", 40, required=False) or None,
    )


_BUILDERS: dict[Layer, tuple[tuple[str, ...], Callable[[_Fields, str, Any], LayerFeature]]] = {
    Layer.GRID_AREAS: (POLYGONS, _grid_area),
    Layer.PROPERTIES: (POLYGONS, _property),
    Layer.FACILITIES: (POINTS, _facility),
    Layer.ADDRESSES: (POINTS, _address),
}
# Unique in the database: repeated values are refused here, by feature, rather than by a failed insert.
_UNIQUE = {Layer.FACILITIES: ("id", "ean", "meter_number")}


def parse_layer(layer: Layer, collection: Any, epsg: int | None = None) -> list[LayerFeature]:
    """The layer's features in WGS 84, or LayerRejected listing every problem. `epsg` (3006 or 4326)
    overrides the collection's `crs` member; without either, GeoJSON's own WGS 84 is assumed."""
    errors: list[FeatureError] = []
    source = _source_epsg(collection, epsg, errors)
    raw = collection.get("features") if isinstance(collection, Mapping) else None
    if not isinstance(collection, Mapping) or collection.get("type") != "FeatureCollection":
        errors.append(FeatureError(None, "type", "must be a GeoJSON FeatureCollection"))
    elif not isinstance(raw, list):
        errors.append(FeatureError(None, "features", "must be a list of features"))
    if errors or not isinstance(raw, list):
        raise LayerRejected(errors)
    kinds, build = _BUILDERS[layer]
    geometries = [_geometry(index, feature, kinds, errors) for index, feature in enumerate(raw)]
    _to_wgs84(geometries, source, errors)
    features: list[LayerFeature] = []
    for index, feature in enumerate(raw):
        properties = feature.get("properties") if isinstance(feature, Mapping) else None
        fields = _Fields(index, properties if isinstance(properties, Mapping) else {}, errors)
        if isinstance(feature, Mapping) and not isinstance(properties, Mapping):
            fields.fail("properties", "must be an object")
        features.append(build(fields, _feature_id(layer, index, feature, fields), geometries[index]))
    _check_unique(layer, features, errors)
    if errors:
        raise LayerRejected(sorted(errors, key=lambda error: (error.index or 0, error.field)))
    return features


def _source_epsg(collection: Any, epsg: int | None, errors: list[FeatureError]) -> int:
    try:
        if epsg is not None:
            return epsg_of(f"EPSG:{epsg}")
        crs = collection.get("crs") if isinstance(collection, Mapping) else None
        if crs is None:
            return WGS84
        name = crs.get("properties", {}).get("name") if isinstance(crs, Mapping) else None
        return epsg_of(name) if isinstance(name, str) else epsg_of(repr(crs))
    except UnsupportedCrs as error:
        errors.append(FeatureError(None, "crs", str(error)))
        return WGS84


def _geometry(index: int, feature: Any, kinds: tuple[str, ...], errors: list[FeatureError]) -> Any:
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        errors.append(FeatureError(index, "type", "must be a GeoJSON Feature"))
        return None
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, Mapping) else None
    if not isinstance(geometry, Mapping) or kind not in kinds:
        errors.append(FeatureError(index, "geometry", f"must be {' or '.join(kinds)}, not {kind}"))
        return None
    try:
        return shape(dict(geometry))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, GEOSException):
        errors.append(FeatureError(index, "geometry", "has malformed coordinates"))
        return None


def _to_wgs84(geometries: list[Any], source: int, errors: list[FeatureError]) -> None:
    """In place, all at once; then each must be valid and within WGS 84's range."""
    present = [index for index, geometry in enumerate(geometries) if geometry is not None]
    if not present:
        return
    converted = transform_all(np.array([geometries[i] for i in present], dtype=object), source, WGS84)
    bounds = shapely.bounds(converted)
    in_range = (bounds[:, 0] >= -180) & (bounds[:, 2] <= 180) & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90)
    valid = shapely.is_valid(converted)
    for position, index in enumerate(present):
        geometries[index] = converted[position]
        if not np.isfinite(bounds[position]).all() or not in_range[position]:
            message = "lies outside WGS 84's range: is the coordinate system (crs) right?"
            errors.append(FeatureError(index, "geometry", message))
        elif not valid[position]:
            reason = shapely.is_valid_reason(converted[position])
            errors.append(FeatureError(index, "geometry", f"is not valid ({reason})"))


def _feature_id(layer: Layer, index: int, feature: Any, fields: _Fields) -> str:
    """The feature's `id` (or `properties.id`); grid areas need one, others get their position."""
    value = feature.get("id") if isinstance(feature, Mapping) else None
    if value is None:
        value = fields.properties.get("id")
    if value is None:
        if layer is Layer.GRID_AREAS:
            fields.fail("id", "is missing")
        return f"{layer.value}-{index + 1}"
    if isinstance(value, bool) or not isinstance(value, str | int) or not 0 < len(str(value)) <= 64:
        fields.fail("id", "must be text of at most 64 characters")
    return str(value)


def _check_unique(layer: Layer, features: list[LayerFeature], errors: list[FeatureError]) -> None:
    for name in _UNIQUE.get(layer, ("id",)):
        first: dict[str, int] = {}
        for index, feature in enumerate(features):
            value = getattr(feature, name)
            if value and value in first:
                errors.append(FeatureError(index, name, f"repeats feature {first[value]}'s {name}"))
            first.setdefault(value, index)
