"""HTTP: a DSO admin chooses which roles see the DSO's properties and facilities layers."""

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from gis.domain.features import Layer
from gis.domain.layer_access import GUARDED_LAYERS
from gis.entrypoints.api.deps import UowFactory
from servicekit.auth import CurrentPrincipal, Role, log_refusal
from servicekit.problems import Forbidden

router = APIRouter(tags=["layer access"])
TeamRole = Literal["installer", "team_admin"]  # DSO staff always see their own DSO's layers


class LayerAccessIO(BaseModel):
    model_config = ConfigDict(extra="forbid")

    properties: list[TeamRole]
    facilities: list[TeamRole]


def _own_dso_admin(request: Request, principal: CurrentPrincipal, dso_id: str) -> None:
    if principal.role is not Role.DSO_ADMIN or principal.dso_id != dso_id:
        log_refusal(request, principal, f"only a DSO admin of {dso_id} sets its layer access")
        raise Forbidden("only the grid company's own administrators choose this")


@router.get("/dsos/{dso_id}/layer-access")
async def layer_access(
    dso_id: str, request: Request, principal: CurrentPrincipal, uow: UowFactory
) -> LayerAccessIO:
    _own_dso_admin(request, principal, dso_id)
    async with uow() as work:
        policy = await work.layer_access.policy()
    allowed = policy.allowed_roles.get(dso_id, {})
    return LayerAccessIO.model_validate(
        {layer: sorted(allowed.get(Layer(layer), frozenset())) for layer in ("properties", "facilities")}
    )


@router.put("/dsos/{dso_id}/layer-access")
async def set_layer_access(
    dso_id: str, body: LayerAccessIO, request: Request, principal: CurrentPrincipal, uow: UowFactory
) -> LayerAccessIO:
    _own_dso_admin(request, principal, dso_id)
    chosen: dict[Layer, frozenset[str]] = {
        Layer.PROPERTIES: frozenset(body.properties),
        Layer.FACILITIES: frozenset(body.facilities),
    }
    assert set(chosen) == GUARDED_LAYERS
    async with uow() as work:
        await work.layer_access.set_roles(dso_id, chosen, principal.user_id, datetime.now(UTC))
        await work.commit()
    return LayerAccessIO(properties=sorted(set(body.properties)), facilities=sorted(set(body.facilities)))
