"""A DSO admin administers the DSO's staff ("Handläggare"): lists its handlers and admins, adds one (a
set-password link is mailed), changes, deactivates (logged out at once) and reactivates them; only in
their own DSO, never themselves, and never so that the DSO is left without an admin."""

import asyncio
import dataclasses
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

import httpx
import pytest

from identity.domain.user import Role, User
from servicekit.testing.plugin import unique_email

from .application_helpers import field_names, stored_counts
from .conftest import TEST_PASSWORD, MakeTeam, MakeUser, bearer
from .login_helpers import UowFactory, events, link_tokens, log_in

pytestmark = pytest.mark.integration

TokenFor = Callable[[User], str]
NEW_PASSWORD = "blå mätare vid stolpen 2026"
STAFF = "/dsos/sundkraft/staff"


def staff_data(**overrides: Any) -> dict[str, Any]:
    """A valid new handler; `None` leaves a field out."""
    data: dict[str, Any] = {
        "first_name": "Karin",
        "last_name": "Ek",
        "email": unique_email("karin"),
        "language": "sv",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


async def stored_user(uow_factory: UowFactory, user_id: uuid.UUID | str) -> User:
    async with uow_factory() as uow:
        user = await uow.users.get(uuid.UUID(str(user_id)))
    assert user is not None
    return user


async def events_of(
    uow_factory: UowFactory, event_type: str, user_id: uuid.UUID | str
) -> list[dict[str, Any]]:
    return [e for e in await events(uow_factory, event_type) if e["user_id"] == str(user_id)]


async def test_a_dso_admin_adds_a_handler_who_sets_a_password_and_logs_in(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin_user = await make_user(Role.DSO_ADMIN, dso_id="sundkraft")
    admin = bearer(token_for(admin_user))
    await make_user(Role.INSTALLER, team=await make_team())  # a team's user of the DSO: not staff
    await make_user(Role.DSO_HANDLER, dso_id="kystnet")  # another DSO's handler
    async with httpx.AsyncClient(base_url=identity_url) as client:
        created = await client.post(
            STAFF,
            json=staff_data(first_name=" Karin ", email="Karin.Ek@Sundkraft.Example.COM", language="en"),
            headers=admin,
        )
        assert created.status_code == 201, created.text
        handler = created.json()
        second_admin = await client.post(
            STAFF, json=staff_data(first_name="Olle", last_name="Ström", role="dso_admin"), headers=admin
        )
        listed = await client.get(STAFF, headers=admin)

        [token] = await link_tokens(uow_factory, "karin.ek@sundkraft.example.com")
        never_logged_in = await log_in(client, "karin.ek@sundkraft.example.com", NEW_PASSWORD)
        password_set = await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        logged_in = await log_in(client, "karin.ek@sundkraft.example.com", NEW_PASSWORD)
        listed_after = await client.get(STAFF, headers=admin)

    created_at = datetime.fromisoformat(handler.pop("created_at"))
    assert created_at == (await stored_user(uow_factory, handler["id"])).created_at
    assert {key: value for key, value in handler.items() if key != "id"} == {
        "dso_id": "sundkraft",
        "first_name": "Karin",
        "last_name": "Ek",
        "email": "karin.ek@sundkraft.example.com",
        "mobile": None,
        "language": "en",
        "role": "dso_handler",
        "active": True,
        "password_set": False,
    }
    assert (second_admin.status_code, second_admin.json()["role"]) == (201, "dso_admin")
    # The demo's Sara Lind (admin) and Lars Holm (handler) too; by last name; no team's users, no kystnet.
    assert [(item["last_name"], item["role"]) for item in listed.json()] == [
        ("Dso Admin", "dso_admin"),
        ("Ek", "dso_handler"),
        ("Holm", "dso_handler"),
        ("Lind", "dso_admin"),
        ("Ström", "dso_admin"),
    ]
    assert {key: value for key, value in listed.json()[1].items() if key != "created_at"} == handler

    [user_created] = await events_of(uow_factory, "user.created.v1", handler["id"])
    assert {key: user_created[key] for key in ("role", "team_id", "dso_id", "name", "authorisations")} == {
        "role": "dso_handler",
        "team_id": None,
        "dso_id": "sundkraft",
        "name": "Karin Ek",
        "authorisations": [],
    }
    [link] = await events_of(uow_factory, "password_link.issued.v1", handler["id"])
    assert (link["purpose"], link["email"], link["language"], link["dso_name"], link["name"]) == (
        "resource_welcome",
        "karin.ek@sundkraft.example.com",
        "en",
        "Sundkraft Elnät AB",
        "Karin Ek",
    )
    assert link["team_name"] == "Sundkraft Elnät AB"  # the mail's "who added you": the DSO

    assert never_logged_in.status_code == 401
    assert password_set.status_code == 204, password_set.text
    assert logged_in.status_code == 201, logged_in.text
    assert (logged_in.json()["user"]["id"], logged_in.json()["user"]["role"]) == (
        handler["id"],
        "dso_handler",
    )
    assert [item["password_set"] for item in listed_after.json() if item["id"] == handler["id"]] == [True]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"email": "karin.at.sundkraft.se"}, "email", id="bad e-mail"),
        pytest.param({"first_name": None}, "first_name", id="no first name"),
        pytest.param({"last_name": "   "}, "last_name", id="blank last name"),
        pytest.param({"first_name": "Ka\nrin"}, "first_name", id="control character"),
        pytest.param({"language": "de"}, "language", id="unknown language"),
        pytest.param({"role": "installer"}, "role", id="a team's role"),
        pytest.param({"role": "team_admin"}, "role", id="a team admin"),
        pytest.param({"mobile": "070-123 45 67"}, "mobile", id="a field staff does not have"),
    ],
)
async def test_an_invalid_staff_member_names_the_field_and_nothing_is_stored(
    overrides: dict[str, Any],
    field: str,
    identity_url: str,
    make_user: MakeUser,
    token_for: TokenFor,
    uow_factory: UowFactory,
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.post(STAFF, json=staff_data(**overrides), headers=admin)

    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field_names(answer) == [field]
    assert await stored_counts(uow_factory) == before  # no user, no event


async def test_an_address_that_already_has_an_account_is_refused(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    # Addresses are unique across the platform: here an installer of a team of another DSO.
    elsewhere = await make_user(Role.INSTALLER, team=await make_team(dso_id="kystnet"))
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        taken = await client.post(STAFF, json=staff_data(email=elsewhere.email.upper()), headers=admin)
        demo = await client.post(
            STAFF, json=staff_data(email="handlaggare@sundkraft.example.com"), headers=admin
        )

    for answer in (taken, demo):
        assert answer.status_code == 409, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert field_names(answer) == ["email"]
        assert "already exists" in answer.json()["detail"]
    assert await stored_counts(uow_factory) == before


async def test_a_dso_admin_changes_a_handler(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin_user = await make_user(Role.DSO_ADMIN, dso_id="sundkraft")
    admin = bearer(token_for(admin_user))
    handler = await make_user(Role.DSO_HANDLER, dso_id="sundkraft")
    path = f"/staff/{handler.id}"
    changes = {"first_name": " Lisa ", "last_name": "Holm", "language": "da", "role": "dso_admin"}
    async with httpx.AsyncClient(base_url=identity_url) as client:
        changed = await client.patch(path, json=changes, headers=admin)
        same_again = await client.patch(path, json=changes, headers=admin)
        to_installer = await client.patch(path, json={"role": "installer"}, headers=admin)
        new_email = await client.patch(path, json={"email": unique_email("lisa")}, headers=admin)
        no_name = await client.patch(path, json={"first_name": ""}, headers=admin)
        own_role = await client.patch(f"/staff/{admin_user.id}", json={"role": "dso_handler"}, headers=admin)
        own_name = await client.patch(f"/staff/{admin_user.id}", json={"first_name": "Sara"}, headers=admin)

    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["first_name"], body["last_name"], body["language"], body["role"]) == (
        "Lisa",
        "Holm",
        "da",
        "dso_admin",
    )
    assert body["email"] == handler.email
    assert same_again.status_code == 200 and same_again.json() == body
    assert (to_installer.status_code, field_names(to_installer)) == (422, ["role"])
    assert (new_email.status_code, field_names(new_email)) == (422, ["email"])  # the login stays
    assert (no_name.status_code, field_names(no_name)) == (422, ["first_name"])
    assert (own_role.status_code, field_names(own_role)) == (422, ["role"])
    assert "your own role" in own_role.json()["errors"][0]["message"]
    assert own_name.status_code == 200 and own_name.json()["role"] == "dso_admin"

    stored = await stored_user(uow_factory, handler.id)
    assert (stored.name, stored.language, stored.role) == ("Lisa Holm", "da", Role.DSO_ADMIN)
    assert (await stored_user(uow_factory, admin_user.id)).role is Role.DSO_ADMIN
    # One event for the one real change; the refused and the empty changes told nobody anything.
    [updated] = await events_of(uow_factory, "user.updated.v1", handler.id)
    assert (updated["name"], updated["email"], updated["team_id"]) == ("Lisa Holm", handler.email, None)


async def test_a_deactivated_handler_is_logged_out_at_once_and_may_log_in_after_reactivation(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin_user = await make_user(Role.DSO_ADMIN, dso_id="sundkraft")
    admin = bearer(token_for(admin_user))
    handler = await make_user(Role.DSO_HANDLER, dso_id="sundkraft")
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, handler.email, TEST_PASSWORD)).json()
        refresh = {"refresh_token": tokens["refresh_token"]}
        assert (await client.get("/me", headers=bearer(tokens["access_token"]))).status_code == 200

        deactivated = await client.post(f"/staff/{handler.id}/deactivate", headers=admin)
        login_refused = await log_in(client, handler.email, TEST_PASSWORD)
        wrong_password = await log_in(client, handler.email, TEST_PASSWORD + "x")
        refresh_refused = await client.post("/sessions/refresh", json=refresh)
        me_refused = await client.get("/me", headers=bearer(tokens["access_token"]))
        again = await client.post(f"/staff/{handler.id}/deactivate", headers=admin)
        listed = (await client.get(STAFF, headers=admin)).json()

        reactivated = await client.post(f"/staff/{handler.id}/reactivate", headers=admin)
        reactivated_again = await client.post(f"/staff/{handler.id}/reactivate", headers=admin)
        old_refresh = await client.post("/sessions/refresh", json=refresh)
        login_again = await log_in(client, handler.email, TEST_PASSWORD)
        me_again = await client.get("/me", headers=bearer(login_again.json()["access_token"]))

    assert deactivated.status_code == 200, deactivated.text
    assert deactivated.json()["active"] is False
    # The same generic answer as a wrong password: nobody learns the account exists but is deactivated.
    assert login_refused.status_code == 401
    assert login_refused.json() == wrong_password.json()
    assert refresh_refused.status_code == 401
    assert me_refused.status_code == 401
    assert again.status_code == 200 and again.json()["active"] is False
    assert [item["active"] for item in listed if item["id"] == str(handler.id)] == [False]

    [event] = await events_of(uow_factory, "user.deactivated.v1", handler.id)  # once, not twice
    assert (event["team_id"], event["deactivated_by"]) == (None, str(admin_user.id))
    [ended] = await events_of(uow_factory, "user.sessions_ended.v1", handler.id)
    assert (ended["reason"], ended["keep_session_id"]) == ("deactivated", None)

    assert reactivated.status_code == 200 and reactivated.json()["active"] is True
    assert reactivated_again.status_code == 200
    [back] = await events_of(uow_factory, "user.reactivated.v1", handler.id)  # once, not twice
    assert (back["team_id"], back["reactivated_by"]) == (None, str(admin_user.id))
    assert old_refresh.status_code == 401  # logins ended by the deactivation stay ended
    assert login_again.status_code == 201, login_again.text
    assert me_again.status_code == 200


async def test_a_dso_admin_cannot_deactivate_themselves(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin_user = await make_user(Role.DSO_ADMIN, dso_id="sundkraft")
    admin = bearer(token_for(admin_user))
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        refused = await client.post(f"/staff/{admin_user.id}/deactivate", headers=admin)
        still_admin = await client.get(STAFF, headers=admin)
        logs_in = await log_in(client, admin_user.email, TEST_PASSWORD)

    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["detail"] == "you cannot deactivate yourself: another admin of the DSO can"
    assert (await stored_user(uow_factory, admin_user.id)).active is True
    assert await stored_counts(uow_factory) == before
    assert still_admin.status_code == 200
    assert logs_in.status_code == 201


@pytest.mark.parametrize(
    ("method", "action", "body"),
    [
        pytest.param("POST", "deactivate", None, id="deactivating"),
        pytest.param("PATCH", "", {"role": "dso_handler"}, id="demoting"),
    ],
)
async def test_two_admins_turning_on_each_other_at_once_leave_the_dso_an_admin(
    method: str,
    action: str,
    body: dict[str, str] | None,
    identity_url: str,
    make_user: MakeUser,
    token_for: TokenFor,
    uow_factory: UowFactory,
) -> None:
    for _ in range(3):  # a few rounds: the two requests' transactions overlap differently each time
        first = await make_user(Role.DSO_ADMIN, dso_id="kullabygden")
        second = await make_user(Role.DSO_ADMIN, dso_id="kullabygden")
        async with httpx.AsyncClient(base_url=identity_url) as client:
            answers = await asyncio.gather(
                *(
                    client.request(
                        method,
                        f"/staff/{target.id}/{action}".rstrip("/"),
                        json=body,
                        headers=bearer(token_for(by)),
                    )
                    for by, target in ((first, second), (second, first))
                )
            )
        # The second to get through finds its caller no longer an active admin: sign in again.
        assert sorted(answer.status_code for answer in answers) == [200, 401], [a.text for a in answers]
        still = [await stored_user(uow_factory, user.id) for user in (first, second)]
        assert [user.active and user.role is Role.DSO_ADMIN for user in still].count(True) == 1


async def test_a_teams_user_is_not_staff(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    installer = await make_user(Role.INSTALLER, team=await make_team())  # a team of the admin's own DSO
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answers = [
            await client.patch(f"/staff/{installer.id}", json={"role": "dso_admin"}, headers=admin),
            await client.post(f"/staff/{installer.id}/deactivate", headers=admin),
            await client.post(f"/staff/{installer.id}/reactivate", headers=admin),
        ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert answers[0].json()["detail"] == "no staff member with this id"
    stored = await stored_user(uow_factory, installer.id)
    assert (stored.role, stored.active) == (Role.INSTALLER, True)
    assert await stored_counts(uow_factory) == before


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who calls, and the status each action (list, create, update, deactivate, reactivate) answers."""

    role: Role | None  # None: no access token
    expected: tuple[int, int, int, int, int]
    where: Literal["own DSO", "other DSO"] = "own DSO"
    active: bool = True
    token_role: Role | None = None  # the role an older token still claims


ALL_404 = (404, 404, 404, 404, 404)
ALL_403 = (403, 403, 403, 403, 403)
ALL_401 = (401, 401, 401, 401, 401)
CALLERS = {
    "the DSO's own admin": Caller(Role.DSO_ADMIN, (200, 201, 200, 200, 200)),
    "admin of another DSO": Caller(Role.DSO_ADMIN, ALL_404, where="other DSO"),
    "handler of the DSO": Caller(Role.DSO_HANDLER, ALL_403),
    "team admin of a team of the DSO": Caller(Role.TEAM_ADMIN, ALL_403),
    "installer of a team of the DSO": Caller(Role.INSTALLER, ALL_403),
    "anonymous": Caller(None, ALL_401),
    "deactivated admin of the DSO": Caller(Role.DSO_ADMIN, ALL_401, active=False),
    "admin of the DSO demoted since": Caller(Role.DSO_HANDLER, ALL_401, token_role=Role.DSO_ADMIN),
}


async def _headers_of(
    caller: Caller, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor
) -> dict[str, str]:
    if caller.role is None:
        return {}
    dso_id = "sundkraft" if caller.where == "own DSO" else "kystnet"
    if caller.role.is_team_member:
        user = await make_user(caller.role, team=await make_team(dso_id=dso_id), active=caller.active)
    else:
        user = await make_user(caller.role, dso_id=dso_id, active=caller.active)
    return bearer(token_for(dataclasses.replace(user, role=caller.token_role or user.role)))


def _actions(
    dso_id: str, target_id: uuid.UUID, dormant_id: uuid.UUID
) -> list[tuple[str, str, dict[str, Any] | None]]:
    """List, create, update, deactivate (an active handler), reactivate (an inactive one)."""
    return [
        ("GET", f"/dsos/{dso_id}/staff", None),
        ("POST", f"/dsos/{dso_id}/staff", staff_data()),
        ("PATCH", f"/staff/{target_id}", {"first_name": "Mallory"}),
        ("POST", f"/staff/{target_id}/deactivate", None),
        ("POST", f"/staff/{dormant_id}/reactivate", None),
    ]


@pytest.mark.parametrize("caller", CALLERS.values(), ids=CALLERS.keys())
async def test_who_may_administer_a_dsos_staff(
    caller: Caller,
    identity_url: str,
    make_team: MakeTeam,
    make_user: MakeUser,
    token_for: TokenFor,
    uow_factory: UowFactory,
) -> None:
    target = await make_user(Role.DSO_HANDLER, dso_id="sundkraft")
    dormant = await make_user(Role.DSO_HANDLER, dso_id="sundkraft", active=False)
    headers = await _headers_of(caller, make_team, make_user, token_for)
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answers = [
            await client.request(method, path, json=body, headers=headers)
            for method, path, body in _actions("sundkraft", target.id, dormant.id)
        ]
        # What the same caller hears about a DSO or staff member that does not exist.
        missing = [
            await client.request(method, path, json=body, headers=headers)
            for method, path, body in _actions("nowhere", uuid.uuid4(), uuid.uuid4())
        ]

    assert tuple(answer.status_code for answer in answers) == caller.expected, [a.text for a in answers]
    for answer in answers:
        assert answer.headers["content-type"].startswith(
            "application/json" if answer.status_code < 400 else "application/problem+json"
        )
    for answer, unknown in zip(answers, missing, strict=True):
        if answer.status_code == 404:  # indistinguishable from nothing at all
            assert (unknown.status_code, unknown.json()["detail"]) == (404, answer.json()["detail"])
    if answers[0].status_code == 200:
        assert {str(target.id), str(dormant.id)} <= {item["id"] for item in answers[0].json()}

    target_now, dormant_now = (
        await stored_user(uow_factory, target.id),
        await stored_user(uow_factory, dormant.id),
    )
    if caller.expected == CALLERS["the DSO's own admin"].expected:  # the control: the requests do work
        assert (target_now.first_name, target_now.active, dormant_now.active) == ("Mallory", False, True)
        return
    assert (target_now.first_name, target_now.active, dormant_now.active) == ("Test", True, False)
    assert await stored_counts(uow_factory) == before  # no user created, no event
