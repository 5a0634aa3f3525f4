"""Logging in, refreshing and logging out against a real identity (PostgreSQL, Redis, broker)."""

import uuid
from collections.abc import Callable

import httpx
import jwt
import pytest

from identity.domain.user import Role, User
from identity.service_layer.authentication import end_sessions

from .conftest import TEST_PASSWORD, MakeTeam, MakeUser, bearer
from .login_helpers import UowFactory, events, expire_login, fresh_ip, log_in, stored_password_hash

pytestmark = pytest.mark.integration


async def test_a_login_gives_tokens_that_identify_the_user(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    team = await make_team()
    user = await make_user(Role.TEAM_ADMIN, team=team, language="da")
    async with httpx.AsyncClient(base_url=identity_url) as client:
        # Addresses are matched whatever their case and surrounding spaces.
        answer = await log_in(client, f"  {user.email.upper()} ", TEST_PASSWORD)
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["expires_in"] == 600
        assert body["user"] == {
            "id": str(user.id),
            "name": user.name,
            "email": user.email,
            "role": "team_admin",
            "team_id": str(team.id),
            "dso_id": "sundkraft",
            "language": "da",
            "authorisations": ["electricity"],
        }
        claims = jwt.decode(body["access_token"], options={"verify_signature": False})
        assert claims["sid"] == body["session_id"]
        assert claims["sub"] == str(user.id)
        assert claims["name"] == user.name  # services name who acted without asking identity

        me = await client.get("/me", headers=bearer(body["access_token"]))
        assert me.status_code == 200
        assert me.json() == body["user"]

        refreshed = await client.post("/sessions/refresh", json={"refresh_token": body["refresh_token"]})
        assert refreshed.status_code == 200
        assert (await client.get("/me", headers=bearer(refreshed.json()["access_token"]))).status_code == 200

    # The test user's cheap hash was replaced by one at the service's cost on this first login.
    assert (await stored_password_hash(uow_factory, user.id) or "").startswith(
        "$argon2id$v=19$m=65536,t=3,p=1$"
    )


async def test_every_failed_login_gets_the_same_answer(identity_url: str, make_user: MakeUser) -> None:
    active = await make_user(Role.INSTALLER)
    inactive = await make_user(Role.INSTALLER, active=False)
    without_password = await make_user(Role.INSTALLER, password=None)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answers = [
            await log_in(client, active.email, TEST_PASSWORD + "x"),  # wrong password
            await log_in(client, "nobody-" + active.email, TEST_PASSWORD),  # unknown address
            await log_in(client, inactive.email, TEST_PASSWORD),  # right password, deactivated
            await log_in(client, without_password.email, TEST_PASSWORD),  # never set a password
        ]
        assert (await log_in(client, active.email, TEST_PASSWORD)).status_code == 201
    assert [answer.status_code for answer in answers] == [401] * 4
    assert all(answer.json() == answers[0].json() for answer in answers)
    assert answers[0].json()["detail"] == "the e-mail address or the password is wrong"
    assert "refresh_token" not in answers[0].text


async def test_bad_input_names_the_field(identity_url: str) -> None:
    async with httpx.AsyncClient(base_url=identity_url) as client:
        no_password = await client.post("/sessions", json={"email": "a@example.com"})
        bad_ip = await client.post(
            "/sessions", json={"email": "a@example.com", "password": "x", "client_ip": "not-an-ip"}
        )
    assert no_password.status_code == 422
    assert [e["field"] for e in no_password.json()["errors"]] == ["password"]
    assert bad_ip.status_code == 422
    assert [e["field"] for e in bad_ip.json()["errors"]] == ["client_ip"]


async def test_ending_a_users_sessions_stops_their_refresh_but_the_kept_one(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        first = (await log_in(client, user.email, TEST_PASSWORD)).json()
        kept = (await log_in(client, user.email, TEST_PASSWORD)).json()

        async with uow_factory() as uow:
            await end_sessions(uow, user, "deactivated", keep_session_id=uuid.UUID(kept["session_id"]))
            await uow.commit()

        ended = await client.post("/sessions/refresh", json={"refresh_token": first["refresh_token"]})
        still = await client.post("/sessions/refresh", json={"refresh_token": kept["refresh_token"]})
    assert ended.status_code == 401
    assert still.status_code == 200
    told = [e for e in await events(uow_factory, "user.sessions_ended.v1") if e["user_id"] == str(user.id)]
    assert [(e["reason"], e["keep_session_id"]) for e in told] == [("deactivated", kept["session_id"])]


async def test_an_inactive_user_cannot_refresh(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, user.email, TEST_PASSWORD)).json()
        async with uow_factory() as uow:  # deactivated without ending the session: refresh still says no
            stored = await uow.users.get(user.id)
            assert stored is not None
            stored.deactivate()
            await uow.users.save(stored)
            await uow.commit()
        refused = await client.post("/sessions/refresh", json={"refresh_token": tokens["refresh_token"]})
        me = await client.get("/me", headers=bearer(tokens["access_token"]))
    assert refused.status_code == 401
    assert me.status_code == 401


async def test_an_expired_or_unknown_login_cannot_refresh(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, user.email, TEST_PASSWORD)).json()
        await expire_login(uow_factory, uuid.UUID(tokens["session_id"]))
        expired = await client.post("/sessions/refresh", json={"refresh_token": tokens["refresh_token"]})
        unknown = await client.post("/sessions/refresh", json={"refresh_token": "made-up"})
    assert (expired.status_code, unknown.status_code) == (401, 401)


async def test_logging_out_ends_only_ones_own_login(
    identity_url: str, make_user: MakeUser, token_for: Callable[[User], str]
) -> None:
    user = await make_user(Role.INSTALLER)
    someone_else = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, user.email, TEST_PASSWORD)).json()
        path = f"/sessions/{tokens['session_id']}"

        assert (await client.delete(path)).status_code == 401
        assert (await client.delete(path, headers=bearer(token_for(someone_else)))).status_code == 404
        refresh = {"refresh_token": tokens["refresh_token"]}
        assert (await client.post("/sessions/refresh", json=refresh)).status_code == 200

        assert (await client.delete(path, headers=bearer(tokens["access_token"]))).status_code == 204
        assert (await client.post("/sessions/refresh", json=refresh)).status_code == 401


async def test_the_gateways_forwarded_address_is_recorded(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    address = fresh_ip()
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.post(
            "/sessions",
            json={"email": user.email, "password": TEST_PASSWORD},
            headers={"x-forwarded-for": f"203.0.113.9, {address}"},
        )
    assert answer.status_code == 201
    async with uow_factory() as uow:
        session = await uow.login_sessions.get(uuid.UUID(answer.json()["session_id"]))
    assert session is not None
    assert session.client_ip == address
