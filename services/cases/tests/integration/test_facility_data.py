""" "Hämta anl-data" over HTTP with the registry in a real GIS: the overwrite rules field by field, an
unknown number changes nothing, and personal numbers never come from the registry."""

import pytest

from .case_helpers import addresses_in, create_case, facility_in
from .conftest import CasesApi, Team

pytestmark = pytest.mark.integration


async def _fetch(api: CasesApi, team: Team, case: dict[str, object], **body: object) -> dict[str, object]:
    response = await api.client.post(
        f"/cases/{case['id']}/facility-data",
        json={"version": case["version"], **body},
        headers=team.installer(),
    )
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


async def test_overwrite_no_fills_empty_fields_but_always_takes_the_facility_ids(api: CasesApi) -> None:
    team = Team("sundkraft")
    facility = facility_in(api.gis.network, "sundkraft")
    other = facility_in(api.gis.network, "sundkraft", skip=1)
    case = await create_case(
        api,
        team.installer(),
        at=addresses_in(api.gis.network, "sundkraft")[0],
        street="Egen väg 1",  # typed by the installer: kept
        owner_name="Typed Owner",  # kept
        owner_personal_number="19800101-1234",  # never touched
        meter_number=other.meter_number,  # a facility id: always follows the registry
    )

    answer = await _fetch(api, team, case, ean=facility.ean, overwrite=False)

    values = answer["case"]["values"]  # type: ignore[index]
    assert values["street"] == "Egen väg 1" and values["owner_name"] == "Typed Owner"
    assert values["owner_personal_number"] == "19800101-1234"
    assert values["ean"] == facility.ean and values["meter_number"] == facility.meter_number
    assert values["technical_number"] == facility.technical_number
    assert values["current_main_fuse"] == str(facility.main_fuse_amperes)
    assert set(answer["changed_fields"]) == {  # type: ignore[arg-type]
        "ean",
        "meter_number",
        "technical_number",
        "current_main_fuse",
    }


async def test_overwrite_yes_replaces_what_was_typed(api: CasesApi) -> None:
    team = Team("sundkraft")
    facility = facility_in(api.gis.network, "sundkraft")
    case = await create_case(
        api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0], owner_name="Typed Owner"
    )

    answer = await _fetch(api, team, case, meter_number=facility.meter_number, overwrite=True)

    values = answer["case"]["values"]  # type: ignore[index]
    assert values["owner_name"] == facility.owner_name
    assert values["street"] == f"{facility.street} {facility.house_number}"
    assert values["postcode"] == facility.postcode and values["city"] == facility.town
    assert "owner_name" in answer["changed_fields"]  # type: ignore[operator]
    assert values.get("owner_personal_number") is None


async def test_an_unknown_or_foreign_number_changes_nothing(api: CasesApi) -> None:
    team = Team("sundkraft")
    case = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    foreign = facility_in(api.gis.network, "kullabygden")
    url = f"/cases/{case['id']}/facility-data"

    unknown = await api.client.post(
        url, json={"version": 1, "meter_number": "NO-SUCH-METER", "overwrite": True}, headers=team.installer()
    )
    other_dso = await api.client.post(
        url, json={"version": 1, "ean": foreign.ean, "overwrite": True}, headers=team.installer()
    )
    malformed = await api.client.post(
        url, json={"version": 1, "ean": "735999999999999990", "overwrite": True}, headers=team.installer()
    )

    assert unknown.status_code == 404 and unknown.json()["errors"][0]["field"] == "meter_number"
    assert other_dso.status_code == 404 and other_dso.json()["errors"][0]["field"] == "ean"
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "ean"
    after = (await api.client.get(f"/cases/{case['id']}", headers=team.installer())).json()
    assert after["version"] == 1 and after["values"] == case["values"]
