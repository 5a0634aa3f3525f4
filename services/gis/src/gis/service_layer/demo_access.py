"""The demo DSOs' layer-access choices, so `make up` shows both ways: Sundkraft lets installer teams see
properties and facilities; Kullabygden shows its facilities to its own staff only."""

from datetime import UTC, datetime

from gis.adapters.uow import GISUnitOfWork
from gis.domain.features import Layer

DEMO_LAYER_ACCESS: dict[str, dict[Layer, frozenset[str]]] = {
    "sundkraft": {
        Layer.PROPERTIES: frozenset({"installer", "team_admin"}),
        Layer.FACILITIES: frozenset({"installer", "team_admin"}),
    },
    "kullabygden": {
        Layer.PROPERTIES: frozenset({"installer", "team_admin"}),
        Layer.FACILITIES: frozenset(),
    },
}


async def seed_demo_layer_access(uow: GISUnitOfWork) -> None:
    """Only when no DSO has chosen anything yet: a DSO admin's later choice stays."""
    async with uow:
        if not await uow.layer_access.is_empty():
            return
        for dso_id, roles in DEMO_LAYER_ACCESS.items():
            await uow.layer_access.set_roles(dso_id, roles, None, datetime.now(UTC))
        await uow.commit()
