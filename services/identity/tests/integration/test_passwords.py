"""Forgotten passwords, one-time links and changing one's password, against a real identity."""

import uuid

import httpx
import pytest

from identity.domain.user import Role

from .conftest import TEST_PASSWORD, MakeUser, bearer
from .login_helpers import UowFactory, events, expire_links_of, link_tokens, log_in

pytestmark = pytest.mark.integration

NEW_PASSWORD = "sju sjösjuka sjömän på skeppet"


async def test_a_reset_answers_the_same_and_mails_only_a_known_active_user(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    known = await make_user(Role.INSTALLER)
    inactive = await make_user(Role.INSTALLER, active=False)
    unknown = f"nobody-{uuid.uuid4().hex}@example.com"
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answers = [
            await client.post("/password-resets", json={"email": address})
            for address in (known.email.upper(), unknown, inactive.email)
        ]
    assert [(a.status_code, a.content) for a in answers] == [(202, b"")] * 3
    issued = await events(uow_factory, "password_link.issued.v1")
    assert [(e["email"], e["purpose"]) for e in issued] == [(known.email, "password_reset")]


async def test_a_link_sets_the_password_once(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        await client.post("/password-resets", json={"email": user.email})
        [token] = await link_tokens(uow_factory, user.email)

        used = await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        again = await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD + "!"})

        assert used.status_code == 204
        assert again.status_code == 410
        assert (await log_in(client, user.email, NEW_PASSWORD)).status_code == 201
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 401
        assert (await log_in(client, user.email, NEW_PASSWORD + "!")).status_code == 401


async def test_an_expired_or_unknown_link_does_nothing(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        await client.post("/password-resets", json={"email": user.email})
        [token] = await link_tokens(uow_factory, user.email)
        await expire_links_of(uow_factory, user.id)

        expired = await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        unknown = await client.post(f"/password-links/{token}x", json={"password": NEW_PASSWORD})
        assert (expired.status_code, unknown.status_code) == (410, 404)
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 201


async def test_using_a_newer_link_spends_the_older_ones(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        for _ in range(2):
            await client.post("/password-resets", json={"email": user.email})
        older, newer = await link_tokens(uow_factory, user.email)
        assert (
            await client.post(f"/password-links/{newer}", json={"password": NEW_PASSWORD})
        ).status_code == 204
        stale = await client.post(f"/password-links/{older}", json={"password": NEW_PASSWORD + "!"})
    assert stale.status_code == 410


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort lösen", "must be at least 12 characters long"),
        ("x" * 129, "must be at most 128 characters long"),
        ("Password1234", "is one of the most commonly used passwords; choose another"),
        ("{local}-lösenordet", "must not contain your e-mail address"),
    ],
)
async def test_the_policy_refusal_names_the_field_and_keeps_the_link(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory, password: str, reason: str
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        await client.post("/password-resets", json={"email": user.email})
        [token] = await link_tokens(uow_factory, user.email)
        local_part = user.email.split("@")[0]

        refused = await client.post(
            f"/password-links/{token}", json={"password": password.format(local=local_part)}
        )
        assert refused.status_code == 422
        assert refused.json()["errors"] == [{"field": "password", "message": reason}]
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 201
        # Refused, not spent: the same link still sets an acceptable password.
        assert (
            await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        ).status_code == 204


async def test_setting_a_password_ends_every_login(
    identity_url: str, make_user: MakeUser, uow_factory: UowFactory
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, user.email, TEST_PASSWORD)).json()
        await client.post("/password-resets", json={"email": user.email})
        [token] = await link_tokens(uow_factory, user.email)
        assert (
            await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        ).status_code == 204

        old = await client.post("/sessions/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert old.status_code == 401
    ended = [e for e in await events(uow_factory, "user.sessions_ended.v1") if e["user_id"] == str(user.id)]
    assert [(e["reason"], e["keep_session_id"]) for e in ended] == [("password_set", None)]


async def test_changing_ones_password_keeps_this_login_and_ends_the_others(
    identity_url: str, make_user: MakeUser
) -> None:
    user = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        here = (await log_in(client, user.email, TEST_PASSWORD)).json()
        elsewhere = (await log_in(client, user.email, TEST_PASSWORD)).json()
        auth = bearer(here["access_token"])

        async def change(current: str, new: str) -> httpx.Response:
            body = {"current_password": current, "new_password": new}
            return await client.post("/me/password", json=body, headers=auth)

        wrong_current = await change(TEST_PASSWORD + "?", NEW_PASSWORD)
        common = await change(TEST_PASSWORD, "qwerty123456")
        changed = await change(TEST_PASSWORD, NEW_PASSWORD)

        assert wrong_current.status_code == 422
        assert [e["field"] for e in wrong_current.json()["errors"]] == ["current_password"]
        assert common.status_code == 422
        assert [e["field"] for e in common.json()["errors"]] == ["new_password"]
        assert changed.status_code == 204

        def refresh(tokens: dict[str, str]) -> dict[str, str]:
            return {"refresh_token": tokens["refresh_token"]}

        assert (await client.post("/sessions/refresh", json=refresh(here))).status_code == 200
        assert (await client.post("/sessions/refresh", json=refresh(elsewhere))).status_code == 401
        assert (await log_in(client, user.email, NEW_PASSWORD)).status_code == 201
        assert (await log_in(client, user.email, TEST_PASSWORD)).status_code == 401
        unsigned = await client.post("/me/password", json={"current_password": "a", "new_password": "b"})
        assert unsigned.status_code == 401
