"""Importing a map layer from GeoJSON: all or nothing."""

from typing import Any

from gis.adapters.uow import GISUnitOfWork
from gis.domain.features import Address, Facility, GridArea, Layer, Property
from gis.domain.geojson_layers import LayerFeature, parse_layer


async def import_layer(uow: GISUnitOfWork, layer: Layer, collection: Any, *, epsg: int | None = None) -> int:
    """Replace `layer` with a FeatureCollection's features in one transaction; how many there are.

    Raises LayerRejected naming every bad feature and field before anything is written."""
    features = parse_layer(layer, collection, epsg)
    async with uow:
        await replace_layer(uow, layer, features)
        await uow.announce_layers_changed()
        await uow.commit()
    return len(features)


async def replace_layer(uow: GISUnitOfWork, layer: Layer, features: list[LayerFeature]) -> None:
    """Within the caller's open unit of work."""
    match layer:
        case Layer.GRID_AREAS:
            await uow.grid_areas.replace_all([f for f in features if isinstance(f, GridArea)])
        case Layer.PROPERTIES:
            await uow.properties.replace_all([f for f in features if isinstance(f, Property)])
        case Layer.FACILITIES:
            await uow.facilities.replace_all([f for f in features if isinstance(f, Facility)])
        case Layer.ADDRESSES:
            await uow.addresses.replace_all([f for f in features if isinstance(f, Address)])
