"""Reading GeoJSON layers: coordinate systems, and every problem reported by feature and field."""

from typing import Any

import pytest
from shapely import Point, Polygon, box
from shapely.geometry import mapping

from gis.domain.features import Address, Facility, GridArea, Layer, Property
from gis.domain.geojson_layers import FeatureError, LayerRejected, parse_layer

SWEREF_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
FACILITY = {
    "ean": "735999501211736147",
    "meter_number": "90001234",
    "main_fuse_amperes": "25",
    "street": "Solgatan",
    "house_number": "20",
    "postcode": "252 20",
    "town": "Helsingborg",
    "owner_name": "Sola Solsson",
    "personal_number": "19121212-1212",
}


def _layer(*features: dict[str, Any], crs: dict[str, Any] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        result["crs"] = crs
    return result


def _feature(geometry: Any, properties: dict[str, Any], feature_id: str | None = None) -> dict[str, Any]:
    result = {"type": "Feature", "geometry": mapping(geometry), "properties": properties}
    return result | ({"id": feature_id} if feature_id else {})


def _errors(layer: Layer, collection: Any, epsg: int | None = None) -> list[FeatureError]:
    with pytest.raises(LayerRejected) as rejected:
        parse_layer(layer, collection, epsg)
    return list(rejected.value.errors)


def test_sweref_coordinates_named_in_the_file_arrive_in_wgs_84() -> None:
    collection = _layer(
        _feature(Point(359_000, 6_215_000), {"street": "Solgatan", "number": "20", "postcode": "252 20",
                                            "town": "Helsingborg"}),
        crs=SWEREF_CRS,
    )  # fmt: skip
    [address] = parse_layer(Layer.ADDRESSES, collection)
    assert isinstance(address, Address)
    assert address.point.x == pytest.approx(12.735524154, abs=1e-8)
    assert address.point.y == pytest.approx(56.059375179, abs=1e-8)
    assert address.id == "addresses-1"


def test_a_facility_keeps_what_gis_needs_and_drops_a_personal_number() -> None:
    [facility] = parse_layer(Layer.FACILITIES, _layer(_feature(Point(12.73, 56.05), FACILITY, "F1")))
    assert isinstance(facility, Facility)
    assert (facility.id, facility.main_fuse_amperes, facility.dso_id, facility.technical_number) == (
        "F1",
        25,
        None,
        "",
    )
    assert "19121212" not in repr(facility)


def test_grid_areas_need_an_id_and_a_valid_polygon() -> None:
    bow_tie = Polygon([(12.70, 56.00), (12.80, 56.10), (12.80, 56.00), (12.70, 56.10)])
    collection = _layer(
        _feature(box(12.7, 56.0, 12.8, 56.1), {"dso_id": "sundkraft", "name": "Råå"}, "RAA"),
        _feature(box(12.7, 56.0, 12.8, 56.1), {"dso_id": "sundkraft", "name": "Utan id"}),
        _feature(bow_tie, {"dso_id": "kullabygden", "name": "Fluga"}, "BOW"),
    )
    errors = _errors(Layer.GRID_AREAS, collection)
    assert [(e.index, e.field) for e in errors] == [(1, "id"), (2, "geometry")]
    assert errors[1].message.startswith("is not valid (Self-intersection")


def test_sweref_coordinates_read_as_wgs_84_are_caught() -> None:
    collection = _layer(_feature(box(358_000, 6_214_000, 359_000, 6_215_000), {"designation": "X 1"}))
    assert _errors(Layer.PROPERTIES, collection) == [
        FeatureError(0, "geometry", "lies outside WGS 84's range: is the coordinate system (crs) right?")
    ]
    [prop] = parse_layer(Layer.PROPERTIES, collection, epsg=3006)
    assert isinstance(prop, Property)
    assert 12.71 < prop.geometry.bounds[0] < 12.73


def test_the_collection_itself_and_its_crs_are_checked() -> None:
    assert _errors(Layer.ADDRESSES, {"type": "Feature"}) == [
        FeatureError(None, "type", "must be a GeoJSON FeatureCollection")
    ]
    assert _errors(Layer.ADDRESSES, {"type": "FeatureCollection"}) == [
        FeatureError(None, "features", "must be a list of features")
    ]
    web_mercator = {"type": "name", "properties": {"name": "EPSG:3857"}}
    [error] = _errors(Layer.ADDRESSES, _layer(crs=web_mercator))
    assert (error.index, error.field) == (None, "crs")


def test_every_bad_field_of_every_feature_is_named() -> None:
    collection = _layer(
        _feature(Point(12.73, 56.05), FACILITY | {"ean": "735999501211736148", "main_fuse_amperes": 2.5}),
        {"type": "Feature", "geometry": None, "properties": FACILITY | {"meter_number": ""}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": "x"}, "properties": None},
        _feature(Point(12.73, 56.05), FACILITY | {"ean": "735999 501211 736147", "town": "T" * 101}),
    )
    assert [(e.index, e.field, e.message) for e in _errors(Layer.FACILITIES, collection)] == [
        (0, "ean", "the EAN's check digit is wrong"),
        (0, "main_fuse_amperes", "must be a whole number of amperes"),
        (1, "geometry", "must be Point, not None"),
        (1, "meter_number", "is missing"),
        (2, "ean", "is missing"),
        (2, "geometry", "has malformed coordinates"),
        (2, "house_number", "is missing"),
        (2, "main_fuse_amperes", "is missing"),
        (2, "meter_number", "is missing"),
        (2, "postcode", "is missing"),
        (2, "properties", "must be an object"),
        (2, "street", "is missing"),
        (2, "town", "is missing"),
        (3, "ean", "repeats feature 1's ean"),
        (3, "meter_number", "repeats feature 0's meter_number"),
        (3, "town", "is longer than 100 characters"),
    ]


def test_a_multipolygon_grid_area_is_accepted() -> None:
    parts = box(12.70, 56.0, 12.71, 56.01).union(box(12.72, 56.0, 12.73, 56.01))
    [area] = parse_layer(
        Layer.GRID_AREAS, _layer(_feature(parts, {"dso_id": "sundkraft", "name": "Delad"}, "D"))
    )
    assert isinstance(area, GridArea)
    assert area.geometry.geom_type == "MultiPolygon"
