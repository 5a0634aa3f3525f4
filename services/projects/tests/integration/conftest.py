"""Projects on the test infrastructure beside a real cases service (which says which project case types a
grid company takes). One pair per test module: each test makes its own teams and projects."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from cases.__main__ import MIGRATIONS_DIR as CASES_MIGRATIONS
from cases.adapters.uow import CasesUnitOfWork
from cases.bootstrap import build_app as build_cases
from cases.config import CasesSettings
from cases.service_layer.dso_settings import seed_demo_dsos
from projects.__main__ import MIGRATIONS_DIR
from projects.bootstrap import build_app
from projects.config import ProjectsSettings
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import migrated_databases
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

TOKENS = TestTokenIssuer()


@dataclass
class Team:
    dso_id: str = "kystnet"  # Danish: the project types are the Danish seed's
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    installer_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def installer(self) -> dict[str, str]:
        return TOKENS.headers("installer", dso_id=self.dso_id, team_id=self.id, user_id=self.installer_id)


def dso_staff(dso_id: str, role: str = "dso_handler") -> dict[str, str]:
    return TOKENS.headers(role, dso_id=dso_id, user_id=uuid.uuid4())


@pytest.fixture(scope="module")
async def projects_api(infra: Infrastructure) -> AsyncIterator[httpx.AsyncClient]:
    async with migrated_databases(infra) as databases:
        cases_url = await databases("cases", CASES_MIGRATIONS)
        engine = make_engine(cases_url, pool_size=2)
        await seed_demo_dsos(CasesUnitOfWork(make_session_factory(engine), source="cases"))
        await engine.dispose()
        cases = build_cases(
            settings_for_test(CasesSettings, infra, cases_url, draft_expiry_interval_seconds=0)
        )
        TOKENS.trusted_by(cases.state.jwks_verifier)
        async with running_app(cases) as cases_base:
            settings = settings_for_test(
                ProjectsSettings, infra, await databases("projects", MIGRATIONS_DIR), cases_url=cases_base
            )
            app = build_app(settings)
            TOKENS.trusted_by(app.state.jwks_verifier)
            async with running_app(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
                yield client
