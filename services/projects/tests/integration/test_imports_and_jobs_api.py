"""Filling a group from Excel, one address at a time, and acting on many cases at once, over HTTP with
real cases and GIS services: what an installer or DSO handler sees of templates, refusals, jobs and their
progress; nobody outside the project's team or its DSO learns it exists."""

import asyncio
import io
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from contracts.events.cases import CaseJobPartDoneV1, CaseJobResult
from projects.domain.jobs import ItemOutcome, Job, JobItem, JobKind
from projects.service_layer.case_read_model import case_changed, case_sent

from .conftest import KystnetAddress, System, Team, dso_staff

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


async def project_with_group(api: httpx.AsyncClient, team: Team) -> tuple[str, str]:
    project = await api.post("/projects", json={"name": "Kystparken"}, headers=team.installer())
    assert project.status_code == 201, project.text
    project_id = project.json()["id"]
    group = await api.post(
        f"/projects/{project_id}/groups",
        json={"name": "Hus A–D", "case_type": "row_houses"},
        headers=team.installer(),
    )
    assert group.status_code == 201, group.text
    return project_id, group.json()["id"]


def good_values(address: KystnetAddress) -> dict[str, str]:
    party = {"name": "Boligselskabet Kysten", "personal_number": "12345678", "street": "Havnegade 1"}
    party |= {"postcode": "3000", "city": "Helsingør"}
    return {
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
        "main_fuse": "35",
        "number_of_units": "4",
        **{f"{who}_{name}": text for who in ("owner", "payer") for name, text in party.items()},
    }


def key_row(sheet: Worksheet) -> dict[str, int]:
    """The template's hidden row of field names: name → column number."""
    return {str(cell.value): cell.column for cell in sheet[2] if cell.value}


