"""What cases asks the GIS service (ADR 0004's API), as a port the use cases depend on."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Place:
    """What lies at a point: the grid area taking cases there and the nearest address."""

    grid_area_id: str | None
    grid_area_name: str | None
    dso_id: str | None
    street: str | None = None  # "Solgatan 20"
    postcode: str | None = None
    city: str | None = None
    property_designation: str | None = None


class FacilityUnknown(LookupError):
    """No facility with that number in the caller's DSO."""


class InvalidFacilityNumber(ValueError):
    """GIS refused the number's form (an EAN with a wrong check digit)."""


class GisUnavailable(RuntimeError):
    """GIS did not answer: nothing is decided without it."""


class Gis(Protocol):
    async def place_at(self, lon: float, lat: float, *, token: str) -> Place: ...

    async def facility(self, *, ean: str | None, meter_number: str | None, token: str) -> dict[str, str]:
        """The facility's data named as case fields (`ean`, `meter_number`, `street`, `owner_name`, …)."""
        ...
