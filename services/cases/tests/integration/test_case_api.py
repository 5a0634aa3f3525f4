"""The installer's cases over HTTP against real PostgreSQL and GIS: create at a routed point, save the
draft, send only when complete (all missing named at once), follow the life cycle, and never see or touch
another team's case."""

import uuid

import pytest

from .case_helpers import FUSE_CHANGE_FILLED, addresses_in, create_case, filled_case, move, submit
from .conftest import TOKENS, CasesApi, Team, dso_handler

pytestmark = pytest.mark.integration


async def test_a_case_created_at_a_point_is_routed_and_takes_the_address(api: CasesApi) -> None:
    team = Team("sundkraft")
    at = addresses_in(api.gis.network, "sundkraft")[0]

    case = await create_case(api, team.installer(), at=at)

    assert case["status"] == "draft" and case["status_label"] == "Ej skickat"
    assert case["case_number"] is None
    assert case["dso_id"] == "sundkraft" and case["grid_area_id"]
    assert case["values"]["street"] == f"{at.street} {at.number}"
    assert case["values"]["postcode"] == at.postcode and case["values"]["city"] == at.town
    assert case["address"] == f"{at.street} {at.number}, {at.postcode} {at.town}"
    assert case["team_id"] == str(team.id) and case["installer_id"] == str(team.installer_id)
    assert case["history"][0]["to_status"] == "draft"
    assert case["expires_at"] is not None


