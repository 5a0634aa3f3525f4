"""Fixtures shared by the gateway's own tests and the browser tests: a real gateway (uvicorn) on the test
infrastructure, with its own database and the shared Redis and broker."""

import secrets
from collections.abc import AsyncIterator

import pytest

from gateway.__main__ import MIGRATIONS_DIR
from gateway.bootstrap import build_app
from gateway.config import GatewaySettings
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test


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
