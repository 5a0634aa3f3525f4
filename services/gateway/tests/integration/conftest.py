"""What the gateway's page tests share: one running system per test module (identity, notifications, GIS,
cases and the gateway), for the tests whose cases are their own and who count nothing the others make."""

from collections.abc import AsyncIterator

import pytest

from servicekit.infra import Infrastructure
from servicekit.testing.plugin import migrated_databases
from tests.e2e.system import RunningSystem, running_system


@pytest.fixture(scope="module")
async def shared_system(
    infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningSystem]:
    async with (
        migrated_databases(infra) as service_database,
        running_system(infra, service_database, tmp_path_factory.mktemp("keys"), with_cases=True) as running,
    ):
        yield running
