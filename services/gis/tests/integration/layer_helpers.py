"""Small GeoJSON layers for import tests, written in SWEREF 99 TM or WGS 84."""

from typing import Any

from shapely import Point, Polygon, box
from shapely.geometry import mapping

from gis.domain.coordinates import SWEREF99TM, WGS84, transform

CRS_NAMES = {SWEREF99TM: "urn:ogc:def:crs:EPSG::3006", WGS84: "urn:ogc:def:crs:OGC:1.3:CRS84"}

# Two neighbouring grid areas in Helsingborg, in SWEREF 99 TM metres.
WEST_3006 = box(358_000, 6_214_000, 359_000, 6_216_000)
EAST_3006 = box(359_000, 6_214_000, 360_000, 6_216_000)
ADDRESS_3006 = Point(359_000.5, 6_215_000.25)


def collection(features: list[dict[str, Any]], epsg: int | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if epsg is not None:
        result["crs"] = {"type": "name", "properties": {"name": CRS_NAMES[epsg]}}
    return result


def feature(geometry: Any, properties: dict[str, Any], feature_id: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "Feature", "geometry": mapping(geometry), "properties": properties}
    if feature_id is not None:
        result["id"] = feature_id
    return result


def grid_areas(epsg: int) -> dict[str, Any]:
    west: Polygon = transform(WEST_3006, SWEREF99TM, epsg)
    east: Polygon = transform(EAST_3006, SWEREF99TM, epsg)
    return collection(
        [
            feature(west, {"dso_id": "sundkraft", "name": "Väster"}, "W"),
            feature(east, {"dso_id": "kullabygden", "name": "Öster"}, "E"),
        ],
        epsg,
    )


def facility_properties(**overrides: Any) -> dict[str, Any]:
    return {
        "ean": "735999501211736147",
        "meter_number": "90001234",
        "technical_number": "HBC-000001",
        "main_fuse_amperes": 25,
        "street": "Solgatan",
        "house_number": "20",
        "postcode": "252 20",
        "town": "Helsingborg",
        "owner_name": "Sola Solsson",
        "dso_id": "sundkraft",
        **overrides,
    }
