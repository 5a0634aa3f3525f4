""" "Ärenden" and "Utkast" over HTTP: the team's cases only, filters, free text over the shown columns,
sort, page sizes and totals."""

from datetime import timedelta

import pytest

from .case_helpers import addresses_in, create_case, filled_case, move, submit
from .conftest import CasesApi, Team, dso_handler

pytestmark = pytest.mark.integration


async def _sent(
    api: CasesApi, team: Team, headers: dict[str, str], count: int, skip: int = 0
) -> list[dict[str, object]]:
    places = addresses_in(api.gis.network, "sundkraft", skip + count)[skip:]
    sent = []
    for place in places:
        api.clock.advance(timedelta(minutes=1))
        response = await submit(api, headers, await filled_case(api, headers, place))
        assert response.status_code == 200, response.text
        sent.append(response.json())
    return sent


async def test_the_list_filters_searches_sorts_and_pages_the_teams_cases(api: CasesApi) -> None:
    team, other = Team("sundkraft"), Team("sundkraft")
    mine = await _sent(api, team, team.installer(), 12)
    colleagues = await _sent(api, team, team.admin(), 3, skip=12)
    await _sent(api, other, other.installer(), 2, skip=15)
    planned = (await move(api, dso_handler("sundkraft"), mine[0], "planning")).json()
    await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])  # a draft

    async def listed(**params: object) -> dict[str, object]:
        response = await api.client.get("/cases", params=params, headers=team.installer())
        assert response.status_code == 200, response.text
        result: dict[str, object] = response.json()
        return result

    first = await listed()
    assert first["total"] == 15 and len(first["items"]) == 10  # type: ignore[arg-type]
    assert [i["case_number"] for i in first["items"]][:2] == ["SK-0000015", "SK-0000014"]  # type: ignore[index]
    second = await listed(page=2)
    assert len(second["items"]) == 5  # type: ignore[arg-type]
    assert (await listed(page_size=25))["items"].__len__() == 15  # type: ignore[attr-defined]

    by_status = await listed(status="planning")
    assert [i["id"] for i in by_status["items"]] == [planned["id"]]  # type: ignore[index]
    assert by_status["items"][0]["status_label"] == "PLANERING PÅGÅR"  # type: ignore[index]

    assert (await listed(mine="true"))["total"] == 12
    assert (await listed(case_type="fuse_change"))["total"] == 15
    assert (await listed(case_type="meter_move"))["total"] == 0

    wanted = colleagues[1]
    street_word = str(wanted["address"]).split()[0][:5]
    by_text = await listed(q=f"{street_word} {str(wanted['case_number'])[-3:]}")
    assert [i["id"] for i in by_text["items"]] == [wanted["id"]]  # type: ignore[index]
    assert (await listed(q="säkringsändring"))["total"] == 15  # the type's name, in any case of letters
    assert (await listed(q="planering"))["total"] == 1  # the status label users see

    ascending = await listed(sort="case_number")
    assert ascending["items"][0]["case_number"] == "SK-0000001"  # type: ignore[index]
    by_address = await listed(sort="address", page_size=100)
    addresses = [i["address"] for i in by_address["items"]]  # type: ignore[index]
    assert addresses == sorted(addresses)

    for bad in ({"page_size": 7}, {"sort": "owner_personal_number"}, {"page": 0}):
        response = await api.client.get("/cases", params=bad, headers=team.installer())
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] in {"page_size", "sort", "page"}


async def test_drafts_list_the_teams_drafts_with_when_they_expire(api: CasesApi) -> None:
    team = Team("sundkraft")
    draft = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    await _sent(api, team, team.installer(), 1, skip=1)

    drafts = (await api.client.get("/drafts", headers=team.admin())).json()

    assert drafts["total"] == 1
    item = drafts["items"][0]
    assert item["id"] == draft["id"] and item["case_type_name"] == "Säkringsändring"
    assert item["expires_at"].startswith("2026-12-07")
    assert (await api.client.get("/drafts", headers=Team("sundkraft").installer())).json()["total"] == 0
    assert (await api.client.get("/drafts", headers=dso_handler("sundkraft"))).status_code == 403


async def test_a_dso_lists_its_sent_cases_never_drafts_or_another_dsos(api: CasesApi) -> None:
    team = Team("sundkraft")
    await _sent(api, team, team.installer(), 2)
    await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])

    own = (await api.client.get("/cases", headers=dso_handler("sundkraft"))).json()
    other = (await api.client.get("/cases", headers=dso_handler("kullabygden"))).json()

    assert own["total"] == 2 and other["total"] == 0
