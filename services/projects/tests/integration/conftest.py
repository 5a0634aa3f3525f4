"""Projects on the test infrastructure beside a real cases service (which says which project case types a
grid company takes, judges rows and creates cases) and a real GIS (which finds and routes addresses). One
system per test module: each test makes its own teams and projects.

The demo network has no Danish grid area, and only the Danish seed has project case types: one area of
the smaller demo network is handed to Kystnet, so an import's addresses can be routed to its grid company.
"""

import functools
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace

import httpx
import pytest

from cases.__main__ import MIGRATIONS_DIR as CASES_MIGRATIONS
from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app as build_cases
from cases.config import CasesSettings
from cases.service_layer.dso_settings import seed_demo_dsos
from gis.__main__ import MIGRATIONS_DIR as GIS_MIGRATIONS
from gis.adapters.uow import GISUnitOfWork
from gis.bootstrap import build_app as build_gis
from gis.config import GISSettings
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.service_layer.demo import seed_demo_network
from projects.__main__ import MIGRATIONS_DIR
from projects.adapters.uow import ProjectsUnitOfWork
from projects.bootstrap import build_app
from projects.config import ProjectsSettings
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import migrated_databases
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

TOKENS = TestTokenIssuer()
# Every street of the demo network at a tenth of its size, as tests/e2e/system.py seeds it.
SMALL_NETWORK = functools.partial(generate_demo_network, properties=2_000, addresses=6_000, facilities=5_000)
KYSTNET_AREA = "ODA"  # Ödåkra, Kullabygden's in the demo; Kystnet's here


@dataclass
class Team:
    dso_id: str = "kystnet"  # Danish: the project types are the Danish seed's
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    installer_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def installer(self, language: str = "da") -> dict[str, str]:
        headers = TOKENS.headers(
            "installer", dso_id=self.dso_id, team_id=self.id, user_id=self.installer_id, name="Ida Holm"
        )
        return headers | {"accept-language": language}


def dso_staff(dso_id: str, role: str = "dso_handler") -> dict[str, str]:
    return TOKENS.headers(role, dso_id=dso_id, user_id=uuid.uuid4())


@dataclass(frozen=True)
class KystnetAddress:
    street: str  # with the house number, as a user writes it
    postcode: str
    city: str


@dataclass
class System:
    api: httpx.AsyncClient
    uow_factory: Callable[[], ProjectsUnitOfWork]
    addresses: list[KystnetAddress]  # found by GIS and routed to Kystnet: good rows


def kystnet_network() -> DemoNetwork:
    network = SMALL_NETWORK()
    areas = [
        replace(area, dso_id="kystnet", name="Ødåkra Nord") if area.id == KYSTNET_AREA else area
        for area in network.grid_areas
    ]
    return replace(network, grid_areas=areas)


@pytest.fixture(scope="module")
async def system(infra: Infrastructure) -> AsyncIterator[System]:
    async with migrated_databases(infra) as databases:
        gis_settings = settings_for_test(GISSettings, infra, await databases("gis", GIS_MIGRATIONS))
        engine = make_engine(gis_settings.database_url, pool_size=1)
        await seed_demo_network(
            GISUnitOfWork(make_session_factory(engine), source="gis"), generate=kystnet_network
        )
        await engine.dispose()
        gis = build_gis(gis_settings)
        TOKENS.trusted_by(gis.state.jwks_verifier)
        cases_url = await databases("cases", CASES_MIGRATIONS)
        engine = make_engine(cases_url, pool_size=2)
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source="cases"))
        await engine.dispose()
        async with running_app(gis) as gis_base:
            cases = build_cases(
                settings_for_test(
                    CasesSettings, infra, cases_url, draft_expiry_interval_seconds=0, gis_url=gis_base
                )
            )
            TOKENS.trusted_by(cases.state.jwks_verifier)
            async with running_app(cases) as cases_base:
                settings = settings_for_test(
                    ProjectsSettings,
                    infra,
                    await databases("projects", MIGRATIONS_DIR),
                    cases_url=cases_base,
                    gis_url=gis_base,
                )
                app = build_app(settings)
                TOKENS.trusted_by(app.state.jwks_verifier)
                async with running_app(app) as url, httpx.AsyncClient(base_url=url, timeout=60) as client:
                    addresses = await _kystnet_addresses(gis_base)
                    yield System(client, app.state.uow_factory, addresses)


@pytest.fixture(scope="module")
def projects_api(system: System) -> httpx.AsyncClient:
    return system.api


async def _kystnet_addresses(gis_url: str, wanted: int = 40) -> list[KystnetAddress]:
    """Addresses of Kystnet's area that GIS finds exactly: asked of GIS itself, as the import will."""
    seen: set[tuple[str, str]] = set()
    written: list[KystnetAddress] = []
    for address in SMALL_NETWORK().addresses:
        if address.town == "Ödåkra" and (address.street, address.number) not in seen:
            seen.add((address.street, address.number))
            written.append(
                KystnetAddress(f"{address.street} {address.number}", address.postcode, address.town)
            )
    asked = written[: wanted * 3]
    async with httpx.AsyncClient(base_url=gis_url, timeout=30) as client:
        answer = await client.post(
            "/addresses/resolve",
            json={
                "addresses": [
                    {"ref": str(at), "street": one.street, "postcode": one.postcode, "city": one.city}
                    for at, one in enumerate(asked)
                ]
            },
            headers=TOKENS.headers("installer", dso_id="kystnet", team_id=uuid.uuid4()),
        )
    assert answer.status_code == 200, answer.text
    good = [
        asked[int(result["ref"])]
        for result in answer.json()["results"]
        if result["status"] == "found" and result["grid_area"]["dso_id"] == "kystnet"
    ]
    assert len(good) >= wanted, f"only {len(good)} Kystnet addresses found"
    return good[:wanted]
