"""The parts of the system a browser journey needs, each a real service on the test infrastructure:
identity, notifications (mailing to the SMTP sink), GIS, cases and projects when asked for (GIS with a
smaller demo network, cases with the demo DSOs set up) and the gateway the browser talks to."""

import contextlib
import functools
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path

from cases.__main__ import MIGRATIONS_DIR as CASES_MIGRATIONS
from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app as build_cases
from cases.config import CasesSettings
from cases.service_layer.dso_settings import seed_demo_dsos
from gateway.__main__ import MIGRATIONS_DIR as GATEWAY_MIGRATIONS
from gateway.bootstrap import build_app as build_gateway
from gateway.config import GatewaySettings
from gis.__main__ import MIGRATIONS_DIR as GIS_MIGRATIONS
from gis.adapters.uow import GISUnitOfWork
from gis.bootstrap import build_app as build_gis
from gis.config import GISSettings
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.service_layer.demo import seed_demo_network
from gis.service_layer.demo_access import seed_demo_layer_access
from identity.__main__ import MIGRATIONS_DIR as IDENTITY_MIGRATIONS
from identity.__main__ import seed_demo
from identity.bootstrap import build_app as build_identity
from identity.config import IdentitySettings
from notifications.__main__ import MIGRATIONS_DIR as NOTIFICATIONS_MIGRATIONS
from notifications.bootstrap import build_app as build_notifications
from notifications.config import NotificationsSettings
from projects.__main__ import MIGRATIONS_DIR as PROJECTS_MIGRATIONS
from projects.bootstrap import build_app as build_projects
from projects.config import ProjectsSettings
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure, free_port
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test


@dataclass(frozen=True)
class RunningSystem:
    portal_url: str
    identity_url: str
    identity_settings: IdentitySettings
    cases_url: str | None = None  # where the gateway finds cases, when this system runs it
    projects_url: str | None = None  # and projects
    gis_url: str | None = None  # and GIS


@contextlib.asynccontextmanager
async def running_system(
    infra: Infrastructure,
    service_database: ServiceDatabase,
    key_dir: Path,
    *,
    gis_url: str | None = None,
    with_gis: bool = False,
    cases_url: str | None = None,
    with_cases: bool = False,
    projects_url: str | None = None,
    with_projects: bool = False,
) -> AsyncIterator[RunningSystem]:
    """`with_gis`: run GIS too; else `gis_url` says where the gateway looks for it (its default if None).
    `with_cases`: run cases too (it needs GIS, so GIS runs as well); else `cases_url` as for GIS.
    `with_projects`: run projects too (it needs cases and GIS, so they run as well, and the demo map
    hands one grid area to Kystnet, whose project case types the Danish seed has); else `projects_url`."""
    with_cases = with_cases or with_projects
    with_gis = with_gis or with_cases
    gateway_port = free_port()
    portal_url = f"http://127.0.0.1:{gateway_port}"
    identity_settings = settings_for_test(
        IdentitySettings,
        infra,
        await service_database("identity", IDENTITY_MIGRATIONS),
        dev_key_dir=key_dir,
        # Every test browser comes from 127.0.0.1 and Redis outlives a run: without these, failed logins
        # in one test would lock the demo accounts (or the address) of the next. The limits stay.
        login_failures_per_ip=10_000,
        login_counter_prefix=f"test:{secrets.token_hex(6)}:login-failures",
    )
    await seed_demo(identity_settings)
    notifications_database = await service_database("notifications", NOTIFICATIONS_MIGRATIONS)
    async with contextlib.AsyncExitStack() as stack:
        identity_url = await stack.enter_async_context(running_app(build_identity(identity_settings)))
        notifications_settings = settings_for_test(
            NotificationsSettings,
            infra,
            notifications_database,
            smtp_host=infra.smtp_host,
            smtp_port=infra.smtp_port,
            dispatch_poll_seconds=0.5,
            portal_url=portal_url,
            identity_jwks_url=f"{identity_url}/.well-known/jwks.json",  # the bell's API trusts identity
        )
        notifications_url = await stack.enter_async_context(
            running_app(build_notifications(notifications_settings))
        )
        if with_gis:
            gis_settings = settings_for_test(
                GISSettings,
                infra,
                await service_database("gis", GIS_MIGRATIONS),
                identity_jwks_url=f"{identity_url}/.well-known/jwks.json",
            )
            await _seed_gis(gis_settings, kystnet_network if with_projects else SMALL_NETWORK)
            gis_url = await stack.enter_async_context(running_app(build_gis(gis_settings)))
        if with_cases:
            assert gis_url is not None
            cases_url = await stack.enter_async_context(
                await _running_cases(infra, service_database, identity_url, gis_url)
            )
        if with_projects:
            assert gis_url is not None and cases_url is not None
            projects_settings = settings_for_test(
                ProjectsSettings,
                infra,
                await service_database("projects", PROJECTS_MIGRATIONS),
                identity_jwks_url=f"{identity_url}/.well-known/jwks.json",
                cases_url=cases_url,
                gis_url=gis_url,
            )
            projects_url = await stack.enter_async_context(running_app(build_projects(projects_settings)))
        gateway_settings = settings_for_test(
            GatewaySettings,
            infra,
            await service_database("gateway", GATEWAY_MIGRATIONS),
            session_secret=secrets.token_urlsafe(32),
            identity_url=identity_url,
            notifications_url=notifications_url,
            mailbox_dir=infra.mailbox_dir,
            **({"gis_url": gis_url} if gis_url else {}),
            **({"cases_url": cases_url} if cases_url else {}),
            **({"projects_url": projects_url} if projects_url else {}),
        )
        async with running_app(build_gateway(gateway_settings), port=gateway_port):
            yield RunningSystem(portal_url, identity_url, identity_settings, cases_url, projects_url, gis_url)


# Every street and both DSOs of the demo network, at a tenth of its size: quicker to seed and index.
SMALL_NETWORK = functools.partial(generate_demo_network, properties=2_000, addresses=6_000, facilities=5_000)
# The demo map has no Danish grid area, and only Danish DSOs take the seed's project case types: with
# projects, Ödåkra (Kullabygden's on the demo map) is Kystnet's, as projects' own tests have it.
KYSTNET_AREA = "ODA"


@functools.cache
def kystnet_network() -> DemoNetwork:
    network = SMALL_NETWORK()
    areas = [
        replace(area, dso_id="kystnet", name="Ødåkra Nord") if area.id == KYSTNET_AREA else area
        for area in network.grid_areas
    ]
    return replace(network, grid_areas=areas)


async def _running_cases(
    infra: Infrastructure, service_database: ServiceDatabase, identity_url: str, gis_url: str
) -> contextlib.AbstractAsyncContextManager[str]:
    """Cases on the test infrastructure with the demo DSOs set up (their prefixes and case types)."""
    settings = settings_for_test(
        CasesSettings,
        infra,
        await service_database("cases", CASES_MIGRATIONS),
        identity_jwks_url=f"{identity_url}/.well-known/jwks.json",
        gis_url=gis_url,
    )
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source="cases"))
    finally:
        await engine.dispose()
    return running_app(build_cases(settings))


async def _seed_gis(settings: GISSettings, network: Callable[[], DemoNetwork]) -> None:
    engine = make_engine(settings.database_url, pool_size=1)
    sessions = make_session_factory(engine)
    try:
        await seed_demo_network(GISUnitOfWork(sessions, source="gis"), generate=network)
        await seed_demo_layer_access(GISUnitOfWork(sessions, source="gis"))
    finally:
        await engine.dispose()
