"""Two pods of a service starting together both run its migrations: one migrates, the other waits and
finds the database at head — neither fails on a half-created table, and nothing is applied twice."""

import asyncio
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest

from servicekit.db.engine import asyncpg_dsn
from servicekit.infra import Infrastructure, drop_database, ensure_database

pytestmark = pytest.mark.integration

SLOW_MIGRATIONS = Path(__file__).with_name("slow_migrations")
MIGRATE = "import sys; from pathlib import Path; from servicekit.db.migrations import upgrade_to_head; "
MIGRATE += "upgrade_to_head(Path(sys.argv[1]), sys.argv[2])"


async def test_two_migrators_started_together_both_succeed_and_apply_once(infra: Infrastructure) -> None:
    name = f"test_migrate_{uuid.uuid4().hex[:12]}"
    await asyncio.to_thread(ensure_database, infra.postgres_url, name)
    url = infra.database_url(name)
    try:
        migrators = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-c", MIGRATE, str(SLOW_MIGRATIONS), url, stderr=asyncio.subprocess.PIPE
            )
            for _ in range(2)
        ]
        outcomes = await asyncio.gather(*(migrator.communicate() for migrator in migrators))
        for migrator, (_, stderr) in zip(migrators, outcomes, strict=True):
            assert migrator.returncode == 0, stderr.decode()[-2000:]

        connection = await asyncpg.connect(asyncpg_dsn(url))
        try:
            assert await connection.fetchval("SELECT count(*) FROM slow") == 1
            assert await connection.fetch("SELECT version_num FROM alembic_version") == [("0001",)]
        finally:
            await connection.close()
    finally:
        await asyncio.to_thread(drop_database, infra.postgres_url, name)
