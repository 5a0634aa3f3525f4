"""Alembic environment of identity: the shared runner, identity's tables."""

from sqlmodel import SQLModel

import identity.adapters.tables  # noqa: F401 - registers the tables on SQLModel.metadata
from servicekit.db.migrations import run_env

run_env(SQLModel.metadata)
