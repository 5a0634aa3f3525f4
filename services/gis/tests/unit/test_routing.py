"""Routing a point to its grid area and DSO: borders, holes, the network's edge, and outside it."""

from typing import Any

import numpy as np
import pytest
from shapely import MultiPolygon, Point, Polygon, box

from gis.domain.routing import NOWHERE, GridAreaIndex, InvalidGridArea, OutsideEveryGridArea, Routed

Area = tuple[str, str, Any]  # Any: the refusals below pass what a grid area must not be
WEST: Area = ("area-west", "dso-sund", box(0, 0, 1, 1))
EAST: Area = ("area-east", "dso-kraft", box(1, 0, 2, 1))


def test_a_point_inside_an_area_routes_to_it_and_its_dso() -> None:
    index = GridAreaIndex.build([WEST, EAST])

    assert index.route(0.5, 0.5) == Routed("area-west", "dso-sund")
    assert index.route(1.5, 0.5) == Routed("area-east", "dso-kraft")


@pytest.mark.parametrize("order", [[WEST, EAST], [EAST, WEST]])
def test_a_point_on_a_shared_border_goes_to_the_smallest_id_whatever_the_order(order: list[Area]) -> None:
    index = GridAreaIndex.build(order)

    assert index.route(1.0, 0.5).area_id == "area-east"  # "area-east" < "area-west"
    assert index.route(1.0, 1.0).area_id == "area-east"  # a shared corner too


def test_a_point_on_the_outer_edge_of_the_network_is_inside() -> None:
    index = GridAreaIndex.build([WEST, EAST])

    assert index.route(0.0, 0.5).area_id == "area-west"
    assert index.route(0.0, 0.0).area_id == "area-west"
    assert index.route(2.0, 0.3).area_id == "area-east"


def test_a_point_outside_every_area_is_a_clear_error() -> None:
    index = GridAreaIndex.build([WEST, EAST])

    with pytest.raises(OutsideEveryGridArea, match="outside every grid area") as raised:
        index.route(12.7, 56.05)
    assert (raised.value.lon, raised.value.lat) == (12.7, 56.05)


def test_a_point_in_a_hole_is_not_in_the_area_with_the_hole() -> None:
    ring = ("area-ring", "dso-sund", Polygon(box(0, 0, 3, 3).exterior, [box(1, 1, 2, 2).exterior.coords]))
    index = GridAreaIndex.build([ring])

    with pytest.raises(OutsideEveryGridArea):
        index.route(1.5, 1.5)
    assert index.route(0.5, 1.5).area_id == "area-ring"


def test_a_point_in_a_hole_goes_to_the_area_that_fills_it() -> None:
    ring = ("area-ring", "dso-sund", Polygon(box(0, 0, 3, 3).exterior, [box(1, 1, 2, 2).exterior.coords]))
    island = ("area-island", "dso-kraft", box(1, 1, 2, 2))
    index = GridAreaIndex.build([ring, island])

    assert index.route(1.5, 1.5) == Routed("area-island", "dso-kraft")
    assert index.route(1.0, 1.5).area_id == "area-island"  # the hole's edge: both cover it, smallest id


def test_every_part_of_a_multipolygon_routes_to_its_area() -> None:
    parts = MultiPolygon([box(0, 0, 1, 1), box(5, 5, 6, 6)])
    index = GridAreaIndex.build([("area-split", "dso-sund", parts)])

    assert index.route(0.5, 0.5).area_id == "area-split"
    assert index.route(5.5, 5.5).area_id == "area-split"
    with pytest.raises(OutsideEveryGridArea):
        index.route(3.0, 3.0)


def test_route_many_agrees_with_route_point_by_point() -> None:
    ring = ("area-ring", "dso-sund", Polygon(box(2, 0, 5, 3).exterior, [box(3, 1, 4, 2).exterior.coords]))
    areas: list[Area] = [
        WEST,
        EAST,
        ring,
        ("area-far", "dso-kraft", MultiPolygon([box(0, 2, 1, 3), box(6, 0, 7, 1)])),
    ]
    index = GridAreaIndex.build(areas)
    rng = np.random.default_rng(4)
    # Quarter steps land many points exactly on borders and corners, the cases most likely to disagree.
    lons = np.concatenate([rng.uniform(-1, 8, 1_000), rng.integers(-4, 32, 1_000) / 4])
    lats = np.concatenate([rng.uniform(-1, 4, 1_000), rng.integers(-4, 16, 1_000) / 4])

    routed = index.route_many(lons, lats)

    for lon, lat, found in zip(lons, lats, routed, strict=True):
        try:
            expected = index.route(float(lon), float(lat))
        except OutsideEveryGridArea:
            assert found == NOWHERE
        else:
            assert index.area(int(found)) == expected
    assert (routed == NOWHERE).any()
    assert (routed != NOWHERE).any()


def test_route_many_refuses_coordinates_of_different_lengths() -> None:
    index = GridAreaIndex.build([WEST])

    with pytest.raises(ValueError, match="one length"):
        index.route_many([0.5, 0.6], [0.5])


@pytest.mark.parametrize(
    ("areas", "says"),
    [
        ([WEST, ("area-west", "dso-kraft", box(5, 5, 6, 6))], "appears twice"),
        ([("area-dot", "dso-sund", Point(0, 0))], "not a \\(multi\\)polygon"),
        ([("area-bow", "dso-sund", Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]))], "not a valid polygon"),
        ([("area-none", "dso-sund", Polygon())], "empty"),
    ],
)
def test_areas_the_index_cannot_hold_are_refused_by_id(areas: list[Area], says: str) -> None:
    with pytest.raises(InvalidGridArea, match=says):
        GridAreaIndex.build(areas)


def test_before_any_grid_area_is_loaded_every_point_is_outside() -> None:
    """A new installation starts with no grid areas: the index builds, and routing answers 'outside'."""
    index = GridAreaIndex.build([])

    assert len(index) == 0
    with pytest.raises(OutsideEveryGridArea):
        index.route(0.5, 0.5)
    assert index.route_many([0.5, 1.5], [0.5, 0.5]).tolist() == [NOWHERE, NOWHERE]
