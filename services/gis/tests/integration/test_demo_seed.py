"""`python -m gis seed-demo`: the demo network into empty layers, once."""

from shapely import Point

from gis.__main__ import seed_demo
from gis.config import GISSettings
from gis.domain.demo_network import generate_demo_network
from gis.domain.features import Layer
from gis.service_layer.demo import seed_demo_network

from .conftest import UowFactory


async def test_seed_demo_loads_the_network_once(gis_settings: GISSettings, uow_factory: UowFactory) -> None:
    await seed_demo(gis_settings)
    await seed_demo(gis_settings)

    async with uow_factory() as uow:
        counts = [
            await uow.grid_areas.count(),
            await uow.properties.count(),
            await uow.facilities.count(),
            await uow.addresses.count(),
        ]
        areas = await uow.grid_areas.all()
        facilities = await uow.facilities.all()
    assert counts == [7, 20_000, 50_000, 60_000]
    network = generate_demo_network()
    assert sorted(areas, key=lambda area: area.id) == sorted(network.grid_areas, key=lambda area: area.id)
    assert sorted(facilities, key=lambda f: f.id) == network.facilities  # WKB keeps every coordinate bit


async def test_seeding_skips_layers_that_have_features(uow_factory: UowFactory) -> None:
    small = generate_demo_network(3, properties=40, addresses=60, facilities=50)
    assert await seed_demo_network(uow_factory(), lambda: small) == {
        Layer.GRID_AREAS: 7,
        Layer.PROPERTIES: 40,
        Layer.FACILITIES: 50,
        Layer.ADDRESSES: 60,
    }
    async with uow_factory() as uow:
        await uow.addresses.replace_all([])
        await uow.commit()
        assert await uow.addresses.all() == []

    assert await seed_demo_network(uow_factory(), lambda: small) == {Layer.ADDRESSES: 60}
    assert await seed_demo_network(uow_factory(), lambda: small) == {}
    async with uow_factory() as uow:
        facility = await uow.facilities.by_ean(small.facilities[0].ean)
    assert facility == small.facilities[0]
    assert isinstance(facility.point, Point)
