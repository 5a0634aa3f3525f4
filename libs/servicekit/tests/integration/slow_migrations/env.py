"""A migration environment for test_concurrent_migrations: the shared runner."""

from servicekit.db.migrations import run_env

run_env(None)
