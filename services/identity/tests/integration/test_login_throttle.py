"""Failed logins are limited per account and per address in Redis; without Redis, nobody logs in."""

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from identity.bootstrap import build_app
from identity.config import IdentitySettings
from identity.domain.user import Role
from servicekit.infra.redis_server import EmbeddedRedis
from servicekit.testing.server import running_app

from .conftest import TEST_PASSWORD, MakeUser
from .login_helpers import fresh_ip, log_in

pytestmark = pytest.mark.integration

WRONG = TEST_PASSWORD + "?"


async def test_the_eleventh_failure_is_refused_even_with_the_right_password(
    identity_url: str, make_user: MakeUser
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        # From ten addresses, so only the account's limit (10 per 15 minutes) can be what stops it.
        failures = [(await log_in(client, user.email, WRONG)).status_code for _ in range(10)]
        refused = await log_in(client, user.email, TEST_PASSWORD)
        other = await make_user(Role.INSTALLER)
        unaffected = await log_in(client, other.email, TEST_PASSWORD)
    assert failures == [401] * 10
    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= 15 * 60
    assert "access_token" not in refused.text
    assert unaffected.status_code == 201


async def test_a_successful_login_clears_the_accounts_failures(
    identity_url: str, make_user: MakeUser
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        before = [(await log_in(client, user.email, WRONG)).status_code for _ in range(9)]
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 201
        after = [(await log_in(client, user.email, WRONG)).status_code for _ in range(9)]
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 201
    assert before == after == [401] * 9


async def test_one_address_is_limited_across_accounts(
    identity_settings: IdentitySettings, make_user: MakeUser
) -> None:
    settings = identity_settings.model_copy(update={"login_failures_per_ip": 3})
    user = await make_user(Role.INSTALLER)
    address = fresh_ip()
    async with running_app(build_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:

        async def from_address(email: str, password: str) -> httpx.Response:
            # As the gateway sends it: the browser's address in X-Forwarded-For.
            body = {"email": email, "password": password}
            return await client.post("/sessions", json=body, headers={"x-forwarded-for": address})

        guesses = [
            (await from_address(f"{uuid.uuid4().hex}@example.com", WRONG)).status_code for _ in range(3)
        ]
        refused = await from_address(user.email, TEST_PASSWORD)
        elsewhere = await log_in(client, user.email, TEST_PASSWORD, ip=fresh_ip())
    assert guesses == [401] * 3
    assert refused.status_code == 429
    assert elsewhere.status_code == 201


@pytest.fixture
def separate_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """A Redis of this test's own, so stopping it disturbs no other test."""
    redis = EmbeddedRedis(tmp_path / "redis")
    redis.launch()
    try:
        redis.wait_ready()
        yield redis
    finally:
        redis.stop()


async def test_login_fails_closed_when_redis_is_down(
    identity_settings: IdentitySettings, make_user: MakeUser, separate_redis: EmbeddedRedis
) -> None:
    settings = identity_settings.model_copy(update={"redis_url": separate_redis.address})
    user = await make_user(Role.INSTALLER)
    async with running_app(build_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 201
        await asyncio.to_thread(separate_redis.stop)

        answer = await log_in(client, user.email, TEST_PASSWORD)
    assert answer.status_code == 503
    assert answer.json()["detail"] == "login is unavailable"
    assert "access_token" not in answer.text
