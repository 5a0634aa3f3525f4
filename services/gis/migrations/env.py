"""Alembic environment of gis: the shared runner; its tables arrive with its first feature."""

from servicekit.db.migrations import run_env

run_env(None)