async def test_a_point_in_another_dsos_grid_area_is_refused_naming_lon(api: CasesApi) -> None:
    elsewhere = addresses_in(api.gis.network, "kullabygden")[0]
    response = await api.client.post(
        "/cases",
        json={"case_type": "fuse_change", "lon": elsewhere.point.x, "lat": elsewhere.point.y},
        headers=Team("sundkraft").installer(),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lon"


async def test_unknown_type_and_impossible_values_are_named_and_nothing_is_created(api: CasesApi) -> None:
    team = Team("sundkraft")
    at = addresses_in(api.gis.network, "sundkraft")[0]
    point = {"lon": at.point.x, "lat": at.point.y}

    unknown = await api.client.post(
        "/cases", json={"case_type": "teleport", **point}, headers=team.installer()
    )
    wrong = await api.client.post(
        "/cases",
        json={"case_type": "fuse_change", **point, "values": {"new_main_fuse": "17", "ean": "123"}},
        headers=team.installer(),
    )

    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "case_type"
    assert wrong.status_code == 422
    assert {e["field"] for e in wrong.json()["errors"]} == {"values.new_main_fuse", "values.ean"}
    drafts = await api.client.get("/drafts", headers=team.installer())
    assert drafts.json()["total"] == 0


async def test_sending_lists_every_missing_field_and_attachment_at_once(api: CasesApi) -> None:
    team = Team("sundkraft")
    at = addresses_in(api.gis.network, "sundkraft")[0]
    # A new connection needs a site plan besides its fields.
    case = await create_case(api, team.installer(), at=at, case_type="new_connection")

    refused = await submit(api, team.installer(), case)

    assert refused.status_code == 422
    missing = refused.json()["missing"]
    names = [item["name"] for item in missing]
    assert "owner_name" in names and "payer_city" in names and "main_fuse" in names
    assert missing[-1] == {"kind": "attachment", "name": "site_plan", "label": "Situationsplan"}
    assert len(names) > 10  # all at once, not the first one only
    still = (await api.client.get(f"/cases/{case['id']}", headers=team.installer())).json()
    assert still["status"] == "draft" and still["case_number"] is None


async def test_a_complete_case_is_sent_with_the_dsos_next_number_and_the_dso_sees_it(api: CasesApi) -> None:
    team = Team("sundkraft")
    first, second = addresses_in(api.gis.network, "sundkraft", 2)
    one = await filled_case(api, team.installer(), first)
    two = await filled_case(api, team.installer(), second)
    handler = dso_handler("sundkraft")

    assert (
        await api.client.get(f"/cases/{one['id']}", headers=handler)
    ).status_code == 404  # drafts are private
    sent_one = await submit(api, team.installer(), one)
    sent_two = await submit(api, team.installer(), two)

    assert sent_one.status_code == 200, sent_one.text
    assert sent_one.json()["case_number"] == "SK-0000001" and sent_one.json()["status"] == "submitted"
    assert sent_two.json()["case_number"] == "SK-0000002"
    seen = await api.client.get(f"/cases/{one['id']}", headers=handler)
    assert seen.status_code == 200 and seen.json()["status_label"] == "NY"
    assert [h["to_status"] for h in seen.json()["history"]] == ["draft", "submitted"]
    assert (
        await api.client.get(f"/cases/{one['id']}", headers=dso_handler("kullabygden"))
    ).status_code == 404


async def test_a_stale_version_is_a_conflict_and_nothing_is_lost(api: CasesApi) -> None:
    team = Team("sundkraft")
    case = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    url = f"/cases/{case['id']}"

    first = await api.client.patch(
        url, json={"version": 1, "values": {"comment": "first"}}, headers=team.installer()
    )
    second = await api.client.patch(
        url, json={"version": 1, "values": {"comment": "second"}}, headers=team.admin()
    )

    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409 and second.json()["current_version"] == 2
    assert (await api.client.get(url, headers=team.installer())).json()["values"]["comment"] == "first"


async def test_another_teams_case_is_not_found_for_every_command(api: CasesApi) -> None:
    owner, other = Team("sundkraft"), Team("sundkraft")
    case = await create_case(api, owner.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    url, intruder = f"/cases/{case['id']}", other.admin()

    answers = [
        await api.client.get(url, headers=intruder),
        await api.client.patch(url, json={"version": 1, "values": {"comment": "mine now"}}, headers=intruder),
        await submit(api, intruder, case),
        await move(api, intruder, case, "cancelled"),
        await api.client.post(f"{url}/copy-owner-to-payer", json={"version": 1}, headers=intruder),
        await api.client.post(
            f"{url}/attachments",
            files={"file": ("a.pdf", b"%PDF-1.4 x", "application/pdf")},
            headers=intruder,
        ),
        await api.client.delete(url, params={"version": 1}, headers=intruder),
    ]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert (await api.client.get(url, headers=owner.installer())).json()["version"] == 1
    assert (await api.client.get(url)).status_code == 401
    assert (await api.client.get("/cases", headers=intruder)).json()["total"] == 0


async def test_the_life_cycle_by_role_names_the_allowed_moves(api: CasesApi) -> None:
    team = Team("sundkraft")
    handler = dso_handler("sundkraft")
    case = (
        await submit(
            api,
            team.installer(),
            await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0]),
        )
    ).json()

    too_early = await move(api, team.installer(), case, "ready_for_meter")
    assert too_early.status_code == 409
    assert too_early.json()["allowed"] == ["cancelled"]

    bare_rejection = await move(api, handler, case, "rejected", reason="  ")
    assert bare_rejection.status_code == 422 and bare_rejection.json()["errors"][0]["field"] == "reason"

    in_progress = await move(api, handler, case, "in_progress")
    assert in_progress.status_code == 200 and in_progress.json()["status_label"] == "GENOMFÖRANDE PÅGÅR"
    case = in_progress.json()
    assert (await move(api, team.installer(), case, "cancelled")).status_code == 409  # the DSO has started

    incomplete = await api.client.post(
        f"/cases/{case['id']}/completion-notice",
        json={"version": case["version"], "values": {"comment": "klart"}},
        headers=team.installer(),
    )
    assert incomplete.status_code == 422
    assert [m["name"] for m in incomplete.json()["missing"]] == [
        "completed_on",
        "installed_main_fuse",
        "installation_inspected",
    ]
    noticed = await api.client.post(
        f"/cases/{case['id']}/completion-notice",
        json={
            "version": case["version"],
            "values": {
                "completed_on": "2026-11-20",
                "installed_main_fuse": "25",
                "installation_inspected": "true",
            },
        },
        headers=team.installer(),
    )
    assert noticed.status_code == 200 and noticed.json()["status"] == "completion_notice_received"
    assert noticed.json()["completion_notice"]["installed_main_fuse"] == "25"
    ready = await move(api, team.installer(), noticed.json(), "ready_for_meter")
    assert ready.status_code == 200
    assert [h["to_status"] for h in ready.json()["history"]] == [
        "draft",
        "submitted",
        "in_progress",
        "completion_notice_received",
        "ready_for_meter",
    ]
    assert ready.json()["history"][2]["actor_role"] == "dso_handler"


