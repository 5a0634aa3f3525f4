"""HTTP: many written addresses (an import's rows) resolved at once to known addresses and grid areas."""

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from gis.domain.address_resolution import Resolution, ResolutionStatus
from gis.domain.address_search import AddressEntry
from gis.domain.written_address import WrittenAddress
from gis.entrypoints.api.deps import Indexes, SignedInViewer
from gis.entrypoints.api.map_layers import AddressOut, GridAreaOut
from gis.service_layer.map_indexes import MapIndexes
from gis.service_layer.map_queries import resolve_addresses

MAX_ADDRESSES = 10_000  # the most rows an import takes


class _ItemFieldsRoute(APIRoute):
    """Names an item's field `addresses[3].street`, as the import names a row, not `addresses.3.street`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def named(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as invalid:
                errors = [{**error, "loc": _bracketed(error["loc"])} for error in invalid.errors()]
                raise RequestValidationError(
                    errors, body=invalid.body, endpoint_ctx=invalid.endpoint_ctx
                ) from None

        return named


router = APIRouter(tags=["map"], route_class=_ItemFieldsRoute)


class WrittenAddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    ref: str = Field(max_length=100, description="the caller's id for the row, echoed", examples=["17"])
    street: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="street name and house number, perhaps with a letter", examples=["Solgatan 12B"]
    )
    postcode: str | None = Field(None, max_length=20, description="digits only count", examples=["252 25"])
    city: str | None = Field(None, max_length=100, examples=["Helsingborg"])


class ResolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    addresses: list[WrittenAddressIn] = Field(max_length=MAX_ADDRESSES)


class ResolvedOut(BaseModel):
    ref: str
    status: ResolutionStatus
    address: AddressOut | None = Field(description="found, or found outside every grid area")
    grid_area: GridAreaOut | None = Field(description="found only")
    candidates: list[AddressOut] = Field(description="ambiguous or not found: at most 3 near misses")


class ResolveOut(BaseModel):
    results: list[ResolvedOut]


@router.post("/addresses/resolve")
async def resolve(body: ResolveIn, viewer: SignedInViewer, indexes: Indexes) -> ResolveOut:
    """Each address found exactly and routed to its grid area, or not found, ambiguous or outside every
    grid area with near misses; in the order given."""
    # Off the event loop: a full import is a few hundred milliseconds of CPU; other requests go on meanwhile.
    return await asyncio.to_thread(_resolve, indexes, body.addresses)


def _resolve(indexes: MapIndexes, rows: Sequence[WrittenAddressIn]) -> ResolveOut:
    resolutions = resolve_addresses(
        indexes, (WrittenAddress(row.street, row.postcode, row.city) for row in rows)
    )
    return ResolveOut(
        results=[_resolved(indexes, row.ref, found) for row, found in zip(rows, resolutions, strict=True)]
    )


def _resolved(indexes: MapIndexes, ref: str, found: Resolution) -> ResolvedOut:
    area = indexes.grid_areas[found.grid_area.area_id] if found.grid_area else None
    return ResolvedOut(
        ref=ref,
        status=found.status,
        address=_address(found.address) if found.address else None,
        grid_area=GridAreaOut(grid_area_id=area.id, grid_area_name=area.name, dso_id=area.dso_id)
        if area
        else None,
        candidates=[_address(candidate) for candidate in found.candidates],
    )


def _address(entry: AddressEntry) -> AddressOut:
    return AddressOut(
        id=entry.id,
        label=entry.label,
        street=entry.street,
        number=entry.number,
        postcode=entry.postcode,
        town=entry.town,
        lon=entry.lon,
        lat=entry.lat,
    )


def _bracketed(location: Sequence[int | str]) -> tuple[str, ...]:
    """("body", "addresses", 3, "street") → ("body", "addresses[3]", "street")."""
    parts: list[str] = []
    for part in location:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        else:
            parts.append(str(part))
    return tuple(parts)
