"""GIS's queries. Layers are written and read whole: a bulk COPY in, one query out (ADR 0004)."""

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

import numpy as np
import shapely
from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from gis.adapters.tables import AddressRow, FacilityRow, GridAreaRow, PinRow, PropertyRow
from gis.domain.features import Address, Facility, GridArea, Pin, Property

F = TypeVar("F")
LOCATION = ("geometry", "min_lon", "min_lat", "max_lon", "max_lat")


class _LayerRepository(Generic[F]):
    """A layer's table; subclasses name its columns (without the location) and convert features."""

    row: ClassVar[type[SQLModel]]
    columns: ClassVar[tuple[str, ...]]

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def _table(self) -> Table:
        table: Table = self.row.__table__  # type: ignore[attr-defined]
        return table

    def _values(self, feature: F) -> tuple[Any, ...]:
        raise NotImplementedError

    def _geometry(self, feature: F) -> shapely.Geometry:
        raise NotImplementedError

    def _feature(self, values: Sequence[Any], geometry: shapely.Geometry) -> F:
        raise NotImplementedError

    async def lock(self) -> None:
        """Until commit, no other transaction writes the layer (readers go on); concurrent imports of a
        layer, or two replicas seeding the demo, then run one after the other instead of mixing rows."""
        await self._session.execute(text(f"LOCK TABLE {self._table.name} IN SHARE ROW EXCLUSIVE MODE"))

    async def count(self) -> int:
        return int((await self._session.execute(select(func.count()).select_from(self._table))).scalar_one())

    async def replace_all(self, features: Sequence[F]) -> None:
        """The layer becomes exactly `features`, on commit."""
        await self.lock()
        await self._session.execute(delete(self._table))
        await self.add_all(features)

    async def add_all(self, features: Sequence[F]) -> None:
        await self.lock()  # also begins asyncpg's transaction, which its SQLAlchemy adapter opens lazily
        geometries = np.array([self._geometry(feature) for feature in features], dtype=object)
        wkbs = shapely.to_wkb(geometries).tolist()
        bounds = shapely.bounds(geometries).tolist()
        records = [
            (*self._values(feature), wkb, *box)
            for feature, wkb, box in zip(features, wkbs, bounds, strict=True)
        ]
        connection = await (await self._session.connection()).get_raw_connection()
        await connection.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            self._table.name, records=records, columns=[*self.columns, *LOCATION]
        )

    async def all(self) -> list[F]:
        """The whole layer, for the in-memory indexes."""
        query = select(*(self._table.c[name] for name in (*self.columns, "geometry")))
        rows = (await self._session.execute(query)).all()
        geometries = shapely.from_wkb([row[-1] for row in rows])
        return [self._feature(row, geometry) for row, geometry in zip(rows, geometries, strict=True)]


class GridAreaRepository(_LayerRepository[GridArea]):
    row = GridAreaRow
    columns = ("id", "dso_id", "name")

    def _values(self, feature: GridArea) -> tuple[Any, ...]:
        return feature.id, feature.dso_id, feature.name

    def _geometry(self, feature: GridArea) -> shapely.Geometry:
        return feature.geometry

    def _feature(self, values: Sequence[Any], geometry: shapely.Geometry) -> GridArea:
        return GridArea(values[0], values[1], values[2], geometry)  # type: ignore[arg-type]


class PropertyRepository(_LayerRepository[Property]):
    row = PropertyRow
    columns = ("id", "designation")

    def _values(self, feature: Property) -> tuple[Any, ...]:
        return feature.id, feature.designation

    def _geometry(self, feature: Property) -> shapely.Geometry:
        return feature.geometry

    def _feature(self, values: Sequence[Any], geometry: shapely.Geometry) -> Property:
        return Property(values[0], values[1], geometry)  # type: ignore[arg-type]


class AddressRepository(_LayerRepository[Address]):
    row = AddressRow
    columns = ("id", "street", "number", "postcode", "town")

    def _values(self, feature: Address) -> tuple[Any, ...]:
        return feature.id, feature.street, feature.number, feature.postcode, feature.town

    def _geometry(self, feature: Address) -> shapely.Geometry:
        return feature.point

    def _feature(self, values: Sequence[Any], geometry: shapely.Geometry) -> Address:
        return Address(values[0], values[1], values[2], values[3], values[4], geometry)  # type: ignore[arg-type]


class FacilityRepository(_LayerRepository[Facility]):
    row = FacilityRow
    columns = (
        "id",
        "ean",
        "meter_number",
        "technical_number",
        "main_fuse_amperes",
        "street",
        "house_number",
        "postcode",
        "town",
        "owner_name",
        "dso_id",
    )

    def _values(self, feature: Facility) -> tuple[Any, ...]:
        return tuple(getattr(feature, name) for name in self.columns)

    def _geometry(self, feature: Facility) -> shapely.Geometry:
        return feature.point

    def _feature(self, values: Sequence[Any], geometry: shapely.Geometry) -> Facility:
        return Facility(**dict(zip(self.columns, values, strict=False)), point=geometry)  # type: ignore[arg-type]

    async def by_ean(self, ean: str) -> Facility | None:
        """`ean` validated and compacted by the caller."""
        return await self._one(self._table.c.ean == ean)

    async def by_meter_number(self, meter_number: str) -> Facility | None:
        return await self._one(self._table.c.meter_number == meter_number)

    async def _one(self, condition: Any) -> Facility | None:
        query = select(*(self._table.c[name] for name in (*self.columns, "geometry"))).where(condition)
        row = (await self._session.execute(query)).one_or_none()
        return None if row is None else self._feature(row, cast(shapely.Point, shapely.from_wkb(row[-1])))


class PinRepository:
    """A user's pins; every query is scoped to the user, so nobody reaches another's pins."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, pin: Pin) -> None:
        min_lon, min_lat, max_lon, max_lat = pin.point.bounds
        self._session.add(
            PinRow(
                id=pin.id,
                user_id=pin.user_id,
                label=pin.label,
                created_at=pin.created_at,
                geometry=shapely.to_wkb(pin.point),
                min_lon=min_lon,
                min_lat=min_lat,
                max_lon=max_lon,
                max_lat=max_lat,
            )
        )

    async def of_user(self, user_id: uuid.UUID) -> list[Pin]:
        query = select(PinRow).where(PinRow.user_id == user_id).order_by(PinRow.created_at)  # type: ignore[arg-type]
        return [_pin(row) for row in (await self._session.execute(query)).scalars()]

    async def remove(self, user_id: uuid.UUID, pin_id: uuid.UUID) -> bool:
        """False if the user has no such pin."""
        query = delete(PinRow).where(PinRow.user_id == user_id, PinRow.id == pin_id)  # type: ignore[arg-type]
        return bool((await self._session.execute(query)).rowcount)  # type: ignore[attr-defined]

    async def clear(self, user_id: uuid.UUID) -> int:
        """How many pins were removed."""
        query = delete(PinRow).where(PinRow.user_id == user_id)  # type: ignore[arg-type]
        return int((await self._session.execute(query)).rowcount)  # type: ignore[attr-defined]


def _pin(row: PinRow) -> Pin:
    point = cast(shapely.Point, shapely.from_wkb(row.geometry))
    return Pin(user_id=row.user_id, point=point, label=row.label, id=row.id, created_at=row.created_at)
