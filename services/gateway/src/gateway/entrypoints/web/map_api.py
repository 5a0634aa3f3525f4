"""The map page's JSON API (`/api/karta/…`): each call checked here, then forwarded to GIS with the
signed-in user's access token, so GIS decides what this user may see. The browser never holds a token.

Anonymous callers get 401; GIS's refusals pass through with their status and problem body; GIS down
(or failing) is 503. Writes need the session's CSRF token in the X-CSRF-Token header."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from gateway.adapters.gis_client import GisClient, GisProblem, GisUnavailable
from gateway.adapters.identity_client import IdentityProblem, IdentityUnavailable
from gateway.domain.map_query import InvalidParameter, parse_bbox, parse_zoom, search_text
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import NotSignedIn, fresh_access_token
from servicekit.problems import PROBLEM_MEDIA_TYPE, ServiceUnavailable, Unauthorized, invalid_field

router = APIRouter(prefix="/api/karta", include_in_schema=False)

# Path pieces are checked before they become part of GIS's URL: no "..", no slashes, nothing odd.
LayerId = Annotated[str, Path(pattern=r"^[a-z_]{1,40}$")]
PinId = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,64}$")]
Longitude = Annotated[float, Query(ge=-180, le=180)]
Latitude = Annotated[float, Query(ge=-90, le=90)]
NO_STORE = {"cache-control": "no-store"}  # what a user may see is theirs: never in a shared cache


@dataclass(frozen=True, slots=True)
class AsGisUser:
    """GIS calls made as the signed-in user, their answers relayed to the page."""

    token: str
    client: GisClient

    async def forward(
        self, method: str, path: str, *, params: dict[str, Any] | None = None, json: Any = None
    ) -> Response:
        try:
            answer = await self.client.call(method, path, token=self.token, params=params, json=json)
        except GisUnavailable:
            raise ServiceUnavailable("the map service does not answer; try again shortly") from None
        except GisProblem as problem:
            if problem.status >= 500:  # GIS's own failure: the page says "try again", no internals
                raise ServiceUnavailable("the map service cannot answer now; try again shortly") from None
            return JSONResponse(
                dict(problem.body), problem.status, headers=NO_STORE, media_type=PROBLEM_MEDIA_TYPE
            )
        # Relayed as bytes: a viewport's GeoJSON is large, and parsing it only to write it again is waste.
        if not answer.content:  # 204 after a delete
            return Response(status_code=answer.status_code, headers=NO_STORE)
        media_type = answer.headers.get("content-type", "application/json")
        return Response(answer.content, answer.status_code, headers=NO_STORE, media_type=media_type)


async def as_gis_user(request: Request) -> AsGisUser:
    try:
        _, token = await fresh_access_token(request)
    except NotSignedIn:
        raise Unauthorized("sign in to see the map's layers") from None
    except IdentityUnavailable:
        raise ServiceUnavailable("the sign-in service does not answer; try again shortly") from None
    except IdentityProblem as problem:  # the refusals that end a login became NotSignedIn: this is a 5xx
        raise ServiceUnavailable("the sign-in service cannot answer now; try again shortly") from problem
    client: GisClient = request.app.state.gis
    return AsGisUser(token, client)


SignedInGis = Annotated[AsGisUser, Depends(as_gis_user)]


class NewPin(BaseModel):
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    label: str | None = Field(None, max_length=100)


@router.get("/layers")
async def layers(gis: SignedInGis) -> Response:
    return await gis.forward("GET", "/layers")


@router.get("/layers/{layer}/features")
async def features(
    gis: SignedInGis,
    layer: LayerId,
    bbox: str | None = None,
    zoom: str | None = None,
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
) -> Response:
    try:
        params: dict[str, Any] = {"bbox": parse_bbox(bbox).as_param(), "zoom": parse_zoom(zoom)}
    except InvalidParameter as error:
        raise invalid_field(error.field, error.message) from None
    if limit is not None:
        params["limit"] = limit
    return await gis.forward("GET", f"/layers/{layer}/features", params=params)


@router.get("/addresses")
async def search_addresses(
    gis: SignedInGis, q: str | None = None, limit: Annotated[int, Query(ge=1, le=20)] = 8
) -> Response:
    try:
        text = search_text(q)
    except InvalidParameter as error:
        raise invalid_field(error.field, error.message) from None
    return await gis.forward("GET", "/addresses/search", params={"q": text, "limit": limit})


@router.get("/places/at")
async def place_at(gis: SignedInGis, lon: Longitude, lat: Latitude) -> Response:
    return await gis.forward("GET", "/places/at", params={"lon": lon, "lat": lat})


@router.get("/routing")
async def routing(gis: SignedInGis, lon: Longitude, lat: Latitude) -> Response:
    return await gis.forward("GET", "/routing", params={"lon": lon, "lat": lat})


@router.get("/pins")
async def pins(gis: SignedInGis) -> Response:
    return await gis.forward("GET", "/pins")


@router.post("/pins", dependencies=[Depends(require_csrf)])
async def place_pin(gis: SignedInGis, pin: NewPin) -> Response:
    return await gis.forward("POST", "/pins", json=pin.model_dump(exclude_none=True))


@router.delete("/pins/{pin_id}", dependencies=[Depends(require_csrf)])
async def remove_pin(gis: SignedInGis, pin_id: PinId) -> Response:
    return await gis.forward("DELETE", f"/pins/{pin_id}")


@router.delete("/pins", dependencies=[Depends(require_csrf)])
async def clear_pins(gis: SignedInGis) -> Response:
    return await gis.forward("DELETE", "/pins")
