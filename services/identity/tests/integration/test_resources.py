"""A team admin administers the team's resources ("Administrera"): lists, creates (a set-password link is
mailed), changes, deactivates (logged out at once) and reactivates them; only in their own team."""

import dataclasses
import json
import uuid
from collections.abc import Callable
from typing import Any, Literal

import httpx
import pytest
from sqlalchemy import select

from identity.domain.authorisation import Authorisation
from identity.domain.team import Team
from identity.domain.user import Role, User
from servicekit.db.tables import outbox_message
from servicekit.testing.plugin import unique_email

from .application_helpers import field_names, stored_counts
from .conftest import TEST_PASSWORD, MakeTeam, MakeUser, bearer
from .login_helpers import UowFactory, events, link_tokens, log_in

pytestmark = pytest.mark.integration

TokenFor = Callable[[User], str]
NEW_PASSWORD = "gröna kablar i taket 2026"
BOTH = frozenset({Authorisation.ELECTRICITY, Authorisation.DISTRICT_HEATING})


def resource_data(**overrides: Any) -> dict[str, Any]:
    """A valid new resource for a Swedish team; `None` leaves a field out."""
    data: dict[str, Any] = {
        "first_name": "Erik",
        "last_name": "Svensson",
        "email": unique_email("erik"),
        "mobile": "070-123 45 67",
        "description": "Montör, Helsingborg",
        "authorisations": ["electricity"],
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


async def all_outbox_text(uow_factory: UowFactory) -> str:
    async with uow_factory() as uow:
        envelopes = (await uow.session.execute(select(outbox_message.c.envelope))).scalars()
        return "\n".join(json.dumps(envelope) for envelope in envelopes)


async def test_a_team_admin_creates_a_resource_who_sets_a_password_and_logs_in(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team(authorisations=BOTH)
    admin = bearer(token_for(await make_user(Role.TEAM_ADMIN, team=team)))
    url = f"/teams/{team.id}/resources"
    async with httpx.AsyncClient(base_url=identity_url) as client:
        created = await client.post(
            url,
            json=resource_data(
                first_name=" Erik ",
                email="Erik.Svensson@Elfirma.example.COM",
                authorisations=["electricity", "district_heating"],
                language="en",
            ),
            headers=admin,
        )
        assert created.status_code == 201, created.text
        resource = created.json()
        listed = await client.get(url, headers=admin)

        [token] = await link_tokens(uow_factory, "erik.svensson@elfirma.example.com")
        never_logged_in = await log_in(client, "erik.svensson@elfirma.example.com", NEW_PASSWORD)
        password_set = await client.post(f"/password-links/{token}", json={"password": NEW_PASSWORD})
        logged_in = await log_in(client, "erik.svensson@elfirma.example.com", NEW_PASSWORD)
        listed_after = await client.get(url, headers=admin)

    assert {key: value for key, value in resource.items() if key != "id"} == {
        "team_id": str(team.id),
        "first_name": "Erik",
        "last_name": "Svensson",
        "email": "erik.svensson@elfirma.example.com",
        "mobile": "+46701234567",
        "description": "Montör, Helsingborg",
        "authorisations": ["district_heating", "electricity"],
        "language": "en",
        "role": "installer",
        "active": True,
        "password_set": False,
    }
    # By last name: Svensson before the admin's "Team Admin".
    assert [item["last_name"] for item in listed.json()] == ["Svensson", "Team Admin"]
    assert listed.json()[0] == resource

    [user_created] = await events_of(uow_factory, "user.created.v1", resource["id"])
    assert (user_created["role"], user_created["team_id"], user_created["dso_id"]) == (
        "installer",
        str(team.id),
        "sundkraft",
    )
    assert user_created["authorisations"] == ["district_heating", "electricity"]
    [link] = await events_of(uow_factory, "password_link.issued.v1", resource["id"])
    assert (link["purpose"], link["email"], link["language"], link["team_name"], link["name"]) == (
        "resource_welcome",
        "erik.svensson@elfirma.example.com",
        "en",
        team.name,
        "Erik Svensson",
    )

    assert never_logged_in.status_code == 401
    assert password_set.status_code == 204, password_set.text
    assert logged_in.status_code == 201, logged_in.text
    assert logged_in.json()["user"]["id"] == resource["id"]
    assert listed_after.json()[0]["password_set"] is True

    outbox = await all_outbox_text(uow_factory)
    stored_hash = (await stored_user(uow_factory, resource["id"])).password_hash
    assert stored_hash and stored_hash not in outbox
    for secret in ("$argon2", "password_hash", "personal_number", NEW_PASSWORD):
        assert secret not in outbox


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"email": "erik.at.elfirma.se"}, "email", id="bad e-mail"),
        pytest.param({"first_name": None}, "first_name", id="no first name"),
        pytest.param({"last_name": "   "}, "last_name", id="blank last name"),
        pytest.param({"mobile": "12345"}, "mobile", id="bad mobile"),
        pytest.param({"authorisations": ["biogas"]}, "authorisations", id="authorisation the team lacks"),
        pytest.param({"authorisations": []}, "authorisations", id="no authorisation"),
        pytest.param({"authorisations": ["nuclear"]}, "authorisations.0", id="unknown authorisation"),
        pytest.param({"role": "dso_admin"}, "role", id="a DSO role"),
    ],
)
async def test_an_invalid_resource_names_the_field_and_nothing_is_stored(
    overrides: dict[str, Any],
    field: str,
    identity_url: str,
    make_team: MakeTeam,
    make_user: MakeUser,
    token_for: TokenFor,
    uow_factory: UowFactory,
) -> None:
    team = await make_team(authorisations=BOTH)
    admin = bearer(token_for(await make_user(Role.TEAM_ADMIN, team=team)))
    data = resource_data(**overrides)
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.post(f"/teams/{team.id}/resources", json=data, headers=admin)
        listed = await client.get(f"/teams/{team.id}/resources", headers=admin)

    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field_names(answer) == [field]
    assert await stored_counts(uow_factory) == before  # no user, no event
    assert len(listed.json()) == 1  # the admin alone