async def filled_template(
    api: httpx.AsyncClient, url: str, team: Team, rows: list[dict[str, str]]
) -> tuple[bytes, dict[str, str]]:
    """The group's template as downloaded, with `rows` typed in from row 3; and each field's letter."""
    template = await api.get(f"{url}/template", headers=team.installer())
    assert template.status_code == 200, template.text
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    columns = key_row(sheet)
    for row_number, values in enumerate(rows, start=3):
        for name, text in values.items():
            sheet.cell(row=row_number, column=columns[name], value=text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    letters = {name: get_column_letter(number) for name, number in columns.items()}
    return buffer.getvalue(), letters


def xlsx(data: bytes) -> dict[str, Any]:
    return {
        "file": ("adresser.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }


async def finished_job(api: httpx.AsyncClient, url: str, headers: dict[str, str], timeout: float = 60) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        answer = await api.get(url, headers=headers)
        assert answer.status_code == 200, answer.text
        job = answer.json()
        if job["finished"] or asyncio.get_running_loop().time() > deadline:
            return job
        await asyncio.sleep(0.3)


async def seeded_cases(system: System, project_id: str, group_id: str, statuses: list[str]) -> list[str]:
    """Cases of the project as cases' events would have told the read model."""
    ids = [uuid.uuid4() for _ in statuses]
    async with system.uow_factory() as uow:
        for number, (case_id, status) in enumerate(zip(ids, statuses, strict=True), start=1):
            await case_sent(
                uow,
                case_id=case_id,
                project_id=uuid.UUID(project_id),
                group_id=uuid.UUID(group_id),
                case_number=f"KN-2026-{number:05d}",
                address=f"=Strandvejen {number}",  # as typed by someone: never a formula in an export
                installer_id=uuid.uuid4(),
                at=NOW,
            )
            if status != "submitted":
                await case_changed(uow, case_id, NOW, status=status)
        await uow.commit()
    return [str(case_id) for case_id in ids]


async def test_the_template_opens_in_excel_with_the_groups_columns(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)

    answer = await system.api.get(
        f"/projects/{project_id}/groups/{group_id}/template", headers=team.installer("da")
    )

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert ".xlsx" in answer.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(answer.content))
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    assert sheet.title == "Adresser"
    names = list(key_row(sheet))
    assert names[:3] == ["street", "postcode", "city"]
    assert {"main_fuse", "number_of_units", "owner_personal_number", "payer_city"} <= set(names)
    assert sheet["A1"].value == "Adresse *"  # Danish labels, mandatory marked


async def test_an_unreadable_file_is_refused_with_its_code(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    url = f"/projects/{project_id}/groups/{group_id}/imports"

    pdf = await system.api.post(
        url, files={"file": ("a.pdf", b"%PDF-1.7 ...", "application/pdf")}, headers=team.installer()
    )
    assert pdf.status_code == 422, pdf.text
    assert pdf.json()["code"] == "not_xlsx"
    assert pdf.json()["errors"][0]["field"] == "file"
    no_file = await system.api.post(url, data={"other": "x"}, headers=team.installer())
    assert no_file.status_code == 422
    assert no_file.json()["errors"][0]["field"] == "file"


async def test_a_file_with_wrong_rows_lists_every_wrong_cell_and_creates_nothing(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    url = f"/projects/{project_id}/groups/{group_id}"
    good, fuse, place, parties = (good_values(address) for address in system.addresses[:4])
    fuse["main_fuse"] = "99"
    place["street"] = "Ingenvej 999"
    parties["owner_name"] = ""
    parties["number_of_units"] = "0"
    data, letters = await filled_template(system.api, url, team, [good, fuse, place, parties])

    answer = await system.api.post(f"{url}/imports", files=xlsx(data), headers=team.installer())

    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["code"] == "invalid_rows"
    cells = [(error["row"], error["column"], error["field"]) for error in problem["errors"]]
    assert cells == [
        (4, letters["main_fuse"], "main_fuse"),
        (5, letters["street"], "street"),
        (6, letters["number_of_units"], "number_of_units"),
        (6, letters["owner_name"], "owner_name"),
    ]
    assert all(error["message"] and error["label"] for error in problem["errors"])
    detail = (await system.api.get(f"/projects/{project_id}", headers=team.installer())).json()
    assert detail["jobs"] == []


async def test_a_good_file_creates_and_sends_one_case_per_row(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    url = f"/projects/{project_id}/groups/{group_id}"
    rows = [good_values(address) for address in system.addresses[4:9]]
    data, _ = await filled_template(system.api, url, team, rows)

    answer = await system.api.post(f"{url}/imports", files=xlsx(data), headers=team.installer())

    assert answer.status_code == 202, answer.text
    accepted = answer.json()
    assert (accepted["kind"], accepted["total"], accepted["group_id"]) == ("import", 5, group_id)
    job = await finished_job(system.api, f"/projects/{project_id}/jobs/{accepted['id']}", team.installer())
    assert (job["done"], job["failed"], job["finished"]) == (5, 0, True), job
    assert [item["position"] for item in job["items"]] == [3, 4, 5, 6, 7]
    assert all(item["outcome"] == "done" and item["case_number"] for item in job["items"])
    for _ in range(100):  # the cases' own events fill the read model a moment later
        detail = (await system.api.get(f"/projects/{project_id}", headers=team.installer())).json()
        if len(detail["cases"]) == 5:
            break
        await asyncio.sleep(0.3)
    assert {case["case_number"] for case in detail["cases"]} == {item["case_number"] for item in job["items"]}
    assert {case["group_id"] for case in detail["cases"]} == {group_id}


async def test_one_address_is_checked_as_a_row_and_made_a_job_of_one(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    url = f"/projects/{project_id}/groups/{group_id}/addresses"
    wrong = good_values(system.addresses[9]) | {"street": "Ingenvej 999", "main_fuse": "99"}

    refused = await system.api.post(url, json={"values": wrong}, headers=team.installer())

    assert refused.status_code == 422, refused.text
    assert {error["field"] for error in refused.json()["errors"]} == {"values.street", "values.main_fuse"}
    accepted = await system.api.post(
        url, json={"values": good_values(system.addresses[9])}, headers=team.installer()
    )
    assert accepted.status_code == 202, accepted.text
    assert (accepted.json()["kind"], accepted.json()["total"]) == ("import", 1)


async def test_a_second_file_waits_for_the_running_import(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    running = Job(
        uuid.uuid4(),
        uuid.UUID(project_id),
        JobKind.IMPORT,
        None,
        uuid.UUID(group_id),
        team.installer_id,
        1,
        0,
        0,
        NOW,
        None,
    )
    async with system.uow_factory() as uow:
        await uow.jobs.add(running, [JobItem(3, None, ItemOutcome.PENDING)])
        await uow.commit()

    url = f"/projects/{project_id}/groups/{group_id}"
    second = await system.api.post(f"{url}/imports", files=xlsx(b"PK..."), headers=team.installer())
    assert second.status_code == 409, second.text
    assert "wait" in second.json()["detail"]
    deleted = await system.api.delete(url, headers=team.installer())
    assert deleted.status_code == 409
    by_hand = await system.api.post(
        f"{url}/addresses", json={"values": good_values(system.addresses[10])}, headers=team.installer()
    )
    assert by_hand.status_code == 202, by_hand.text  # one address at a time does not wait


async def test_a_bulk_action_is_refused_unless_allowed_for_every_selected_case(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    sent, also_sent, working = await seeded_cases(
        system, project_id, group_id, ["submitted", "submitted", "in_progress"]
    )
    url = f"/projects/{project_id}/bulk-actions"

    refused = await system.api.post(
        url, json={"action": "cancel", "case_ids": [sent, also_sent, working]}, headers=team.installer()
    )
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert [(case["case_id"], case["status"]) for case in problem["blocking"]] == [(working, "in_progress")]
    assert problem["allowed_actions"] == ["change_installer"]

    for body, field in (
        ({"action": "change_installer", "case_ids": [sent]}, "target_user_id"),
        ({"action": "reject", "case_ids": [sent], "reason": "x"}, "action"),  # the DSO's, not the team's
        ({"action": "cancel", "case_ids": [sent, str(uuid.uuid4())]}, "case_ids"),
        ({"action": "fly", "case_ids": [sent]}, "action"),
    ):
        invalid = await system.api.post(url, json=body, headers=team.installer())
        assert invalid.status_code == 422, (body, invalid.text)
        assert invalid.json()["errors"][0]["field"] == field, body

    accepted = await system.api.post(
        url, json={"action": "cancel", "case_ids": [sent, also_sent, sent]}, headers=team.installer()
    )
    assert accepted.status_code == 202, accepted.text
    assert (accepted.json()["kind"], accepted.json()["action"], accepted.json()["total"]) == (
        "bulk_action",
        "cancel",
        2,
    )
    job = await system.api.get(
        f"/projects/{project_id}/jobs/{accepted.json()['id']}", headers=team.installer()
    )
    assert job.status_code == 200
    assert [(item["position"], item["case_id"], item["case_number"]) for item in job.json()["items"]] == [
        (0, sent, "KN-2026-00001"),
        (1, also_sent, "KN-2026-00002"),
    ]


async def test_the_dso_sees_and_bulk_acts_on_a_project_but_does_not_import(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    (case_id,) = await seeded_cases(system, project_id, group_id, ["in_progress"])
    handler = dso_staff("kystnet")
    group_url = f"/projects/{project_id}/groups/{group_id}"

    assert (await system.api.get(f"/projects/{project_id}", headers=handler)).status_code == 200
    exported = await system.api.get(f"/projects/{project_id}/export", headers=handler)
    assert exported.status_code == 200, exported.text
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    assert isinstance(sheet, Worksheet)
    assert [cell.value for cell in sheet[2]][:4] == [
        "KN-2026-00001",
        "Hus A–D",
        "row_houses",
        "'=Strandvejen 1",
    ]

    no_reason = await system.api.post(
        f"/projects/{project_id}/bulk-actions",
        json={"action": "reject", "case_ids": [case_id]},
        headers=handler,
    )
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    rejected = await system.api.post(
        f"/projects/{project_id}/bulk-actions",
        json={"action": "reject", "case_ids": [case_id], "reason": "Forkert netselskab"},
        headers=handler,
    )
    assert rejected.status_code == 202, rejected.text
    job_url = f"/projects/{project_id}/jobs/{rejected.json()['id']}"
    assert (await system.api.get(job_url, headers=handler)).status_code == 200
    assert (await system.api.get(job_url, headers=team.installer())).status_code == 200

    assert (await system.api.get(f"{group_url}/template", headers=handler)).status_code == 403
    imported = await system.api.post(f"{group_url}/imports", files=xlsx(b"PK"), headers=handler)
    assert imported.status_code == 403
    added = await system.api.post(f"{group_url}/addresses", json={"values": {}}, headers=handler)
    assert added.status_code == 403


async def test_a_stranger_learns_nothing_of_a_project(system: System) -> None:
    team = Team()
    project_id, group_id = await project_with_group(system.api, team)
    (case_id,) = await seeded_cases(system, project_id, group_id, ["submitted"])
    job = await system.api.post(
        f"/projects/{project_id}/bulk-actions",
        json={"action": "cancel", "case_ids": [case_id]},
        headers=team.installer(),
    )
    assert job.status_code == 202, job.text
    group_url = f"/projects/{project_id}/groups/{group_id}"
    strangers = {"another team": Team().installer(), "another DSO": dso_staff("sundkraft", "dso_admin")}
    for who, headers in strangers.items():
        answers = [
            await system.api.get(f"{group_url}/template", headers=headers),
            await system.api.post(f"{group_url}/imports", files=xlsx(b"PK"), headers=headers),
            await system.api.post(f"{group_url}/addresses", json={"values": {}}, headers=headers),
            await system.api.post(
                f"/projects/{project_id}/bulk-actions",
                json={"action": "cancel", "case_ids": [case_id]},
                headers=headers,
            ),
            await system.api.get(f"/projects/{project_id}/jobs/{job.json()['id']}", headers=headers),
            await system.api.get(f"/projects/{project_id}/export", headers=headers),
        ]
        assert [answer.status_code for answer in answers] == [404] * 6, who


async def test_cases_answers_count_each_row_once_however_often_they_come(system: System) -> None:
    """The consumer of `cases.jobs`: results mapped to the bulk job's items by case, a re-sent part
    changing nothing, the job finished when nothing is pending."""
    team = Team()
    project_id, _ = await project_with_group(system.api, team)
    first, second = uuid.uuid4(), uuid.uuid4()
    job = Job(
        uuid.uuid4(),
        uuid.UUID(project_id),
        JobKind.BULK_ACTION,
        "cancel",
        None,
        team.installer_id,
        2,
        0,
        0,
        NOW,
        None,
    )
    async with system.uow_factory() as uow:
        await uow.jobs.add(
            job, [JobItem(0, first, ItemOutcome.PENDING), JobItem(1, second, ItemOutcome.PENDING)]
        )
        await uow.commit()
    answer = CaseJobPartDoneV1(
        job_id=job.id,
        part=0,
        project_id=job.project_id,
        results=[
            CaseJobResult(case_id=second, outcome="failed", reason="not allowed now", code="not_allowed"),
            CaseJobResult(case_id=first, outcome="done", case_number="KN-2026-00009", status="cancelled"),
        ],
    )
    async with system.uow_factory() as uow:
        for _ in range(2):  # cases' outbox re-sent it: two events, one answer
            uow.emit(answer, key=str(job.id), tenant="kystnet")
        await uow.commit()

    await finished_job(system.api, f"/projects/{project_id}/jobs/{job.id}", team.installer())
    await asyncio.sleep(1)  # the re-sent answer arrives too
    seen = (await system.api.get(f"/projects/{project_id}/jobs/{job.id}", headers=team.installer())).json()
    assert (seen["done"], seen["failed"], seen["finished"]) == (1, 1, True)
    assert [(item["position"], item["outcome"], item["code"]) for item in seen["items"]] == [
        (0, "done", None),
        (1, "failed", "not_allowed"),
    ]
    assert seen["items"][0]["case_number"] == "KN-2026-00009"

    job_url = f"/projects/{project_id}/jobs/{job.id}"
    failed = (await system.api.get(f"{job_url}?items=failed", headers=team.installer())).json()
    assert [(item["position"], item["code"]) for item in failed["items"]] == [(1, "not_allowed")]
    polled = (await system.api.get(f"{job_url}?items=none", headers=team.installer())).json()
    assert (polled["done"], polled["failed"], polled["finished"], polled["items"]) == (1, 1, True, [])
    unknown = await system.api.get(f"{job_url}?items=some", headers=team.installer())
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "items"
