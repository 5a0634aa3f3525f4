"""GIS's unit of work: its repositories on one transaction."""

from gis.adapters.layer_access import LayerAccessRepository
from gis.adapters.layer_changes import announce_layers_changed
from gis.adapters.repositories import (
    AddressRepository,
    FacilityRepository,
    GridAreaRepository,
    PinRepository,
    PropertyRepository,
)
from servicekit.db.uow import UnitOfWork


class GISUnitOfWork(UnitOfWork):
    grid_areas: GridAreaRepository
    properties: PropertyRepository
    facilities: FacilityRepository
    addresses: AddressRepository
    pins: PinRepository
    layer_access: LayerAccessRepository

    def _start(self) -> None:
        self.grid_areas = GridAreaRepository(self.session)
        self.properties = PropertyRepository(self.session)
        self.facilities = FacilityRepository(self.session)
        self.addresses = AddressRepository(self.session)
        self.pins = PinRepository(self.session)
        self.layer_access = LayerAccessRepository(self.session)

    async def announce_layers_changed(self) -> None:
        """Every replica rebuilds its map indexes once this transaction commits (ADR 0004)."""
        await announce_layers_changed(self.session)
