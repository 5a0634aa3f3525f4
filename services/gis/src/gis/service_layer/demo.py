"""The demo network (domain/demo_network.py) for local use and benchmarks: loaded into empty layers only,
so running it on every start is safe and a layer replaced by an import stays replaced."""

import asyncio
from collections.abc import Callable
from typing import Protocol

from gis.adapters.uow import GISUnitOfWork
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.domain.features import Layer


class _Layer(Protocol):
    async def lock(self) -> None: ...
    async def count(self) -> int: ...


async def seed_demo_network(
    uow: GISUnitOfWork, generate: Callable[[], DemoNetwork] = generate_demo_network
) -> dict[Layer, int]:
    """Load the demo features of every empty layer; how many were added per layer."""
    async with uow:
        layers: dict[Layer, _Layer] = {
            Layer.GRID_AREAS: uow.grid_areas,
            Layer.PROPERTIES: uow.properties,
            Layer.FACILITIES: uow.facilities,
            Layer.ADDRESSES: uow.addresses,
        }
        # Locked before counting, always in this order: replicas starting together seed once, no deadlock.
        for repository in layers.values():
            await repository.lock()
        empty = {layer for layer, repository in layers.items() if await repository.count() == 0}
        if not empty:
            return {}
        network = await asyncio.to_thread(generate)  # about a second of CPU: off the event loop
        added: dict[Layer, int] = {}
        if Layer.GRID_AREAS in empty:
            await uow.grid_areas.add_all(network.grid_areas)
            added[Layer.GRID_AREAS] = len(network.grid_areas)
        if Layer.PROPERTIES in empty:
            await uow.properties.add_all(network.properties)
            added[Layer.PROPERTIES] = len(network.properties)
        if Layer.FACILITIES in empty:
            await uow.facilities.add_all(network.facilities)
            added[Layer.FACILITIES] = len(network.facilities)
        if Layer.ADDRESSES in empty:
            await uow.addresses.add_all(network.addresses)
            added[Layer.ADDRESSES] = len(network.addresses)
        await uow.commit()
        return added
