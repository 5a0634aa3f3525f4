"""GIS's database on the test infrastructure, and units of work on it."""

from collections.abc import AsyncIterator, Callable

import pytest

from gis.__main__ import MIGRATIONS_DIR
from gis.adapters.uow import GISUnitOfWork
from gis.config import GISSettings
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.settings import settings_for_test

UowFactory = Callable[[], GISUnitOfWork]


@pytest.fixture
async def gis_settings(infra: Infrastructure, service_database: ServiceDatabase) -> GISSettings:
    return settings_for_test(GISSettings, infra, await service_database("gis", MIGRATIONS_DIR))


@pytest.fixture
async def uow_factory(gis_settings: GISSettings) -> AsyncIterator[UowFactory]:
    engine = make_engine(gis_settings.database_url, pool_size=2)
    sessions = make_session_factory(engine)
    yield lambda: GISUnitOfWork(sessions, source=gis_settings.service_name)
    await engine.dispose()
