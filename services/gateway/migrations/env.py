"""Alembic environment of the gateway: the shared runner; messaging tables for the events it pushes live."""

from servicekit.db.migrations import run_env

run_env(None)
