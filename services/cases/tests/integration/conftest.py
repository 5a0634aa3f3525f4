"""Cases on the test infrastructure, beside a real GIS (a small demo network) that routes its points and
answers its facility lookups. Both trust one test token issuer, as both trust identity in production."""

import functools
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from cases.__main__ import MIGRATIONS_DIR
from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app
from cases.config import CasesSettings
from cases.service_layer.dso_settings import seed_demo_dsos
from gis.__main__ import MIGRATIONS_DIR as GIS_MIGRATIONS
from gis.adapters.uow import GISUnitOfWork
from gis.bootstrap import build_app as build_gis
from gis.config import GISSettings
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.service_layer.demo import seed_demo_network
from gis.service_layer.demo_access import seed_demo_layer_access
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase, migrated_databases
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

UowFactory = Callable[[], CasesUnitOfWork]
NETWORK = functools.partial(generate_demo_network, properties=1_000, addresses=2_000, facilities=1_500)
TOKENS = TestTokenIssuer()
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    """What "now" is for the cases service under test; tests move it instead of sleeping."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        self.now += delta
        return self.now


@dataclass(frozen=True)
class Gis:
    url: str
    network: DemoNetwork


@pytest.fixture(scope="module")
async def gis(infra: Infrastructure) -> AsyncIterator[Gis]:
    """One GIS per test module: building its map takes seconds, and no test changes it."""
    async with migrated_databases(infra) as databases:
        url = await databases("gis", GIS_MIGRATIONS)
        engine = make_engine(url, pool_size=2)
        sessions = make_session_factory(engine)
        await seed_demo_network(GISUnitOfWork(sessions, source="gis"), generate=NETWORK)
        await seed_demo_layer_access(GISUnitOfWork(sessions, source="gis"))
        await engine.dispose()
        app = build_gis(settings_for_test(GISSettings, infra, url))
        TOKENS.trusted_by(app.state.jwks_verifier)
        async with running_app(app) as base_url:
            yield Gis(base_url, NETWORK())


@pytest.fixture
async def cases_settings(infra: Infrastructure, service_database: ServiceDatabase, gis: Gis) -> CasesSettings:
    return settings_for_test(
        CasesSettings,
        infra,
        await service_database("cases", MIGRATIONS_DIR),
        gis_url=gis.url,
        draft_expiry_interval_seconds=0,  # the tests run the job themselves, with their clock
    )


@pytest.fixture
async def uow_factory(cases_settings: CasesSettings) -> AsyncIterator[UowFactory]:
    engine = make_engine(cases_settings.database_url, pool_size=5)
    sessions = make_session_factory(engine)

    def factory() -> CasesUnitOfWork:
        return CasesUnitOfWork(sessions, source="cases")

    await seed_demo_dsos(factory())
    yield factory
    await engine.dispose()


@dataclass
class Team:
    """An installer team of a DSO and its members' request headers."""

    dso_id: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    installer_id: uuid.UUID = field(default_factory=uuid.uuid4)
    admin_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def installer(self, user_id: uuid.UUID | None = None) -> dict[str, str]:
        return TOKENS.headers(
            "installer", dso_id=self.dso_id, team_id=self.id, user_id=user_id or self.installer_id
        )

    def admin(self) -> dict[str, str]:
        return TOKENS.headers("team_admin", dso_id=self.dso_id, team_id=self.id, user_id=self.admin_id)


def dso_handler(dso_id: str, user_id: uuid.UUID | None = None) -> dict[str, str]:
    return TOKENS.headers("dso_handler", dso_id=dso_id, user_id=user_id or uuid.uuid4())


@dataclass(frozen=True)
class CasesApi:
    client: httpx.AsyncClient
    clock: Clock
    gis: Gis
    app: FastAPI


@pytest.fixture
async def api(cases_settings: CasesSettings, uow_factory: UowFactory, gis: Gis) -> AsyncIterator[CasesApi]:
    clock = Clock()
    app = build_app(cases_settings, clock=clock)
    TOKENS.trusted_by(app.state.jwks_verifier)
    async with running_app(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield CasesApi(client, clock, gis, app)
