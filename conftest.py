"""Fixtures shared by the gateway's own tests, the cross-service tests and the browser tests: a real
gateway (uvicorn) on the test infrastructure, and the whole system a user meets (tests/e2e/system.py)."""

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.__main__ import MIGRATIONS_DIR
from gateway.bootstrap import build_app
from gateway.config import GatewaySettings
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from tests.e2e.system import RunningSystem, running_system


@pytest.fixture
async def gateway_settings(infra: Infrastructure, service_database: ServiceDatabase) -> GatewaySettings:
    return settings_for_test(
        GatewaySettings,
        infra,
        await service_database("gateway", MIGRATIONS_DIR),
        session_secret=secrets.token_urlsafe(32),
        mailbox_dir=infra.mailbox_dir,
    )


@pytest.fixture
async def portal_url(gateway_settings: GatewaySettings) -> AsyncIterator[str]:
    async with running_app(build_app(gateway_settings)) as url:
        yield url


@pytest.fixture
async def system(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    """Gateway, identity (with the demo accounts) and notifications mailing to the SMTP sink."""
    async with running_system(infra, service_database, tmp_path) as running:
        yield running


@pytest.fixture
async def system_with_map(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    """The same, and GIS with a smaller demo network."""
    async with running_system(infra, service_database, tmp_path, with_gis=True) as running:
        yield running


@pytest.fixture
async def system_with_cases(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    """The same with GIS, and cases with the demo DSOs set up."""
    async with running_system(infra, service_database, tmp_path, with_cases=True) as running:
        yield running


@pytest.fixture
async def system_with_projects(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    """The same with cases, and projects (its Excel imports and bulk actions); the demo map has a grid area
    of Kystnet's for it (tests/e2e/system.py)."""
    async with running_system(infra, service_database, tmp_path, with_projects=True) as running:
        yield running
