"""The map's questions, answered from the in-memory indexes and checked against the layer-access policy."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gis.domain.address_resolution import Resolution
from gis.domain.address_search import AddressEntry, Hit
from gis.domain.features import GridArea, Layer
from gis.domain.layer_access import LayerAccessPolicy, Viewer
from gis.domain.routing import OutsideEveryGridArea
from gis.domain.viewport import BBox, ViewportResult, validate_viewport
from gis.domain.written_address import WrittenAddress
from gis.service_layer.map_indexes import MapIndexes

NEAREST_ADDRESS_METRES = 150.0  # beyond this a point is not "at" any address


class LayerNotVisible(PermissionError):
    def __init__(self, layer: Layer) -> None:
        super().__init__(f"your role may not see the layer {layer}")
        self.layer = layer


@dataclass(frozen=True, slots=True)
class Place:
    address: AddressEntry | None
    property: dict[str, Any] | None
    grid_area: GridArea | None


def features_in_view(
    indexes: MapIndexes,
    policy: LayerAccessPolicy,
    viewer: Viewer,
    layer: Layer,
    bbox: BBox,
    zoom: int,
    limit: int,
) -> ViewportResult:
    if not policy.may_see(viewer, layer):
        raise LayerNotVisible(layer)
    validate_viewport(bbox, zoom, limit)
    if layer is Layer.FACILITIES:
        # Only the viewer's own DSO's facilities: another DSO's customers are not theirs to see.
        own = indexes.facilities_by_dso.get(viewer.dso_id)
        if own is None:
            return ViewportResult([], truncated=False, total_in_view=0)
        return own.query(bbox, zoom, limit)
    return indexes.layers[layer].query(bbox, zoom, limit)


def search_addresses(indexes: MapIndexes, query: str, limit: int) -> list[Hit]:
    return indexes.addresses.search(query, limit)


def resolve_addresses(indexes: MapIndexes, rows: Iterable[WrittenAddress]) -> list[Resolution]:
    """Each written address found exactly (or not) and routed to its grid area, in order."""
    return indexes.address_lookup.resolve_many(rows)


def route(indexes: MapIndexes, lon: float, lat: float) -> GridArea:
    """The grid area (and so the DSO) of a point; OutsideEveryGridArea if none."""
    return indexes.grid_areas[indexes.routing.route(lon, lat).area_id]


def place_at(indexes: MapIndexes, policy: LayerAccessPolicy, viewer: Viewer, lon: float, lat: float) -> Place:
    """What lies at a point: the nearest address, the property (if the viewer may see properties), the
    grid area."""
    try:
        area: GridArea | None = route(indexes, lon, lat)
    except OutsideEveryGridArea:
        area = None
    found_property = None
    if policy.may_see(viewer, Layer.PROPERTIES):
        feature = indexes.layers[Layer.PROPERTIES].containing(lon, lat)
        if feature is not None:
            found_property = {"id": feature.id, **feature.properties}
    return Place(
        address=indexes.addresses.nearest(lon, lat, max_metres=NEAREST_ADDRESS_METRES),
        property=found_property,
        grid_area=area,
    )
