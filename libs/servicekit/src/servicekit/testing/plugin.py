"""The pytest plugin every test run loads (`-p servicekit.testing.plugin`).

One resolver for all tests: URLs from the environment win (CI points at the machine's PostgreSQL and
Redis), else testcontainers where a Docker engine answers, else embedded servers under `.data/test`.
Each test gets fresh, migrated databases of its own.
"""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from servicekit.db.migrations import upgrade_to_head
from servicekit.infra import Infrastructure, Mailbox, drop_database, ensure_database
from servicekit.infra.resolver import LocalInfrastructure

ServiceDatabase = Callable[[str, Path], Awaitable[str]]


def repository_root() -> Path:
    here = Path(__file__).resolve()
    return next(parent for parent in here.parents if (parent / "uv.lock").exists())


@pytest.fixture(scope="session")
def infra() -> Iterator[Infrastructure]:
    local = LocalInfrastructure(repository_root() / ".data" / "test", allow_containers=True)
    try:
        yield local.start()
    finally:
        local.stop()


@contextlib.asynccontextmanager
async def migrated_databases(infra: Infrastructure) -> AsyncIterator[ServiceDatabase]:
    """`url = await create("identity", MIGRATIONS_DIR)`: new databases at migration head, dropped at the
    end; for systems that outlive one test (the per-test fixture below is the usual way)."""
    created: list[str] = []

    async def create(service: str, migrations_dir: Path) -> str:
        name = f"test_{service}_{uuid.uuid4().hex[:12]}"
        await asyncio.to_thread(ensure_database, infra.postgres_url, name)
        created.append(name)
        url = infra.database_url(name)
        await asyncio.to_thread(upgrade_to_head, migrations_dir, url)
        return url

    try:
        yield create
    finally:
        for name in created:
            await asyncio.to_thread(drop_database, infra.postgres_url, name)


@pytest.fixture
async def service_database(infra: Infrastructure) -> AsyncIterator[ServiceDatabase]:
    """`url = await service_database("identity", MIGRATIONS_DIR)`: a new database at migration head."""
    async with migrated_databases(infra) as create:
        yield create


@pytest.fixture
def mailbox(infra: Infrastructure) -> Mailbox:
    """What the SMTP sink received; tests tell their mails apart by a unique recipient."""
    if infra.mailbox_dir is None:
        pytest.fail("PORTAL_SMTP_URL points at an external SMTP server; these tests need the local sink")
    return Mailbox(infra.mailbox_dir)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"
