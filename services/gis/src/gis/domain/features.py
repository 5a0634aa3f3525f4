"""The map's features, in WGS 84 (longitude, latitude). GIS holds no personal identity numbers (ADR 0004)."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from shapely import MultiPolygon, Point, Polygon


class Layer(StrEnum):
    GRID_AREAS = "grid_areas"
    PROPERTIES = "properties"
    FACILITIES = "facilities"
    ADDRESSES = "addresses"


@dataclass(frozen=True, slots=True)
class GridArea:
    """A DSO's grid area ("nätområde"): a case at a point inside it belongs to that DSO."""

    id: str
    dso_id: str
    name: str
    geometry: Polygon | MultiPolygon


@dataclass(frozen=True, slots=True)
class Property:
    """A real property ("fastighet") with its designation, e.g. "Helsingborg Solen 4"."""

    id: str
    designation: str
    geometry: Polygon | MultiPolygon


@dataclass(frozen=True, slots=True)
class Facility:
    """A metering point ("anläggning"): EAN (GS1, 18 digits), meter and technical numbers, address."""

    id: str
    ean: str
    meter_number: str
    technical_number: str
    main_fuse_amperes: int
    street: str
    house_number: str
    postcode: str
    town: str
    point: Point
    owner_name: str
    dso_id: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A street address; `number` may carry a letter ("12B"), `postcode` is written "252 25"."""

    id: str
    street: str
    number: str
    postcode: str
    town: str
    point: Point

    @property
    def label(self) -> str:
        return f"{self.street} {self.number}, {self.postcode} {self.town}"


@dataclass(frozen=True, slots=True)
class Pin:
    """A user's map pin ("kartnål")."""

    user_id: uuid.UUID
    point: Point
    label: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
