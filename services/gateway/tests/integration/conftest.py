"""The whole system for the portal's page tests: gateway, identity (with the demo accounts) and
notifications mailing to the SMTP sink."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase
from tests.e2e.system import RunningSystem, running_system


@pytest.fixture
async def system(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    async with running_system(infra, service_database, tmp_path) as running:
        yield running
