"""SWEREF 99 TM ↔ WGS 84: a known Helsingborg point, round trips, CRS names."""

import pytest
from shapely import Point, Polygon

from gis.domain.coordinates import SWEREF99TM, WGS84, UnsupportedCrs, epsg_of, to_wgs84, transform

# SWEREF 99 TM E 359 000 N 6 215 000 in central Helsingborg, as pyproj 3.7 / PROJ computes it.
HELSINGBORG_3006 = Point(359_000, 6_215_000)
HELSINGBORG_4326 = (12.735524154, 56.059375179)


def test_a_known_helsingborg_point_converts_to_longitude_then_latitude() -> None:
    point = to_wgs84(HELSINGBORG_3006, SWEREF99TM)
    assert point.x == pytest.approx(HELSINGBORG_4326[0], abs=1e-8)
    assert point.y == pytest.approx(HELSINGBORG_4326[1], abs=1e-8)


def test_a_round_trip_stays_within_a_millimetre() -> None:
    back = transform(to_wgs84(HELSINGBORG_3006, SWEREF99TM), WGS84, SWEREF99TM)
    assert back.distance(HELSINGBORG_3006) < 0.001


def test_polygons_convert_vertex_by_vertex_and_keep_their_holes() -> None:
    shell = [(358_000, 6_214_000), (360_000, 6_214_000), (360_000, 6_216_000), (358_000, 6_216_000)]
    hole = [(358_500, 6_214_500), (359_500, 6_214_500), (359_500, 6_215_500)]
    polygon = Polygon(shell, [hole])
    converted = to_wgs84(polygon, SWEREF99TM)
    assert converted.is_valid
    assert len(converted.interiors) == 1
    back = transform(converted, WGS84, SWEREF99TM)
    assert back.symmetric_difference(polygon).area < 1e-3


@pytest.mark.parametrize(
    ("name", "epsg"),
    [
        ("EPSG:3006", 3006),
        ("urn:ogc:def:crs:EPSG::3006", 3006),
        ("urn:ogc:def:crs:EPSG:6.6:4326", 4326),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
        ("epsg:4326", 4326),
    ],
)
def test_geojson_crs_names_are_understood(name: str, epsg: int) -> None:
    assert epsg_of(name) == epsg


@pytest.mark.parametrize("name", ["EPSG:3857", "EPSG:3021", "WGS84", ""])
def test_other_coordinate_systems_are_refused(name: str) -> None:
    with pytest.raises(UnsupportedCrs):
        epsg_of(name)
