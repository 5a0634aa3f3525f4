"""Builds gis: the one place that picks concrete adapters."""

import asyncio
import contextlib
import logging

from fastapi import FastAPI

from gis.adapters.layer_changes import listen_for_layer_changes
from gis.adapters.uow import GISUnitOfWork
from gis.config import GISSettings
from gis.entrypoints.api import address_resolution, facilities, layer_access, map_layers, pins
from gis.service_layer.map_indexes import MapIndexHolder
from servicekit.runtime import ServiceRuntime

log = logging.getLogger(__name__)


def build_app(settings: GISSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)

    def uow_factory() -> GISUnitOfWork:
        return GISUnitOfWork(runtime.session_factory, source=settings.service_name)

    indexes = MapIndexHolder(uow_factory)
    building: list[asyncio.Task[None]] = []

    async def build_indexes() -> None:
        # In the background: the service answers /healthz at once and /readyz once the map is loaded.
        building.append(asyncio.create_task(_build_until_done(indexes), name="map-indexes"))
        building.append(
            asyncio.create_task(
                listen_for_layer_changes(settings.database_url, lambda: _build_until_done(indexes)),
                name="map-layer-changes",
            )
        )

    async def stop_building() -> None:
        for task in building:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    runtime.on_startup(build_indexes)
    runtime.on_shutdown(stop_building)
    runtime.add_readiness_check("map", indexes.ready)
    app = runtime.build_app(
        title="GIS",
        routers=[
            map_layers.router,
            address_resolution.router,
            facilities.router,
            pins.router,
            layer_access.router,
        ],
    )
    app.state.settings = settings
    app.state.uow_factory = uow_factory
    app.state.map_indexes = indexes
    return app


async def _build_until_done(indexes: MapIndexHolder) -> None:
    delay = 1.0
    while True:
        try:
            await indexes.rebuild()
            return
        except Exception:
            log.exception("building the map indexes failed; retrying in %.0f s", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
