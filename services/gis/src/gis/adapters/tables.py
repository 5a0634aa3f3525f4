"""GIS's tables: geometries as WKB in WGS 84 with their bounding box in plain columns (ADR 0004)."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, LargeBinary, String
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel


class _Located(SQLModel):
    geometry: bytes = Field(sa_type=LargeBinary)
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


class GridAreaRow(_Located, table=True):
    __tablename__ = "grid_area"

    id: str = Field(primary_key=True, max_length=64)
    dso_id: str = Field(max_length=40, index=True)
    name: str = Field(max_length=200)


class PropertyRow(_Located, table=True):
    __tablename__ = "property"

    id: str = Field(primary_key=True, max_length=64)
    designation: str = Field(max_length=200, index=True)


class FacilityRow(_Located, table=True):
    """A metering point; its owner by name only: GIS never holds personal identity numbers."""

    __tablename__ = "facility"

    id: str = Field(primary_key=True, max_length=64)
    ean: str = Field(max_length=18, unique=True, index=True)
    meter_number: str = Field(max_length=30, unique=True, index=True)
    technical_number: str = Field(max_length=30)
    main_fuse_amperes: int
    street: str = Field(max_length=200)
    house_number: str = Field(max_length=20)
    postcode: str = Field(max_length=10)
    town: str = Field(max_length=100)
    owner_name: str = Field(max_length=200)
    dso_id: str | None = Field(default=None, max_length=40)


class AddressRow(_Located, table=True):
    __tablename__ = "address"

    id: str = Field(primary_key=True, max_length=64)
    street: str = Field(max_length=200)
    number: str = Field(max_length=20)
    postcode: str = Field(max_length=10)
    town: str = Field(max_length=100)


class PinRow(_Located, table=True):
    __tablename__ = "pin"

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(index=True)
    label: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class LayerAccessRow(SQLModel, table=True):
    """The roles a DSO lets see one of its guarded layers (its own staff always do)."""

    __tablename__ = "layer_access"

    dso_id: str = Field(primary_key=True, max_length=40)
    layer: str = Field(primary_key=True, max_length=40)
    roles: list[str] = Field(sa_column=Column(postgresql.ARRAY(String(20)), nullable=False))
    changed_by: uuid.UUID | None = None
    changed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
