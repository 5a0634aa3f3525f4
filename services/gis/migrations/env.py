"""Alembic environment of gis: the shared runner, gis's tables."""

from sqlmodel import SQLModel

import gis.adapters.tables  # noqa: F401 - registers the tables on SQLModel.metadata
from servicekit.db.migrations import run_env

run_env(SQLModel.metadata)