async def test_an_authorisation_the_team_lacks_is_named(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor
) -> None:
    team = await make_team()  # electricity only
    admin = bearer(token_for(await make_user(Role.TEAM_ADMIN, team=team)))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.post(
            f"/teams/{team.id}/resources",
            json=resource_data(authorisations=["electricity", "biogas"]),
            headers=admin,
        )
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "authorisations"
    assert "biogas" in error["message"] and "electricity" not in error["message"]


async def test_an_address_that_already_has_an_account_is_refused(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team()
    admin = bearer(token_for(await make_user(Role.TEAM_ADMIN, team=team)))
    # Addresses are unique across the platform: here a user of a team of another DSO.
    elsewhere = await make_user(Role.INSTALLER, team=await make_team(dso_id="kystnet"))
    resource = await make_user(Role.INSTALLER, team=team)
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        created = await client.post(
            f"/teams/{team.id}/resources", json=resource_data(email=elsewhere.email.upper()), headers=admin
        )
        changed = await client.patch(
            f"/resources/{resource.id}", json={"email": elsewhere.email}, headers=admin
        )

    for answer in (created, changed):
        assert answer.status_code == 409, answer.text
        assert field_names(answer) == ["email"]
        assert "already exists" in answer.json()["detail"]
    assert await stored_counts(uow_factory) == before
    assert (await stored_user(uow_factory, resource.id)).email == resource.email


async def test_a_team_admin_changes_a_resource(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team(authorisations=BOTH)
    admin_user = await make_user(Role.TEAM_ADMIN, team=team)
    admin = bearer(token_for(admin_user))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        resource_id = (
            await client.post(f"/teams/{team.id}/resources", json=resource_data(), headers=admin)
        ).json()["id"]
        path = f"/resources/{resource_id}"
        new_email = unique_email("erik.new")
        changes = {
            "first_name": "Erika",
            "email": new_email.upper(),
            "mobile": "+46 73 555 12 34",
            "description": None,
            "authorisations": ["district_heating"],
        }
        changed = await client.patch(path, json=changes, headers=admin)
        same_again = await client.patch(path, json=changes, headers=admin)
        bad_mobile = await client.patch(path, json={"mobile": "0"}, headers=admin)
        lacking = await client.patch(path, json={"authorisations": ["biogas"]}, headers=admin)
        unknown_field = await client.patch(path, json={"personal_number": "800101-3294"}, headers=admin)
        own_role = await client.patch(
            f"/resources/{admin_user.id}", json={"role": "installer"}, headers=admin
        )

    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["first_name"], body["last_name"], body["email"], body["mobile"]) == (
        "Erika",
        "Svensson",
        new_email,
        "+46735551234",
    )
    assert body["description"] is None and body["authorisations"] == ["district_heating"]
    assert same_again.status_code == 200 and same_again.json() == body
    assert (bad_mobile.status_code, field_names(bad_mobile)) == (422, ["mobile"])
    assert (lacking.status_code, field_names(lacking)) == (422, ["authorisations"])
    assert (unknown_field.status_code, field_names(unknown_field)) == (422, ["personal_number"])
    assert (own_role.status_code, field_names(own_role)) == (422, ["role"])
    assert (await stored_user(uow_factory, admin_user.id)).role is Role.TEAM_ADMIN

    stored = await stored_user(uow_factory, resource_id)
    assert (stored.first_name, stored.email, stored.mobile, stored.description) == (
        "Erika",
        new_email,
        "+46735551234",
        None,
    )
    assert stored.authorisations == {Authorisation.DISTRICT_HEATING}
    # One event for the one real change; the refused and the empty changes told nobody anything.
    [updated] = await events_of(uow_factory, "user.updated.v1", resource_id)
    assert (updated["name"], updated["email"], updated["authorisations"]) == (
        "Erika Svensson",
        new_email,
        ["district_heating"],
    )


async def test_a_deactivated_resource_is_logged_out_at_once_and_may_log_in_after_reactivation(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team()
    admin_user = await make_user(Role.TEAM_ADMIN, team=team)
    admin = bearer(token_for(admin_user))
    resource = await make_user(Role.INSTALLER, team=team)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        tokens = (await log_in(client, resource.email, TEST_PASSWORD)).json()
        refresh = {"refresh_token": tokens["refresh_token"]}
        assert (await client.get("/me", headers=bearer(tokens["access_token"]))).status_code == 200

        deactivated = await client.post(f"/resources/{resource.id}/deactivate", headers=admin)
        login_refused = await log_in(client, resource.email, TEST_PASSWORD)
        wrong_password = await log_in(client, resource.email, TEST_PASSWORD + "x")
        refresh_refused = await client.post("/sessions/refresh", json=refresh)
        me_refused = await client.get("/me", headers=bearer(tokens["access_token"]))
        again = await client.post(f"/resources/{resource.id}/deactivate", headers=admin)
        listed = (await client.get(f"/teams/{team.id}/resources", headers=admin)).json()

        reactivated = await client.post(f"/resources/{resource.id}/reactivate", headers=admin)
        old_refresh = await client.post("/sessions/refresh", json=refresh)
        login_again = await log_in(client, resource.email, TEST_PASSWORD)
        me_again = await client.get("/me", headers=bearer(login_again.json()["access_token"]))

    assert deactivated.status_code == 200, deactivated.text
    assert deactivated.json()["active"] is False
    # The same generic answer as a wrong password: nobody learns the account exists but is deactivated.
    assert login_refused.status_code == 401
    assert login_refused.json() == wrong_password.json()
    assert refresh_refused.status_code == 401
    assert me_refused.status_code == 401
    assert again.status_code == 200 and again.json()["active"] is False
    assert [item["active"] for item in listed if item["id"] == str(resource.id)] == [False]

    [event] = await events_of(uow_factory, "user.deactivated.v1", resource.id)  # once, not twice
    assert (event["team_id"], event["deactivated_by"]) == (str(team.id), str(admin_user.id))
    [ended] = await events_of(uow_factory, "user.sessions_ended.v1", resource.id)
    assert (ended["reason"], ended["keep_session_id"]) == ("deactivated", None)

    assert reactivated.status_code == 200 and reactivated.json()["active"] is True
    [back] = await events_of(uow_factory, "user.reactivated.v1", resource.id)
    assert back["reactivated_by"] == str(admin_user.id)
    assert old_refresh.status_code == 401  # logins ended by the deactivation stay ended
    assert login_again.status_code == 201, login_again.text
    assert me_again.status_code == 200


async def test_a_team_admin_cannot_deactivate_themselves(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team()
    admin_user = await make_user(Role.TEAM_ADMIN, team=team)
    admin = bearer(token_for(admin_user))
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        refused = await client.post(f"/resources/{admin_user.id}/deactivate", headers=admin)
        still_admin = await client.get(f"/teams/{team.id}/resources", headers=admin)
        logs_in = await log_in(client, admin_user.email, TEST_PASSWORD)

    assert refused.status_code == 409
    assert refused.json()["detail"] == "you cannot deactivate yourself"
    assert (await stored_user(uow_factory, admin_user.id)).active is True
    assert await stored_counts(uow_factory) == before
    assert still_admin.status_code == 200
    assert logs_in.status_code == 201


async def test_a_team_admin_deactivated_or_demoted_meanwhile_cannot_act_on_an_old_token(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    team = await make_team()
    first = await make_user(Role.TEAM_ADMIN, team=team)
    second = await make_user(Role.TEAM_ADMIN, team=team)
    third = await make_user(Role.TEAM_ADMIN, team=team)
    # Access tokens live ten minutes: these were signed before the changes below.
    first_token, second_token, third_token = (bearer(token_for(user)) for user in (first, second, third))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        deactivated = await client.post(f"/resources/{second.id}/deactivate", headers=first_token)
        demoted = await client.patch(
            f"/resources/{third.id}", json={"role": "installer"}, headers=first_token
        )

        reactivates_self = await client.post(f"/resources/{second.id}/reactivate", headers=second_token)
        strikes_back = await client.post(f"/resources/{first.id}/deactivate", headers=second_token)
        creates = await client.post(f"/teams/{team.id}/resources", json=resource_data(), headers=third_token)
        promotes_self = await client.patch(
            f"/resources/{third.id}", json={"role": "team_admin"}, headers=third_token
        )
        # Logging in anew gives a token with the role the user has now.
        relogged = (await log_in(client, third.email, TEST_PASSWORD)).json()
        as_installer = await client.get(
            f"/teams/{team.id}/resources", headers=bearer(relogged["access_token"])
        )

    assert (deactivated.status_code, demoted.status_code) == (200, 200)
    for answer in (reactivates_self, strikes_back, creates, promotes_self):
        assert answer.status_code == 401, answer.text
    assert relogged["user"]["role"] == "installer"
    assert as_installer.status_code == 403
    assert (await stored_user(uow_factory, second.id)).active is False
    assert (await stored_user(uow_factory, first.id)).active is True
    assert (await stored_user(uow_factory, third.id)).role is Role.INSTALLER
    assert await events_of(uow_factory, "user.reactivated.v1", second.id) == []
    assert await events_of(uow_factory, "user.deactivated.v1", first.id) == []


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who calls, and the status each action (list, create, update, deactivate, reactivate) answers."""

    role: Role | None  # None: no access token
    expected: tuple[int, int, int, int, int]
    where: Literal["own team", "other team", "other DSO", "DSO of team"] = "own team"
    active: bool = True
    token_role: Role | None = None  # the role an older token still claims


ALL_404 = (404, 404, 404, 404, 404)
ALL_403 = (403, 403, 403, 403, 403)
ALL_401 = (401, 401, 401, 401, 401)
CALLERS = {
    "the team's own admin": Caller(Role.TEAM_ADMIN, (200, 201, 200, 200, 200)),
    "admin of another team": Caller(Role.TEAM_ADMIN, ALL_404, where="other team"),
    "admin of a team of another DSO": Caller(Role.TEAM_ADMIN, ALL_404, where="other DSO"),
    "installer of the team": Caller(Role.INSTALLER, ALL_403),
    "DSO handler of the team's DSO": Caller(Role.DSO_HANDLER, ALL_403, where="DSO of team"),
    "DSO admin of the team's DSO (reads only)": Caller(
        Role.DSO_ADMIN, (200, 403, 403, 403, 403), where="DSO of team"
    ),
    "DSO admin of another DSO": Caller(Role.DSO_ADMIN, (404, 403, 403, 403, 403), where="other DSO"),
    "anonymous": Caller(None, ALL_401),
    "deactivated admin of the team": Caller(Role.TEAM_ADMIN, ALL_401, active=False),
    "admin of the team demoted since": Caller(Role.INSTALLER, ALL_401, token_role=Role.TEAM_ADMIN),
}


async def _headers_of(
    caller: Caller, team: Team, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor
) -> dict[str, str]:
    if caller.role is None:
        return {}
    if caller.where == "own team":
        user = await make_user(caller.role, team=team, active=caller.active)
    elif caller.where == "other team":
        user = await make_user(caller.role, team=await make_team())
    elif caller.role.is_team_member:
        user = await make_user(caller.role, team=await make_team(dso_id="kystnet"))
    else:
        user = await make_user(caller.role, dso_id="kystnet" if caller.where == "other DSO" else team.dso_id)
    return bearer(token_for(dataclasses.replace(user, role=caller.token_role or user.role)))


def _actions(
    team_id: uuid.UUID, target_id: uuid.UUID, dormant_id: uuid.UUID
) -> list[tuple[str, str, dict[str, Any] | None]]:
    """List, create, update, deactivate (an active resource), reactivate (an inactive one)."""
    return [
        ("GET", f"/teams/{team_id}/resources", None),
        ("POST", f"/teams/{team_id}/resources", resource_data()),
        ("PATCH", f"/resources/{target_id}", {"first_name": "Mallory"}),
        ("POST", f"/resources/{target_id}/deactivate", None),
        ("POST", f"/resources/{dormant_id}/reactivate", None),
    ]


@pytest.mark.parametrize("caller", CALLERS.values(), ids=CALLERS.keys())
async def test_who_may_administer_a_teams_resources(
    caller: Caller,
    identity_url: str,
    make_team: MakeTeam,
    make_user: MakeUser,
    token_for: TokenFor,
    uow_factory: UowFactory,
) -> None:
    team = await make_team()
    target = await make_user(Role.INSTALLER, team=team)
    dormant = await make_user(Role.INSTALLER, team=team, active=False)
    headers = await _headers_of(caller, team, make_team, make_user, token_for)
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answers = [
            await client.request(method, path, json=body, headers=headers)
            for method, path, body in _actions(team.id, target.id, dormant.id)
        ]
        # What the same caller hears about a team or resource that does not exist.
        missing = [
            await client.request(method, path, json=body, headers=headers)
            for method, path, body in _actions(uuid.uuid4(), uuid.uuid4(), uuid.uuid4())
        ]

    assert tuple(answer.status_code for answer in answers) == caller.expected, [a.text for a in answers]
    for answer, unknown in zip(answers, missing, strict=True):
        if answer.status_code == 404:  # indistinguishable from nothing at all
            assert (unknown.status_code, unknown.json()["detail"]) == (404, answer.json()["detail"])
    if answers[0].status_code == 200:
        assert {str(target.id), str(dormant.id)} <= {item["id"] for item in answers[0].json()}

    target_now, dormant_now = (
        await stored_user(uow_factory, target.id),
        await stored_user(uow_factory, dormant.id),
    )
    if caller.expected == CALLERS["the team's own admin"].expected:  # the control: the requests do work
        assert (target_now.first_name, target_now.active, dormant_now.active) == ("Mallory", False, True)
        return
    assert (target_now.first_name, target_now.active, dormant_now.active) == ("Test", True, False)
    assert await stored_counts(uow_factory) == before  # no user created, no event


@pytest.mark.parametrize("caller", CALLERS.values(), ids=CALLERS.keys())
async def test_who_may_read_a_team_is_who_may_list_its_resources(
    caller: Caller, identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor
) -> None:
    team = await make_team(authorisations=frozenset({Authorisation.ELECTRICITY, Authorisation.BIOGAS}))
    headers = await _headers_of(caller, team, make_team, make_user, token_for)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.get(f"/teams/{team.id}", headers=headers)

    assert answer.status_code == caller.expected[0], answer.text
    if answer.status_code == 200:
        assert answer.json() == {
            "id": str(team.id),
            "name": team.name,
            "organisation_number": team.organisation_number,
            "dso_id": team.dso_id,
            "authorisations": ["biogas", "electricity"],
        }


COLLEAGUE_CALLERS = {
    "installer of the team": Caller(Role.INSTALLER, (200,)),
    "admin of the team": Caller(Role.TEAM_ADMIN, (200,)),
    "installer of another team": Caller(Role.INSTALLER, (404,), where="other team"),
    "installer of a team of another DSO": Caller(Role.INSTALLER, (404,), where="other DSO"),
    "DSO handler of the team's DSO": Caller(Role.DSO_HANDLER, (403,), where="DSO of team"),
    "DSO admin of the team's DSO": Caller(Role.DSO_ADMIN, (403,), where="DSO of team"),
    "anonymous": Caller(None, (401,)),
    "deactivated installer of the team": Caller(Role.INSTALLER, (401,), active=False),
}


@pytest.mark.parametrize("caller", COLLEAGUE_CALLERS.values(), ids=COLLEAGUE_CALLERS.keys())
async def test_the_teams_members_see_their_active_colleagues_names_and_nobody_else_does(
    caller: Caller, identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: TokenFor
) -> None:
    team = await make_team()
    colleague = await make_user(Role.INSTALLER, team=team)
    admin = await make_user(Role.TEAM_ADMIN, team=team)
    gone = await make_user(Role.INSTALLER, team=team, active=False)
    headers = await _headers_of(caller, team, make_team, make_user, token_for)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        answer = await client.get(f"/teams/{team.id}/colleagues", headers=headers)
        missing = await client.get(f"/teams/{uuid.uuid4()}/colleagues", headers=headers)

    assert answer.status_code == caller.expected[0], answer.text
    if answer.status_code == 404:  # as for a team that does not exist
        assert (missing.status_code, missing.json()["detail"]) == (404, answer.json()["detail"])
    if answer.status_code != 200:
        return
    listed = {item["id"]: item for item in answer.json()}
    assert {str(colleague.id), str(admin.id)} <= set(listed)
    assert str(gone.id) not in listed  # a deactivated user cannot be given a case
    assert listed[str(admin.id)] == {
        "id": str(admin.id),
        "first_name": admin.first_name,
        "last_name": admin.last_name,
        "role": "team_admin",
    }  # a name to choose; no e-mail, mobile or authorisations
