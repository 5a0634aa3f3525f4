"""A user's pins: saved, listed, removed one by one or all; never another user's."""

import uuid
from datetime import UTC, datetime, timedelta

from shapely import Point

from gis.domain.features import Pin

from .conftest import UowFactory

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_pins_are_kept_per_user_and_removed_one_or_all(uow_factory: UowFactory) -> None:
    anna, erik = uuid.uuid4(), uuid.uuid4()
    first = Pin(anna, Point(12.7355, 56.0594), "Solgatan 20", created_at=T0)
    second = Pin(anna, Point(12.74, 56.06), created_at=T0 + timedelta(minutes=1))
    eriks = Pin(erik, Point(12.75, 56.07), "Eriks", created_at=T0)
    async with uow_factory() as uow:
        for pin in (second, first, eriks):
            uow.pins.add(pin)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.pins.of_user(anna) == [first, second]
        assert not await uow.pins.remove(anna, eriks.id)  # not Anna's
        assert await uow.pins.remove(anna, first.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.pins.of_user(anna) == [second]
        assert await uow.pins.clear(anna) == 1
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.pins.of_user(anna) == []
        assert await uow.pins.of_user(erik) == [eriks]
