"""Importing layers from GeoJSON into PostgreSQL: either coordinate system gives the same WGS 84
features; a bad file names every bad feature and field and changes nothing."""

import pytest
from shapely import Point, box

from gis.domain.coordinates import SWEREF99TM, WGS84, transform
from gis.domain.features import Layer
from gis.domain.geojson_layers import FeatureError, LayerRejected
from gis.service_layer.import_layers import import_layer

from .conftest import UowFactory
from .layer_helpers import ADDRESS_3006, collection, facility_properties, feature, grid_areas


async def test_the_same_layer_in_sweref_99_tm_and_in_wgs_84_is_stored_alike(uow_factory: UowFactory) -> None:
    stored = {}
    for epsg in (SWEREF99TM, WGS84):
        assert await import_layer(uow_factory(), Layer.GRID_AREAS, grid_areas(epsg)) == 2
        async with uow_factory() as uow:
            stored[epsg] = {area.id: area for area in await uow.grid_areas.all()}

    assert stored[SWEREF99TM].keys() == stored[WGS84].keys() == {"W", "E"}
    for area_id, area in stored[SWEREF99TM].items():
        other = stored[WGS84][area_id]
        assert (area.dso_id, area.name) == (other.dso_id, other.name)
        assert area.geometry.equals_exact(other.geometry, tolerance=1e-9)  # about 0.1 mm
    west = stored[SWEREF99TM]["W"].geometry
    assert 12.71 < west.bounds[0] < 12.72 and 56.04 < west.bounds[1] < 56.06  # longitude first


async def test_an_explicit_coordinate_system_is_used_when_the_file_names_none(
    uow_factory: UowFactory,
) -> None:
    address = {"street": "Solgatan", "number": "12B", "postcode": "252 20", "town": "Helsingborg"}
    layer = collection([feature(ADDRESS_3006, address)])

    await import_layer(uow_factory(), Layer.ADDRESSES, layer, epsg=SWEREF99TM)

    async with uow_factory() as uow:
        [stored] = await uow.addresses.all()
    expected = transform(ADDRESS_3006, SWEREF99TM, WGS84)
    assert stored.point.distance(expected) < 1e-9
    assert (stored.street, stored.number, stored.postcode) == ("Solgatan", "12B", "252 20")


async def test_a_bad_file_names_every_bad_feature_and_field_and_stores_nothing(
    uow_factory: UowFactory,
) -> None:
    good = collection([feature(Point(12.70, 56.05), facility_properties())])
    await import_layer(uow_factory(), Layer.FACILITIES, good)
    bad = collection(
        [
            feature(Point(12.71, 56.05), facility_properties(ean="735999501211736148", meter_number="1")),
            feature(
                box(12.7, 56.0, 12.8, 56.1), facility_properties(ean="735999000000000013", meter_number="2")
            ),
            feature(
                Point(12.72, 56.05),
                facility_properties(ean="735999000000000020", meter_number="1", street=None),
            ),
            feature(Point(12.73, 56.05), facility_properties(ean="735999000000000037", meter_number="3")),
        ]
    )

    with pytest.raises(LayerRejected) as rejected:
        await import_layer(uow_factory(), Layer.FACILITIES, bad)

    assert rejected.value.errors == (
        FeatureError(0, "ean", "the EAN's check digit is wrong"),
        FeatureError(1, "geometry", "must be Point, not Polygon"),
        FeatureError(2, "meter_number", "repeats feature 0's meter_number"),
        FeatureError(2, "street", "is missing"),
    )
    async with uow_factory() as uow:
        facilities = await uow.facilities.all()
    assert [facility.ean for facility in facilities] == ["735999501211736147"]


async def test_an_import_replaces_the_layer_and_facilities_are_found_by_ean_or_meter_number(
    uow_factory: UowFactory,
) -> None:
    first = collection([feature(Point(12.70, 56.05), facility_properties())])
    second = collection(
        [
            feature(Point(12.71, 56.05), facility_properties(ean="735999000000000013", meter_number="7001")),
            feature(Point(12.72, 56.05), facility_properties(ean="735999000000000020", meter_number="7002")),
        ]
    )
    await import_layer(uow_factory(), Layer.FACILITIES, first)
    await import_layer(uow_factory(), Layer.FACILITIES, second)

    async with uow_factory() as uow:
        assert await uow.facilities.count() == 2
        assert await uow.facilities.by_ean("735999501211736147") is None
        found = await uow.facilities.by_ean("735999000000000020")
        assert found is not None
        assert found.meter_number == "7002"
        assert found.point.equals(Point(12.72, 56.05))
        assert (found.street, found.house_number, found.owner_name) == ("Solgatan", "20", "Sola Solsson")
        assert await uow.facilities.by_meter_number("7001") is not None
        assert await uow.facilities.by_meter_number("7003") is None