async def test_an_installer_cancels_a_case_the_dso_has_not_started(api: CasesApi) -> None:
    team = Team("sundkraft")
    case = (
        await submit(
            api,
            team.installer(),
            await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0]),
        )
    ).json()
    assert case["allowed_transitions"] == ["cancelled"]

    cancelled = await move(api, team.installer(), case, "cancelled")

    assert cancelled.status_code == 200 and cancelled.json()["status_label"] == "MAKULERAT"
    assert cancelled.json()["allowed_transitions"] == []


async def test_a_draft_is_deleted_by_its_team_but_a_sent_case_is_not(api: CasesApi) -> None:
    team = Team("sundkraft")
    first, second = addresses_in(api.gis.network, "sundkraft", 2)
    draft = await create_case(api, team.installer(), at=first)
    sent = (await submit(api, team.installer(), await filled_case(api, team.installer(), second))).json()

    assert (
        await api.client.delete(f"/cases/{draft['id']}", params={"version": 1}, headers=team.admin())
    ).status_code == 204
    refused = await api.client.delete(
        f"/cases/{sent['id']}", params={"version": sent["version"]}, headers=team.installer()
    )

    assert refused.status_code == 409
    assert (await api.client.get(f"/cases/{draft['id']}", headers=team.installer())).status_code == 404


async def test_copy_from_owner_makes_the_payer_the_owner(api: CasesApi) -> None:
    team = Team("sundkraft")
    owner = {k: v for k, v in FUSE_CHANGE_FILLED.items() if k.startswith("owner_")}
    case = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0], **owner)

    copied = await api.client.post(
        f"/cases/{case['id']}/copy-owner-to-payer", json={"version": 1}, headers=team.installer()
    )

    assert copied.status_code == 200
    values = copied.json()["case"]["values"]
    assert values["payer_name"] == "Karin Holm" and values["payer_personal_number"] == "19800101-1234"
    assert "payer_city" in copied.json()["changed_fields"]


async def test_a_dso_user_cannot_create_cases(api: CasesApi) -> None:
    at = addresses_in(api.gis.network, "sundkraft")[0]
    response = await api.client.post(
        "/cases",
        json={"case_type": "fuse_change", "lon": at.point.x, "lat": at.point.y},
        headers=dso_handler("sundkraft", uuid.uuid4()),
    )
    assert response.status_code == 403


async def test_labels_follow_the_language_the_portal_shows(api: CasesApi) -> None:
    team = Team("sundkraft")
    case = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])

    english = await api.client.get(
        f"/cases/{case['id']}", headers={**team.installer(), "accept-language": "en"}
    )
    types = await api.client.get("/case-types", headers={**team.installer(), "accept-language": "da-DK"})

    assert english.json()["status_label"] == "Not sent" and english.json()["case_type_name"] == "Fuse change"
    assert types.json()[0] == {
        "code": "fuse_change",
        "version": 1,
        "name": "Sikringsændring",
        "project_capable": False,
    }


async def test_a_case_types_form_is_read_in_the_version_a_case_was_made_with(api: CasesApi) -> None:
    headers = Team("sundkraft").installer()
    current = await api.client.get("/case-types/new_connection", headers=headers)
    first = await api.client.get("/case-types/new_connection", params={"version": 1}, headers=headers)
    missing = await api.client.get("/case-types/new_connection", params={"version": 9}, headers=headers)

    assert current.json()["version"] == first.json()["version"] == 1
    assert [a["code"] for a in first.json()["required_attachments"]] == ["site_plan"]
    assert any(f["name"] == "completed_on" for f in first.json()["completion_notice_fields"])
    assert missing.status_code == 404


async def test_who_acted_is_named_as_their_token_names_them(api: CasesApi) -> None:
    team = Team("sundkraft")
    erik = TOKENS.headers(
        "installer", dso_id="sundkraft", team_id=team.id, user_id=team.installer_id, name="Erik Elström"
    )
    handler = TOKENS.headers("dso_handler", dso_id="sundkraft", name="Sara Lind")
    case = await filled_case(api, erik, addresses_in(api.gis.network, "sundkraft")[0])
    assert case["installer_name"] == "Erik Elström"  # before identity's user event ever arrives

    sent = (await submit(api, erik, case)).json()
    planned = (await move(api, handler, sent, "planning")).json()

    assert [(h["to_status"], h["actor_name"]) for h in planned["history"]] == [
        ("draft", "Erik Elström"),
        ("submitted", "Erik Elström"),
        ("planning", "Sara Lind"),
    ]
