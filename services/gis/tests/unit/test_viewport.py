"""A layer's features in a viewport: simplified for the zoom, limited with a clear flag, boxes checked."""

from typing import Any

import pytest
import shapely
from shapely import Point, box
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gis.domain.viewport import InvalidViewport, LayerIndex

Row = tuple[str, BaseGeometry, dict[str, Any]]
CITY = (12.69, 56.03, 12.71, 56.05)
LAKE: Row = ("lake", Point(12.70, 56.04).buffer(0.005, quad_segs=256), {"designation": "Sjön 1"})
BLOCKS: list[Row] = [
    (f"block-{n}", box(12.691 + n * 0.001, 56.031, 12.6915 + n * 0.001, 56.0315), {}) for n in range(8)
]


def layer() -> LayerIndex:
    return LayerIndex.build([LAKE, *BLOCKS])


def vertices(feature: dict[str, Any]) -> int:
    return int(shapely.get_num_coordinates(shape(feature["geometry"])))


def test_features_are_geojson_with_their_properties() -> None:
    lake = layer().query(CITY, zoom=16, limit=100).features[0]

    assert lake["type"] == "Feature"
    assert lake["id"] == "lake"
    assert lake["properties"] == {"designation": "Sjön 1"}
    assert lake["geometry"]["type"] == "Polygon"


def test_zoomed_out_geometries_have_far_fewer_vertices_and_stay_valid() -> None:
    index = layer()
    original = int(shapely.get_num_coordinates(LAKE[1]))

    far = index.query(CITY, zoom=10, limit=100).features
    near = index.query(CITY, zoom=22, limit=100).features

    assert vertices(far[0]) < original / 10
    assert vertices(near[0]) > original / 2
    assert all(shape(feature["geometry"]).is_valid for feature in far + near)
    assert len(far) == len(near) == 9  # simplified, never dropped


def test_a_cut_result_says_so_and_keeps_the_largest_features() -> None:
    result = layer().query(CITY, zoom=16, limit=3)

    assert result.truncated
    assert result.total_in_view == 9
    assert [feature["id"] for feature in result.features] == ["lake", "block-0", "block-1"]


def test_a_result_that_fits_is_not_cut() -> None:
    result = layer().query((12.6905, 56.0305, 12.6925, 56.0325), zoom=18, limit=10)

    assert not result.truncated
    assert result.total_in_view == len(result.features) == 2
    assert {feature["id"] for feature in result.features} == {"block-0", "block-1"}


@pytest.mark.parametrize(
    ("bbox", "zoom", "limit", "says"),
    [
        ((12.71, 56.03, 12.69, 56.05), 16, 10, "minimum must be below maximum"),
        ((12.69, 56.05, 12.71, 56.05), 16, 10, "minimum must be below maximum"),
        ((12.69, 56.03, 12.71, 95.0), 16, 10, "latitudes"),
        ((-190.0, 56.03, 12.71, 56.05), 16, 10, "longitudes"),
        ((float("nan"), 56.03, 12.71, 56.05), 16, 10, "not a number"),
        ((-170.0, -80.0, 170.0, 80.0), 2, 10, "spans more than"),
        (CITY, 30, 10, "zoom"),
        (CITY, 16, 0, "limit"),
    ],
)
def test_a_viewport_that_cannot_be_asked_for_names_the_problem(
    bbox: tuple[float, float, float, float], zoom: int, limit: int, says: str
) -> None:
    with pytest.raises(InvalidViewport, match=says):
        layer().query(bbox, zoom=zoom, limit=limit)


def test_the_feature_a_point_lies_in() -> None:
    index = LayerIndex.build(BLOCKS)

    found = index.containing(12.69125, 56.03125)

    assert found is not None
    assert found.id == "block-0"
    assert index.containing(12.6913, 56.0400) is None


def test_a_point_on_a_shared_edge_is_in_one_deterministic_feature() -> None:
    west: Row = ("west", box(0, 0, 1, 1), {})
    east: Row = ("east", box(1, 0, 2, 1), {})

    first = LayerIndex.build([west, east]).containing(1.0, 0.5)
    second = LayerIndex.build([east, west]).containing(1.0, 0.5)

    assert first is not None
    assert second is not None
    assert first.id == second.id == "east"  # equal areas: the smallest id


def test_points_are_never_the_feature_a_point_lies_in() -> None:
    index = LayerIndex.build([("meter", Point(0.5, 0.5), {})])

    assert index.containing(0.5, 0.5) is None
