"""The demo network: deterministic, the required size, valid identifiers, and every address and facility
in exactly one grid area of areas that tile the region without overlapping."""

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
import shapely
from numpy.typing import NDArray
from stdnum import ean

from gis.domain.demo_network import DEMO_DSOS, DemoNetwork, generate_demo_network
from gis.domain.ean import validate_ean
from gis.domain.features import Facility


@pytest.fixture(scope="module")
def network() -> DemoNetwork:
    return generate_demo_network()


def _containing(polygons: Sequence[shapely.Geometry], points: Sequence[shapely.Geometry]) -> NDArray[np.intp]:
    """For each point, the indexes of the polygons it lies inside (pairs: point indexes, polygon indexes)."""
    return shapely.STRtree(polygons).query(points, predicate="within")


def test_the_same_seed_gives_the_same_network_and_another_seed_another(network: DemoNetwork) -> None:
    again = generate_demo_network()
    for layer in ("grid_areas", "properties", "facilities", "addresses"):
        assert getattr(again, layer) == getattr(network, layer), layer

    other = generate_demo_network(7, properties=500, addresses=900, facilities=800)
    assert [a.geometry for a in other.grid_areas] != [a.geometry for a in network.grid_areas]


def test_it_has_the_required_size_and_two_dsos(network: DemoNetwork) -> None:
    assert len(network.grid_areas) >= 5
    assert len(network.properties) == 20_000
    assert len(network.facilities) == 50_000
    assert len(network.addresses) == 60_000
    assert {area.dso_id for area in network.grid_areas} == set(DEMO_DSOS) == {"sundkraft", "kullabygden"}


def test_grid_areas_are_detailed_valid_and_do_not_overlap(network: DemoNetwork) -> None:
    geometries = [area.geometry for area in network.grid_areas]
    assert all(geometry.is_valid for geometry in geometries)
    assert all(shapely.get_num_coordinates(geometry) >= 200 for geometry in geometries)
    union = shapely.union_all(geometries)
    assert union.area == pytest.approx(sum(geometry.area for geometry in geometries), rel=1e-9)
    for i, first in enumerate(geometries):
        for second in geometries[i + 1 :]:
            assert first.intersection(second).area < 1e-12
    # Neighbours share their borders exactly: the union is one piece without slivers.
    assert isinstance(union, shapely.Polygon)
    assert len(union.interiors) == 0
    west, south, east, north = union.bounds
    assert 12.68 < west < 12.70 and 12.79 < east < 12.81 and 55.99 < south < 56.01 and 56.09 < north < 56.11


def test_one_area_has_a_hole_that_is_an_area_of_the_other_dso(network: DemoNetwork) -> None:
    holed = [area for area in network.grid_areas if len(area.geometry.interiors) > 0]  # type: ignore[union-attr]
    assert len(holed) == 1
    hole = shapely.Polygon(holed[0].geometry.interiors[0])  # type: ignore[union-attr]
    enclaves = [area for area in network.grid_areas if area.geometry.equals(hole)]
    assert len(enclaves) == 1
    assert enclaves[0].dso_id != holed[0].dso_id


def test_every_address_and_facility_lies_in_exactly_one_grid_area_of_its_dso(network: DemoNetwork) -> None:
    areas = [area.geometry for area in network.grid_areas]
    for features in (network.addresses, network.facilities):
        points = [feature.point for feature in features]
        hits = _containing(areas, points)
        assert (np.bincount(hits[0], minlength=len(points)) == 1).all()
    area_of: dict[int, int] = dict(
        zip(*_containing(areas, [f.point for f in network.facilities]), strict=True)
    )
    assert all(
        facility.dso_id == network.grid_areas[area_of[index]].dso_id
        for index, facility in enumerate(network.facilities)
    )


def test_every_facility_lies_in_one_property_and_properties_do_not_overlap(network: DemoNetwork) -> None:
    polygons = [prop.geometry for prop in network.properties]
    hits = _containing(polygons, [facility.point for facility in network.facilities])
    assert (np.bincount(hits[0], minlength=len(network.facilities)) == 1).all()
    tree = shapely.STRtree(polygons)
    pairs = tree.query(polygons, predicate="overlaps")
    assert pairs.shape[1] == 0


def test_facilities_have_valid_unique_eans_and_meter_numbers_and_standard_fuses(network: DemoNetwork) -> None:
    eans = [facility.ean for facility in network.facilities]
    assert all(re.fullmatch(r"735999\d{12}", value) for value in eans)
    assert all(validate_ean(value) == value for value in eans)
    assert all(ean.calc_check_digit(value[:-1]) == value[-1] for value in eans)
    assert len(set(eans)) == len(eans)
    meters = [facility.meter_number for facility in network.facilities]
    assert len(set(meters)) == len(meters)
    assert {facility.main_fuse_amperes for facility in network.facilities} == {16, 20, 25, 35, 50, 63}


def test_gis_holds_no_personal_identity_numbers() -> None:
    assert not [name for name in Facility.__dataclass_fields__ if "personal" in name or "ssn" in name]


def test_addresses_look_swedish_and_include_the_seeds_streets(network: DemoNetwork) -> None:
    labels = [address.label for address in network.addresses]
    assert len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"25\d \d\d", address.postcode) for address in network.addresses)
    streets = Counter(address.street for address in network.addresses)
    for street in ("Solgatan", "Molngatan", "Regngatan", "Snögatan", "Åskgatan", "Blixtgatan", "Dimgatan"):
        assert street in streets
    assert any(re.fullmatch(r"\d+[A-L]", address.number) for address in network.addresses)
    assert {"Helsingborg", "Höganäs"} <= {address.town for address in network.addresses}
    for seen_in_seed in ("Solgatan 20", "Solgatan 80", "Molngatan 69", "Regngatan 10"):
        assert f"{seen_in_seed}, 252 20 Helsingborg" in labels


def test_properties_have_unique_designations_like_the_land_registers(network: DemoNetwork) -> None:
    designations = [prop.designation for prop in network.properties]
    assert len(set(designations)) == len(designations)
    assert "Helsingborg Solen 4" in designations
    assert all(re.fullmatch(r"(Helsingborg|Höganäs) \w+ \d+", value) for value in designations)
