"""HTTP: the caller's own map pins ("kartnålar"): list, place, remove one, clear all."""

import uuid
from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field
from shapely import Point

from gis.domain.features import Pin
from gis.entrypoints.api.deps import UowFactory
from servicekit.auth import CurrentPrincipal
from servicekit.problems import Conflict, NotFound

router = APIRouter(tags=["pins"])
MAX_PINS = 200  # a map full of pins helps nobody


class PinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    label: str = Field("", max_length=200)


class PinOut(BaseModel):
    id: uuid.UUID
    lon: float
    lat: float
    label: str
    created_at: datetime

    @classmethod
    def of(cls, pin: Pin) -> "PinOut":
        return cls(id=pin.id, lon=pin.point.x, lat=pin.point.y, label=pin.label, created_at=pin.created_at)


@router.get("/pins")
async def pins(principal: CurrentPrincipal, uow: UowFactory) -> list[PinOut]:
    async with uow() as work:
        return [PinOut.of(pin) for pin in await work.pins.of_user(principal.user_id)]


@router.post("/pins", status_code=status.HTTP_201_CREATED)
async def place_pin(body: PinIn, principal: CurrentPrincipal, uow: UowFactory) -> PinOut:
    pin = Pin(user_id=principal.user_id, point=Point(body.lon, body.lat), label=body.label.strip())
    async with uow() as work:
        if len(await work.pins.of_user(principal.user_id)) >= MAX_PINS:
            raise Conflict(f"you have {MAX_PINS} pins; remove some before placing more")
        work.pins.add(pin)
        await work.commit()
    return PinOut.of(pin)


@router.delete("/pins/{pin_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_pin(pin_id: uuid.UUID, principal: CurrentPrincipal, uow: UowFactory) -> Response:
    async with uow() as work:
        if not await work.pins.remove(principal.user_id, pin_id):
            raise NotFound("you have no pin with this id")
        await work.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/pins", status_code=status.HTTP_204_NO_CONTENT)
async def clear_pins(principal: CurrentPrincipal, uow: UowFactory) -> Response:
    async with uow() as work:
        await work.pins.clear(principal.user_id)
        await work.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
