"""Map layers (grid areas, properties, facilities, addresses) and users' pins.

Geometries are WKB in WGS 84 with their bounding box in plain columns: no PostGIS needed (ADR 0004).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _located() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("geometry", sa.LargeBinary, nullable=False),
        *(sa.Column(name, sa.Float, nullable=False) for name in ("min_lon", "min_lat", "max_lon", "max_lat")),
    ]


def _address_columns(number: str) -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column(number, sa.String(20), nullable=False),
        sa.Column("postcode", sa.String(10), nullable=False),
        sa.Column("town", sa.String(100), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "grid_area",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("dso_id", sa.String(40), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        *_located(),
    )
    op.create_table(
        "property",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("designation", sa.String(200), nullable=False, index=True),
        *_located(),
    )
    op.create_table(
        "facility",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("ean", sa.String(18), nullable=False, unique=True, index=True),
        sa.Column("meter_number", sa.String(30), nullable=False, unique=True, index=True),
        sa.Column("technical_number", sa.String(30), nullable=False),
        sa.Column("main_fuse_amperes", sa.Integer, nullable=False),
        *_address_columns("house_number"),
        sa.Column("owner_name", sa.String(200), nullable=False),
        sa.Column("dso_id", sa.String(40)),
        *_located(),
    )
    op.create_table(
        "address",
        sa.Column("id", sa.String(64), primary_key=True),
        *_address_columns("number"),
        *_located(),
    )
    op.create_table(
        "pin",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, nullable=False, index=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *_located(),
    )


def downgrade() -> None:
    for table in ("pin", "address", "facility", "property", "grid_area"):
        op.drop_table(table)
