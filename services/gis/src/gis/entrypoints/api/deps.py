"""Typed dependencies of gis's routes: the unit of work, the current indexes, the viewer and the policy."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from gis.adapters.uow import GISUnitOfWork
from gis.domain.layer_access import LayerAccessPolicy, Viewer
from gis.service_layer.map_indexes import MapIndexes
from servicekit.auth import CurrentPrincipal
from servicekit.problems import Forbidden, ServiceUnavailable


def _uow_factory(request: Request) -> Callable[[], GISUnitOfWork]:
    factory: Callable[[], GISUnitOfWork] = request.app.state.uow_factory
    return factory


UowFactory = Annotated[Callable[[], GISUnitOfWork], Depends(_uow_factory)]


def _indexes(request: Request) -> MapIndexes:
    current: MapIndexes | None = request.app.state.map_indexes.current
    if current is None:
        raise ServiceUnavailable(
            "the map is still loading; try again in a moment", headers={"Retry-After": "5"}
        )
    return current


Indexes = Annotated[MapIndexes, Depends(_indexes)]


def _viewer(principal: CurrentPrincipal) -> Viewer:
    if principal.dso_id is None:
        raise Forbidden("your account belongs to no grid company")
    return Viewer(role=str(principal.role), dso_id=principal.dso_id)


SignedInViewer = Annotated[Viewer, Depends(_viewer)]


async def _policy(uow: UowFactory) -> LayerAccessPolicy:
    async with uow() as work:
        return await work.layer_access.policy()


Policy = Annotated[LayerAccessPolicy, Depends(_policy)]
