"""Projects asks cases whether an import's rows would make complete cases before it makes any: every wrong
value, unknown column and empty mandatory field of every row, in the caller's language, nothing stored."""

import pytest

from .conftest import CasesApi, Team, dso_handler

pytestmark = pytest.mark.integration

ROW = {
    "street": "Solgatan 20",
    "postcode": "252 25",
    "city": "Helsingborg",
    "main_fuse": "35",
    "number_of_units": "4",
    **{
        f"{party}_{name}": value
        for party in ("owner", "payer")
        for name, value in (
            ("name", "Karin Holm"),
            ("personal_number", "19800101-1234"),
            ("street", "Solgatan 20"),
            ("postcode", "252 25"),
            ("city", "Helsingborg"),
        )
    },
}


async def test_every_wrong_row_and_field_is_named_and_right_rows_are_not(api: CasesApi) -> None:
    team = Team("sundkraft")
    rows = [
        {"row_number": 3, "values": ROW},
        {"row_number": 4, "values": {**ROW, "main_fuse": "36", "number_of_units": "many"}},
        {"row_number": 5, "values": {**ROW, "owner_name": "", "colour": "red"}},
    ]
    answer = await api.client.post(
        "/case-types/row_houses/validate",
        json={"rows": rows},
        headers={**team.installer(), "accept-language": "en"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["case_type_version"] == 1
    assert [row["row_number"] for row in body["invalid"]] == [4, 5]
    fourth, fifth = body["invalid"]
    assert [(e["field"], e["label"]) for e in fourth["errors"]] == [
        ("main_fuse", "Main fuse (A)"),
        ("number_of_units", "Number of units"),
    ]
    assert {(e["field"], e["message"]) for e in fifth["errors"]} >= {("owner_name", "is required")}
    assert "colour" in {e["field"] for e in fifth["errors"]}  # a column the form does not have

    in_danish = await api.client.post(
        "/case-types/row_houses/validate",
        json={"rows": rows},
        headers={**team.installer(), "accept-language": "da"},
    )
    messages = {(e["field"], e["message"]) for row in in_danish.json()["invalid"] for e in row["errors"]}
    assert {
        ("number_of_units", "skal være et helt tal"),
        ("main_fuse", "skal være en af 16, 20, 25, 35, 50, 63"),
        ("owner_name", "skal udfyldes"),
    } <= messages  # the import's table of wrong cells reads as the rest of the page

    listed = await api.client.get("/cases", headers=team.installer())
    assert listed.json()["items"] == []  # checking stores nothing


async def test_only_project_types_of_the_callers_dso_are_checked_and_only_for_installers(
    api: CasesApi,
) -> None:
    team = Team("sundkraft")
    one_row = {"rows": [{"row_number": 3, "values": ROW}]}
    not_a_project_type = await api.client.post(
        "/case-types/fuse_change/validate", json=one_row, headers=team.installer()
    )
    assert not_a_project_type.status_code == 404
    swedish_without_projects = await api.client.post(
        "/case-types/row_houses/validate", json=one_row, headers=Team("kullabygden").installer()
    )
    assert swedish_without_projects.status_code == 404
    by_the_dso = await api.client.post(
        "/case-types/row_houses/validate", json=one_row, headers=dso_handler("sundkraft")
    )
    assert by_the_dso.status_code == 403
    too_many = await api.client.post(
        "/case-types/row_houses/validate",
        json={"rows": [{"row_number": n, "values": {}} for n in range(1, 10_002)]},
        headers=team.installer(),
    )
    assert too_many.status_code == 422 and "rows" in too_many.text
