"""A real identity service on the test infrastructure, and ways to make users and their tokens."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from identity.__main__ import MIGRATIONS_DIR, seed_demo
from identity.adapters.signing_keys import AccessClaims
from identity.adapters.uow import IdentityUnitOfWork
from identity.bootstrap import build_app
from identity.config import IdentitySettings
from identity.domain.authorisation import Authorisation
from identity.domain.team import Team
from identity.domain.user import Role, User
from servicekit.infra import Infrastructure
from servicekit.testing.plugin import ServiceDatabase, unique_email
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test

# Fast parameters for test users only; the service's own hasher uses the production cost.
_TEST_HASHER = PasswordHash((Argon2Hasher(memory_cost=1024, time_cost=1, parallelism=1),))
TEST_PASSWORD = "korrekt häst batteri häftklammer"

MakeUser = Callable[..., Awaitable[User]]
MakeTeam = Callable[..., Awaitable[Team]]


@pytest.fixture
async def identity_settings(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> IdentitySettings:
    settings = settings_for_test(
        IdentitySettings, infra, await service_database("identity", MIGRATIONS_DIR), dev_key_dir=tmp_path
    )
    await seed_demo(settings)
    return settings


@pytest.fixture
async def identity_app(identity_settings: IdentitySettings) -> FastAPI:
    return build_app(identity_settings)


@pytest.fixture
async def identity_url(identity_app: FastAPI) -> AsyncIterator[str]:
    async with running_app(identity_app) as url:
        yield url


@pytest.fixture
def uow_factory(identity_app: FastAPI) -> Callable[[], IdentityUnitOfWork]:
    factory: Callable[[], IdentityUnitOfWork] = identity_app.state.uow_factory
    return factory


@pytest.fixture
def make_team(uow_factory: Callable[[], IdentityUnitOfWork]) -> MakeTeam:
    async def make(
        dso_id: str = "sundkraft",
        authorisations: frozenset[Authorisation] = frozenset({Authorisation.ELECTRICITY}),
    ) -> Team:
        team = Team(
            dso_id=dso_id,
            name=f"Elfirma {uuid.uuid4().hex[:6]} AB",
            organisation_number=str(uuid.uuid4().int)[:10],
            authorisations=authorisations,
        )
        async with uow_factory() as uow:
            uow.teams.add(team)
            await uow.commit()
        return team

    return make


@pytest.fixture
def make_user(uow_factory: Callable[[], IdentityUnitOfWork]) -> MakeUser:
    """`await make_user(Role.TEAM_ADMIN, team=team)`: an active user whose password is TEST_PASSWORD."""

    async def make(
        role: Role,
        *,
        team: Team | None = None,
        dso_id: str | None = None,
        password: str | None = TEST_PASSWORD,
        active: bool = True,
        language: str = "sv",
    ) -> User:
        user = User(
            email=unique_email(role.value),
            first_name="Test",
            last_name=role.value.replace("_", " ").title(),
            role=role,
            dso_id=dso_id or (team.dso_id if team else "sundkraft"),
            team_id=team.id if team else None,
            authorisations=team.authorisations if team else frozenset(),
            language=language,  # type: ignore[arg-type]
            active=active,
            password_hash=_TEST_HASHER.hash(password) if password else None,
        )
        async with uow_factory() as uow:
            uow.users.add(user)
            await uow.commit()
        return user

    return make


@pytest.fixture
def token_for(identity_app: FastAPI) -> Callable[[User], str]:
    """A valid access token for `user`, as identity would sign it at login."""

    def sign(user: User) -> str:
        claims = AccessClaims(user.id, user.role.value, user.team_id, user.dso_id, user.language, None)
        token: str = identity_app.state.token_signer.sign(claims)
        return token

    return sign


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}
