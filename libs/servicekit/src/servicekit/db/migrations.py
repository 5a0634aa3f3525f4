"""Alembic, shared: each service keeps its own `migrations/` folder; this runs and supports them."""

import asyncio
from pathlib import Path

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit.db.tables import messaging_metadata

# Any constant will do: each service migrates a database of its own. Held while migrating, so two pods
# starting at once (init containers, a rollout's surge) migrate one after the other: the second waits,
# then finds the database at head and does nothing, instead of both creating a table.
MIGRATION_LOCK_KEY = 0x706F7274616C  # "portal"


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("path_separator", "os")  # paths may hold spaces; split on os.pathsep only
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("version_locations", str(migrations_dir / "versions"))
    config.attributes["database_url"] = database_url
    return config


def upgrade_to_head(migrations_dir: Path, database_url: str) -> None:
    """Apply every migration; blocking (call through asyncio.to_thread from async code)."""
    command.upgrade(alembic_config(migrations_dir, database_url), "head")


def run_env(target_metadata: MetaData | None = None) -> None:
    """The body of every service's `migrations/env.py` (online mode, asyncpg)."""
    url = context.config.attributes.get("database_url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL given to alembic")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        # A session lock (not a transaction's): it also spans migrations that commit part-way, such as
        # CREATE INDEX CONCURRENTLY in an autocommit_block. The connection's close releases it.
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run_async())


def create_messaging_tables() -> None:
    """Create the outbox and inbox tables; call from a service's first migration."""
    for table in messaging_metadata.sorted_tables:
        table.create(op.get_bind(), checkfirst=False)


def drop_messaging_tables() -> None:
    for table in reversed(messaging_metadata.sorted_tables):
        table.drop(op.get_bind())
