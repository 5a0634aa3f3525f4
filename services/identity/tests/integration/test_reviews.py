"""A DSO admin reviews the applications to their own DSO: reads, downloads the certificate, approves
(team, administrator, set-password link) or rejects with a reason; once only, and never another DSO's."""

import uuid
from collections.abc import Callable

import httpx
import pytest

from identity.domain.user import Role, User

from .application_helpers import (
    PDF,
    PERSONAL_NUMBER,
    field_names,
    stored_application,
    stored_counts,
    submitted_id,
)
from .conftest import MakeTeam, MakeUser, bearer
from .login_helpers import UowFactory, events

pytestmark = pytest.mark.integration

TokenFor = Callable[[User], str]


async def test_a_dso_admin_reads_an_application_with_the_personal_number_masked(
    identity_url: str, make_user: MakeUser, token_for: TokenFor
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(
            client, sole_trader="true", personal_number=PERSONAL_NUMBER, contact_name="Anna Andersson"
        )
        listed = await client.get("/team-applications", params={"status": "submitted"}, headers=admin)
        details = await client.get(f"/team-applications/{application_id}", headers=admin)
        download = await client.get(f"/team-applications/{application_id}/certificate", headers=admin)

    assert listed.status_code == 200
    assert str(application_id) in [item["id"] for item in listed.json()]
    assert details.status_code == 200, details.text
    body = details.json()
    assert body["personal_number"] == "19800101-****"
    assert "3294" not in details.text
    assert body["signature"]["signed_by"] == "Anna Andersson"
    assert body["signature"]["intact"] is True
    assert body["certificate"]["content_type"] == "application/pdf"
    assert body["certificate"]["size"] == len(PDF)
    assert body["address"] == {"street": "Solgatan 1", "postcode": "252 25", "city": "Helsingborg"}

    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert 'filename="auktorisationsbevis.pdf"' in download.headers["content-disposition"]
    assert download.headers["x-content-type-options"] == "nosniff"


async def test_approval_creates_the_team_and_its_administrator_and_mails_a_link(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    reviewer = await make_user(Role.DSO_ADMIN, dso_id="sundkraft")
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(client, contact_email="Anna.Andersson@Elfirma.example.COM")
        approved = await client.post(
            f"/team-applications/{application_id}/approve", headers=bearer(token_for(reviewer))
        )
        again = await client.post(
            f"/team-applications/{application_id}/approve", headers=bearer(token_for(reviewer))
        )
        reject_after = await client.post(
            f"/team-applications/{application_id}/reject",
            json={"reason": "Fel"},
            headers=bearer(token_for(reviewer)),
        )

    assert approved.status_code == 200, approved.text
    team_id, admin_id = uuid.UUID(approved.json()["team_id"]), uuid.UUID(approved.json()["admin_user_id"])
    assert again.status_code == 409
    assert reject_after.status_code == 409
    async with uow_factory() as uow:
        team = await uow.teams.get(team_id)
        admin = await uow.users.get(admin_id)
    assert team is not None and team.name == "Elfirma Solgatan AB" and team.dso_id == "sundkraft"
    assert sorted(team.authorisations) == ["biogas", "electricity"]
    assert admin is not None
    assert (admin.email, admin.role, admin.team_id) == (
        "anna.andersson@elfirma.example.com",
        Role.TEAM_ADMIN,
        team_id,
    )
    assert (admin.first_name, admin.last_name) == ("Anna", "Andersson")
    assert admin.password_hash is None  # set by the admin through the mailed link
    application = await stored_application(uow_factory, application_id)
    assert application.status.value == "approved"
    assert application.decided_by == reviewer.id and application.team_id == team_id

    registered = [e for e in await events(uow_factory, "team.registered.v1") if e["team_id"] == str(team_id)]
    assert len(registered) == 1
    assert [e["user_id"] for e in await events(uow_factory, "user.created.v1")].count(str(admin_id)) == 1
    [decided] = await events(uow_factory, "team_application.approved.v1")
    assert (decided["team_id"], decided["admin_user_id"]) == (str(team_id), str(admin_id))
    [link] = await events(uow_factory, "password_link.issued.v1")
    assert (link["email"], link["purpose"], link["team_name"]) == (
        "anna.andersson@elfirma.example.com",
        "team_admin_welcome",
        "Elfirma Solgatan AB",
    )


async def test_a_rejection_needs_a_reason_and_is_final(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(client, language="en")
        before = await stored_counts(uow_factory)
        url = f"/team-applications/{application_id}"
        without_reason = await client.post(f"{url}/reject", json={"reason": "   "}, headers=admin)
        too_long = await client.post(f"{url}/reject", json={"reason": "x" * 2001}, headers=admin)
        rejected = await client.post(
            f"{url}/reject", json={"reason": "Auktorisationsbeviset har gått ut."}, headers=admin
        )
        twice = await client.post(f"{url}/reject", json={"reason": "Igen"}, headers=admin)
        approve_after = await client.post(f"{url}/approve", headers=admin)

    assert without_reason.status_code == 422 and field_names(without_reason) == ["reason"]
    assert too_long.status_code == 422 and field_names(too_long) == ["reason"]
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    assert twice.status_code == 409 and approve_after.status_code == 409
    [event] = await events(uow_factory, "team_application.rejected.v1")
    assert event["reason"] == "Auktorisationsbeviset har gått ut."
    assert (event["language"], event["dso_name"]) == ("en", "Sundkraft Elnät AB")
    stored = await stored_application(uow_factory, application_id)
    assert stored.rejection_reason == "Auktorisationsbeviset har gått ut."
    after = await stored_counts(uow_factory)
    assert (after["teams"], after["users"]) == (before["teams"], before["users"])


async def test_an_address_that_already_has_an_account_is_not_approved(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    admin = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    existing = await make_user(Role.INSTALLER)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(client, contact_email=existing.email.upper())
        before = await stored_counts(uow_factory)
        answer = await client.post(f"/team-applications/{application_id}/approve", headers=admin)

    assert answer.status_code == 409
    assert field_names(answer) == ["contact_email"]
    assert await stored_counts(uow_factory) == before
    assert (await stored_application(uow_factory, application_id)).status.value == "submitted"


async def test_a_dso_admin_sees_and_decides_only_their_own_dsos_applications(
    identity_url: str, make_user: MakeUser, make_team: MakeTeam, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    sundkraft = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft")))
    kystnet = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="kystnet")))
    team = await make_team()
    team_admin = bearer(token_for(await make_user(Role.TEAM_ADMIN, team=team)))
    installer = bearer(token_for(await make_user(Role.INSTALLER, team=team)))
    handler = bearer(token_for(await make_user(Role.DSO_HANDLER, dso_id="sundkraft")))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(client)
        url = f"/team-applications/{application_id}"
        own_list = (await client.get("/team-applications", headers=sundkraft)).json()
        other_list = (await client.get("/team-applications", headers=kystnet)).json()
        other = [
            await client.get(url, headers=kystnet),
            await client.get(f"{url}/certificate", headers=kystnet),
            await client.post(f"{url}/approve", headers=kystnet),
            await client.post(f"{url}/reject", json={"reason": "Nej"}, headers=kystnet),
        ]
        not_dso_admins = [
            await client.request(method, path, headers=headers, json=body)
            for headers in (team_admin, installer, handler)
            for method, path, body in (
                ("GET", "/team-applications", None),
                ("GET", url, None),
                ("POST", f"{url}/approve", None),
                ("POST", f"{url}/reject", {"reason": "Nej"}),
            )
        ]
        anonymous = [
            await client.get("/team-applications"),
            await client.get(url),
            await client.get(f"{url}/certificate"),
            await client.post(f"{url}/approve"),
        ]

    assert str(application_id) in [item["id"] for item in own_list]
    assert str(application_id) not in [item["id"] for item in other_list]
    assert [answer.status_code for answer in other] == [404, 404, 404, 404]
    # Indistinguishable from an application that does not exist.
    async with httpx.AsyncClient(base_url=identity_url) as client:
        missing = await client.get(f"/team-applications/{uuid.uuid4()}", headers=kystnet)
    assert missing.status_code == 404 and missing.json()["detail"] == other[0].json()["detail"]
    assert {answer.status_code for answer in not_dso_admins} == {403}
    assert {answer.status_code for answer in anonymous} == {401}
    assert (await stored_application(uow_factory, application_id)).status.value == "submitted"
    assert await events(uow_factory, "team_application.approved.v1") == []
    assert await events(uow_factory, "team_application.rejected.v1") == []


async def test_a_deactivated_reviewers_token_decides_nothing(
    identity_url: str, make_user: MakeUser, token_for: TokenFor, uow_factory: UowFactory
) -> None:
    # Access tokens last minutes; a reviewer deactivated meanwhile must not approve with one.
    former = bearer(token_for(await make_user(Role.DSO_ADMIN, dso_id="sundkraft", active=False)))
    async with httpx.AsyncClient(base_url=identity_url) as client:
        application_id = await submitted_id(client)
        before = await stored_counts(uow_factory)
        approved = await client.post(f"/team-applications/{application_id}/approve", headers=former)
        rejected = await client.post(
            f"/team-applications/{application_id}/reject",
            json={"reason": "Saknar behörighet"},
            headers=former,
        )

    assert approved.status_code == rejected.status_code == 401
    assert (await stored_application(uow_factory, application_id)).status.value == "submitted"
    assert await stored_counts(uow_factory) == before
