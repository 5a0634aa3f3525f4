"""HTTP: the map's layers, features in a viewport, address search, what lies at a point, routing."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from gis.domain.features import Address, Layer
from gis.domain.layer_access import UnknownLayer, layer_named
from gis.domain.routing import OutsideEveryGridArea
from gis.domain.viewport import BBox, InvalidViewport
from gis.entrypoints.api.deps import Indexes, Policy, SignedInViewer
from gis.service_layer.map_queries import (
    LayerNotVisible,
    features_in_view,
    place_at,
    route,
    search_addresses,
)
from servicekit.auth import CurrentPrincipal, log_refusal
from servicekit.problems import Forbidden, NotFound, invalid_field

router = APIRouter(tags=["map"])

Longitude = Annotated[float, Query(ge=-180, le=180, description="WGS 84 longitude")]
Latitude = Annotated[float, Query(ge=-90, le=90, description="WGS 84 latitude")]


class LayerOut(BaseModel):
    id: Layer


class AddressOut(BaseModel):
    id: str
    label: str
    street: str
    number: str
    postcode: str
    town: str
    lon: float
    lat: float


class GridAreaOut(BaseModel):
    grid_area_id: str
    grid_area_name: str
    dso_id: str


class PlaceOut(BaseModel):
    address: AddressOut | None
    property: dict[str, Any] | None
    grid_area: GridAreaOut | None


@router.get("/layers")
async def layers(viewer: SignedInViewer, policy: Policy) -> list[LayerOut]:
    """The layers the caller may see, in drawing order."""
    return [LayerOut(id=layer) for layer in policy.visible_layers(viewer)]


@router.get("/layers/{layer}/features")
async def features(
    layer: str,
    request: Request,
    principal: CurrentPrincipal,
    viewer: SignedInViewer,
    policy: Policy,
    indexes: Indexes,
    bbox: Annotated[str, Query(max_length=200, description="minLon,minLat,maxLon,maxLat")],
    zoom: Annotated[int, Query(ge=0, le=22)],
    limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
) -> dict[str, Any]:
    """The layer's features in the box, simplified for the zoom; `truncated` says more lie in view."""
    try:
        found_layer = layer_named(layer)
    except UnknownLayer as unknown:
        raise NotFound(str(unknown)) from None
    box = _bbox(bbox)
    try:
        result = features_in_view(indexes, policy, viewer, found_layer, box, zoom, limit)
    except LayerNotVisible as refused:
        log_refusal(request, principal, str(refused))
        raise Forbidden(str(refused)) from None
    except InvalidViewport as invalid:
        raise invalid_field("bbox", str(invalid)) from None
    return {
        "type": "FeatureCollection",
        "features": result.features,
        "truncated": result.truncated,
        "total_in_view": result.total_in_view,
    }


@router.get("/addresses/search")
async def address_search(
    viewer: SignedInViewer,
    indexes: Indexes,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=20)] = 10,
) -> list[AddressOut]:
    """Addresses as the user types: prefixes, typos, å ä ö and æ ø å; best first."""
    hits = search_addresses(indexes, q, limit)
    return [_address(indexes.address_by_id[hit.id]) for hit in hits]


@router.get("/places/at")
async def place(
    viewer: SignedInViewer, policy: Policy, indexes: Indexes, lon: Longitude, lat: Latitude
) -> PlaceOut:
    """What lies at a point: nearest address, the property (where permitted) and the grid area."""
    found = place_at(indexes, policy, viewer, lon, lat)
    address = indexes.address_by_id.get(found.address.id) if found.address else None
    return PlaceOut(
        address=_address(address) if address else None,
        property=found.property,
        grid_area=GridAreaOut(
            grid_area_id=found.grid_area.id,
            grid_area_name=found.grid_area.name,
            dso_id=found.grid_area.dso_id,
        )
        if found.grid_area
        else None,
    )


@router.get("/routing")
async def routing(viewer: SignedInViewer, indexes: Indexes, lon: Longitude, lat: Latitude) -> GridAreaOut:
    """The grid area, and so the grid company, that takes a case at this point."""
    try:
        area = route(indexes, lon, lat)
    except OutsideEveryGridArea:
        raise invalid_field("lon", "the point lies outside every grid area served here") from None
    return GridAreaOut(grid_area_id=area.id, grid_area_name=area.name, dso_id=area.dso_id)


def _bbox(text: str) -> BBox:
    parts = text.split(",")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        raise invalid_field("bbox", "give four numbers: minLon,minLat,maxLon,maxLat") from None
    if len(values) != 4:
        raise invalid_field("bbox", "give four numbers: minLon,minLat,maxLon,maxLat")
    return values[0], values[1], values[2], values[3]


def _address(address: Address) -> AddressOut:
    return AddressOut(
        id=address.id,
        label=address.label,
        street=address.street,
        number=address.number,
        postcode=address.postcode,
        town=address.town,
        lon=address.point.x,
        lat=address.point.y,
    )
