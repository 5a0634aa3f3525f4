"""Alembic environment of notifications: the shared runner, notifications's tables."""

from sqlmodel import SQLModel

import notifications.adapters.tables  # noqa: F401 - registers the tables on SQLModel.metadata
from servicekit.db.migrations import run_env

run_env(SQLModel.metadata)
