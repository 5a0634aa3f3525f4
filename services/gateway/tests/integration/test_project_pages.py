"""The project pages through the running portal, against the real system behind it (identity, GIS, cases
and projects; ADR 0007): who may see them, making, renaming and deleting a project and its groups, the
group's template and a refused upload, one address added and a bulk action over the cases, each a job
whose page shows its progress and every outcome. What no page makes (another team) is set up through the
services' own APIs. One system for the module: each test makes its own projects."""

import asyncio
import contextlib
import io
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from openpyxl import load_workbook

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Infrastructure, Mailbox, free_port
from servicekit.testing.plugin import migrated_databases
from tests.e2e.project_helpers import found_addresses, row_values
from tests.e2e.system import RunningSystem, running_system

from .case_helpers import another_sundkraft_team, bearer
from .form_reader import form_values
from .portal_helpers import INSTALLER, SUNDKRAFT_ADMIN, TEAM_ADMIN, csrf_token, log_in, portal, text

pytestmark = pytest.mark.integration

HANDLER = "handlaggare@sundkraft.example.com"
KULLABYGDEN_ADMIN = "admin@kullabygden.example.com"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
async def projects_system(
    infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningSystem]:
    async with (
        migrated_databases(infra) as service_database,
        running_system(
            infra, service_database, tmp_path_factory.mktemp("keys"), with_projects=True
        ) as running,
    ):
        yield running


@contextlib.asynccontextmanager
async def signed_in(url: str, email: str = INSTALLER) -> AsyncIterator[httpx.AsyncClient]:
    async with portal(url) as browser:
        assert (await log_in(browser, email, DEMO_PASSWORD)).status_code == 303
        yield browser


async def post(
    browser: httpx.AsyncClient, page: str, action: str, data: Any = None, **kwargs: Any
) -> httpx.Response:
    """Submit a form of `page` to `action` with the CSRF token the page carries."""
    shown = await browser.get(page)
    assert shown.status_code == 200, text(shown)
    if isinstance(data, list):  # a field given more than once, as checkboxes are
        body = urlencode([*data, ("csrf_token", csrf_token(shown.text))])
        form = {"content-type": "application/x-www-form-urlencoded"}
        return await browser.post(action, content=body, headers=form, **kwargs)
    return await browser.post(action, data={**(data or {}), "csrf_token": csrf_token(shown.text)}, **kwargs)


async def new_project(browser: httpx.AsyncClient, name: str) -> str:
    made = await post(browser, "/projekt", "/projekt", {"name": name})
    assert made.status_code == 303, text(made)
    match = re.fullmatch(r"/projekt/([0-9a-f-]{36})\?notis=created", made.headers["location"])
    assert match, made.headers["location"]
    return match.group(1)


async def new_group(
    browser: httpx.AsyncClient, project: str, name: str, case_type: str = "row_houses"
) -> str:
    page = f"/projekt/{project}"
    made = await post(browser, page, f"{page}/grupper", {"name": name, "case_type": case_type})
    assert made.status_code == 303, text(made)
    match = re.search(r"#grupp-([0-9a-f-]{36})$", made.headers["location"])
    assert match, made.headers["location"]
    return match.group(1)


def listed_projects(page: httpx.Response) -> list[str]:
    return re.findall(r'data-project-id="([^"]+)"', page.text)


async def finished_job(browser: httpx.AsyncClient, job_page: str, timeout: float = 60) -> dict[str, Any]:
    """The job's progress as the page's script polls it, once the job is finished."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        polled = await browser.get(f"{job_page}/status", headers={"accept": "application/json"})
        assert polled.status_code == 200, polled.text
        progress: dict[str, Any] = polled.json()
        if progress["finished"]:
            return progress
        assert asyncio.get_running_loop().time() < deadline, f"not finished: {progress}"
        await asyncio.sleep(0.3)


async def project_page_when(
    browser: httpx.AsyncClient, project: str, shows: str, timeout: float = 60
) -> httpx.Response:
    """The project page once it shows `shows` (projects learns of its cases from case events)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        page = await browser.get(f"/projekt/{project}")
        if shows in page.text:
            return page
        assert asyncio.get_running_loop().time() < deadline, text(page)
        await asyncio.sleep(0.3)


async def test_visitors_go_to_login_and_only_the_team_and_dso_staff_have_projects(
    projects_system: RunningSystem,
) -> None:
    some = uuid.uuid4()
    paths = (
        "/projekt",
        f"/projekt/{some}",
        f"/projekt/{some}/jobb/{some}",
        f"/projekt/{some}/jobb/{some}/status",
        f"/projekt/{some}/export",
        f"/projekt/{some}/grupper/{some}/mall",
        f"/projekt/{some}/grupper/{some}/adress",
    )
    async with portal(projects_system.portal_url) as visitor:
        for path in paths:
            answer = await visitor.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"] == f"/logga-in?next={path}"
        home = await visitor.get("/")
        assert 'href="/projekt"' not in home.text  # the header offers it to the signed in only
        # A form posted without a login (an old tab) also leads to the login page, never further.
        refused = await post(visitor, "/logga-in", "/projekt", {"name": "Smygprojekt"})
        assert refused.status_code == 303 and refused.headers["location"].startswith("/logga-in?next=")
    for email in (INSTALLER, HANDLER):
        async with signed_in(projects_system.portal_url, email) as browser:
            projects = await browser.get("/projekt")
            assert projects.status_code == 200, text(projects)
            assert 'href="/projekt" aria-current="page"' in projects.text
            # Making projects is the team's: DSO staff get no form, and a post is refused.
            assert ("data-new-project" in projects.text) is (email == INSTALLER)
    async with signed_in(projects_system.portal_url, HANDLER) as handler:
        refused = await post(handler, "/projekt", "/projekt", {"name": "Nätbolagets"})
        assert refused.status_code == 403


async def test_an_installer_makes_groups_renames_and_deletes_only_what_is_empty(
    projects_system: RunningSystem,
) -> None:
    async with signed_in(projects_system.portal_url) as browser:
        empty = await post(browser, "/projekt", "/projekt", {"name": "   "})
        assert empty.status_code == 422 and "Skriv ett namn." in text(empty)
        too_long = await post(browser, "/projekt", "/projekt", {"name": "x" * 101})
        assert too_long.status_code == 422 and "högst 100 tecken" in text(too_long)

        project = await new_project(browser, "  Solgården   etapp 1 ")
        page = await browser.get(f"/projekt/{project}?notis=created")
        assert "Solgården etapp 1" in text(page) and 'data-notice="project.notice.created"' in page.text
        assert project in listed_projects(await browser.get("/projekt"))
        # The group form offers the grid company's project case types, in the reader's language.
        offered = re.findall(
            r'<option value="([a-z_]+)"[^>]*>([^<]+)</option>', page.text.split("data-new-group")[1]
        )
        assert ("row_houses", "Radhus") in offered, offered

        wrong_type = await post(
            browser,
            f"/projekt/{project}",
            f"/projekt/{project}/grupper",
            {"name": "Säkring", "case_type": "fuse_change"},
        )
        assert wrong_type.status_code == 422 and "Välj en av projektärendetyperna" in text(wrong_type)
        group = await new_group(browser, project, "Radhusen")
        page = await browser.get(f"/projekt/{project}")
        section = page.text.split(f'data-group="{group}"')[1]
        assert 'data-group-type="row_houses"' in section and "0 ärenden" in text(page)
        assert f'href="/projekt/{project}/grupper/{group}/mall"' in section
        assert f'href="/projekt/{project}/grupper/{group}/adress"' in section

        # A rename over someone else's is refused with the page as it is now; one of the current is kept.
        version = form_values(page.text, "data-rename-form")["version"]
        stale = await post(
            browser, f"/projekt/{project}", f"/projekt/{project}/namn", {"name": "Gammalt", "version": "99"}
        )
        assert stale.status_code == 409 and "Någon annan ändrade just detta" in text(stale)
        renamed = await post(
            browser,
            f"/projekt/{project}",
            f"/projekt/{project}/namn",
            {"name": "Solgården", "version": version},
        )
        assert renamed.status_code == 303 and renamed.headers["location"].endswith("?notis=renamed")

        # Only what is empty can go: the project has a group, so the group first.
        not_empty = await post(browser, f"/projekt/{project}", f"/projekt/{project}/radera")
        assert not_empty.status_code == 409 and "Bara ett tomt projekt kan tas bort" in text(not_empty)
        dropped = await post(browser, f"/projekt/{project}", f"/projekt/{project}/grupper/{group}/radera")
        assert dropped.status_code == 303 and dropped.headers["location"].endswith("?notis=group_deleted")
        deleted = await post(browser, f"/projekt/{project}", f"/projekt/{project}/radera")
        assert deleted.status_code == 303 and deleted.headers["location"] == "/projekt?notis=deleted"
        assert project not in listed_projects(await browser.get("/projekt"))
        assert (await browser.get(f"/projekt/{project}")).status_code == 404


async def test_another_teams_project_is_a_page_that_does_not_exist(
    projects_system: RunningSystem, mailbox: Mailbox
) -> None:
    system = projects_system
    assert system.projects_url is not None
    other_team = await another_sundkraft_team(system, mailbox)
    async with httpx.AsyncClient(base_url=system.projects_url, timeout=30) as projects:
        made = await projects.post("/projects", json={"name": "Annat El:s"}, headers=other_team)
        assert made.status_code == 201, made.text
        foreign = made.json()["id"]
        grouped = await projects.post(
            f"/projects/{foreign}/groups",
            json={"name": "Radhus", "case_type": "row_houses"},
            headers=other_team,
        )
        assert grouped.status_code == 201, grouped.text
        group = grouped.json()["id"]
    paths = (
        f"/projekt/{foreign}",
        f"/projekt/{foreign}/export",
        f"/projekt/{foreign}/jobb/{uuid.uuid4()}",
        f"/projekt/{foreign}/grupper/{group}/mall",
        f"/projekt/{foreign}/grupper/{group}/adress",
        "/projekt/not-an-id",
    )
    for email in (INSTALLER, TEAM_ADMIN, HANDLER, KULLABYGDEN_ADMIN):
        async with signed_in(system.portal_url, email) as browser:
            assert foreign not in listed_projects(await browser.get("/projekt"))
            for path in paths:
                if email in (HANDLER, KULLABYGDEN_ADMIN) and path.endswith("/adress"):
                    continue  # the team's page: DSO staff are refused before projects is asked
                answer = await browser.get(path)
                assert answer.status_code == 404 and "Sidan finns inte" in text(answer), (email, path)
    async with signed_in(system.portal_url, TEAM_ADMIN) as browser:
        for action in (
            f"/projekt/{foreign}/namn",
            f"/projekt/{foreign}/radera",
            f"/projekt/{foreign}/grupper",
        ):
            answer = await post(
                browser, "/projekt", action, {"name": "Mitt nu", "version": "1", "case_type": "row_houses"}
            )
            assert answer.status_code == 404, (action, text(answer))
        async with httpx.AsyncClient(base_url=system.projects_url, timeout=30) as projects:
            still = await projects.get(f"/projects/{foreign}", headers=other_team)
        assert still.json()["name"] == "Annat El:s" and len(still.json()["groups"]) == 1


async def test_the_template_downloads_and_a_wrong_file_lists_every_wrong_cell(
    projects_system: RunningSystem,
) -> None:
    async with signed_in(projects_system.portal_url) as browser:
        project = await new_project(browser, "Mallprojekt")
        group = await new_group(browser, project, "Radhus")
        page = f"/projekt/{project}"

        template = await browser.get(f"/projekt/{project}/grupper/{group}/mall")
        assert template.status_code == 200, text(template)
        assert template.headers["content-type"] == XLSX
        assert template.headers["content-disposition"].startswith('attachment; filename="')
        assert template.headers["x-content-type-options"] == "nosniff"
        workbook = load_workbook(io.BytesIO(template.content))
        sheet = workbook.worksheets[0]
        keys = [cell.value for cell in sheet[2]]
        assert {"street", "postcode", "city", "main_fuse", "owner_name"} <= set(keys), keys

        none_chosen = await post(browser, page, f"{page}/grupper/{group}/import")
        assert none_chosen.status_code == 422 and "Välj den ifyllda mallen" in text(none_chosen)
        garbage = await post(
            browser,
            page,
            f"{page}/grupper/{group}/import",
            files={"file": ("adresser.xlsx", b"not a workbook", XLSX)},
        )
        assert garbage.status_code == 422, text(garbage)
        assert "ingen Excel-arbetsbok" in text(garbage) and "data-upload-error" in garbage.text

        # Two rows, each wrong in its own way: nothing is made, and both are listed with their cells.
        column = {key: index + 1 for index, key in enumerate(keys)}
        good = row_values((await _sundkraft_addresses(projects_system, 1))[0])
        for row, street, fuse in ((3, "Finnsintevägen 999", "25"), (4, good["street"], "7")):
            for key, value in (good | {"street": street, "main_fuse": fuse}).items():
                sheet.cell(row=row, column=column[key], value=value)
        filled = io.BytesIO()
        workbook.save(filled)
        wrong = await post(
            browser,
            page,
            f"{page}/grupper/{group}/import",
            files={"file": ("adresser.xlsx", filled.getvalue(), XLSX)},
        )
        assert wrong.status_code == 422, text(wrong)
        assert "rader i filen är fel, så inga ärenden skapades" in text(wrong)
        rows = re.findall(r'data-import-error data-row="(\d*)"', wrong.text)
        assert set(rows) == {"3", "4"}, rows
        fuse_cell = re.search(r'data-import-error data-row="4"[^>]*>(.*?)</tr>', text(wrong), re.S)
        assert fuse_cell and "måste vara något av" in fuse_cell.group(1), text(wrong)  # the reader's language
        assert 'data-group-case-count="0"' in (await browser.get(page)).text


async def _sundkraft_addresses(system: RunningSystem, count: int) -> list[Any]:
    return await found_addresses(
        system, "sundkraft", "Helsingborg", count, token=await bearer(system, INSTALLER)
    )


async def test_one_address_becomes_a_sent_case_and_a_bulk_cancel_reports_per_case(
    projects_system: RunningSystem,
) -> None:
    address = (await _sundkraft_addresses(projects_system, 1))[0]
    async with signed_in(projects_system.portal_url) as browser:
        project = await new_project(browser, "Ett hus")
        group = await new_group(browser, project, "Radhus")
        form_page = f"/projekt/{project}/grupper/{group}/adress"
        shown = await browser.get(form_page)
        assert shown.status_code == 200 and 'id="field-owner_personal_number"' in shown.text

        nothing = await post(browser, form_page, form_page, {})
        assert nothing.status_code == 422 and "Fyll i adressen" in text(nothing)
        values = {f"values.{name}": value for name, value in row_values(address).items()}
        wrong = await post(browser, form_page, form_page, {**values, "values.main_fuse": "7"})
        assert wrong.status_code == 422, text(wrong)
        assert re.search(r'id="field-main_fuse"[^>]*aria-invalid="true"', wrong.text)
        assert form_values(wrong.text, "data-address-form")["values.owner_name"] == "Mette Jensen"  # kept

        added = await post(browser, form_page, form_page, values)
        assert added.status_code == 303, text(added)
        job_page = added.headers["location"]
        assert re.fullmatch(rf"/projekt/{project}/jobb/[0-9a-f-]{{36}}", job_page)
        progress = await finished_job(browser, job_page)
        assert (progress["total"], progress["done"], progress["failed"]) == (1, 1, 0)
        finished = await browser.get(job_page)
        assert 'data-job-state="finished"' in finished.text and 'data-outcome="done"' in finished.text
        number = re.search(r"data-case-number>(SK-\d{7})<", finished.text)
        assert number, text(finished)

        page = await project_page_when(browser, project, number.group(1))
        row = re.search(r'<tr data-case-row data-case-id="([^"]+)" data-status="([a-z_]+)"', page.text)
        assert row and row.group(2) == "submitted" and "NY" in text(page)
        case_id = row.group(1)
        assert f'href="/arenden/{case_id}"' in page.text
        # Without script the menu has every action of the team's side; the gateway and projects judge.
        assert re.findall(r'<option value="([a-z_]+)" data-from=', page.text) == [
            "ready_for_meter",
            "cancel",
            "change_installer",
        ]
        # An installer, not only the team admin, hands cases to a colleague chosen by name.
        chooser = page.text.split('name="target_installer"')[1].split("</select>")[0]
        colleagues = {
            name: person
            for person, name in re.findall(r'<option value="([0-9a-f-]{36})"[^>]*>([^<]+)<', chooser)
        }
        assert {"Anna Andersson", "Erik Svensson"} <= set(colleagues)
        handed = await post(
            browser,
            f"/projekt/{project}",
            f"/projekt/{project}/massatgard",
            {
                "action": "change_installer",
                "case_ids": case_id,
                "target_installer": colleagues["Anna Andersson"],
            },
        )
        assert handed.status_code == 303, text(handed)
        progress = await finished_job(browser, handed.headers["location"])
        assert (progress["done"], progress["failed"]) == (1, 0)
        history = text(await browser.get(f"/arenden/{case_id}"))
        step = re.search(
            r'<tr data-history-step="submitted" data-history-kind="installer_changed">(.*?)</tr>',
            history,
            re.S,
        )
        assert step, history
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", step.group(1), re.S)
        ]
        assert (cells[0], cells[1], cells[3]) == (
            "Ny installatör",
            "Erik Svensson (Installatör)",
            "Anna Andersson",
        )

        nothing_selected = await post(
            browser, f"/projekt/{project}", f"/projekt/{project}/massatgard", {"action": "cancel"}
        )
        assert nothing_selected.status_code == 422 and "Välj minst ett ärende." in text(nothing_selected)
        not_allowed = await post(
            browser,
            f"/projekt/{project}",
            f"/projekt/{project}/massatgard",
            [("action", "ready_for_meter"), ("case_id", case_id)],
        )
        assert not_allowed.status_code == 409, text(not_allowed)
        assert "Åtgärden gäller inte alla valda ärenden" in text(not_allowed)
        assert re.search(rf'value="{case_id}"[^>]*checked', not_allowed.text)  # the selection is kept

        cancelled = await post(
            browser,
            f"/projekt/{project}",
            f"/projekt/{project}/massatgard",
            {"action": "cancel", "case_ids": case_id, "reason": "Kunden ångrade sig."},
        )
        assert cancelled.status_code == 303, text(cancelled)
        progress = await finished_job(browser, cancelled.headers["location"])
        assert (progress["done"], progress["failed"]) == (1, 0)
        outcome = await browser.get(cancelled.headers["location"])
        assert "Makulera" in text(outcome) and 'data-outcome="done"' in outcome.text
        page = await project_page_when(browser, project, 'data-status="cancelled"')
        assert "MAKULERAT" in text(page)

        export = await browser.get(f"/projekt/{project}/export")
        assert export.status_code == 200 and export.headers["content-type"] == XLSX
        assert export.headers["content-disposition"].startswith("attachment;")

    async with signed_in(projects_system.portal_url, SUNDKRAFT_ADMIN) as dso:
        # The project has a case in Sundkraft's area now: its staff see it, with their own actions.
        assert project in listed_projects(await dso.get("/projekt"))
        seen = await dso.get(f"/projekt/{project}")
        assert (
            seen.status_code == 200
            and "data-new-group" not in seen.text
            and "data-rename-project" not in seen.text
        )
        assert re.findall(r'<option value="([a-z_]+)" data-from=', seen.text) == [
            "cancel",
            "reject",
            "archive",
            "change_handler",
        ]
        page = f"/projekt/{project}"
        unexplained = await post(dso, page, f"{page}/massatgard", {"action": "reject", "case_ids": case_id})
        assert unexplained.status_code == 422 and "Skriv en orsak" in text(unexplained)
        archived = await post(dso, page, f"{page}/massatgard", {"action": "archive", "case_ids": case_id})
        assert archived.status_code == 303, text(archived)
        progress = await finished_job(dso, archived.headers["location"])
        assert (progress["done"], progress["failed"]) == (1, 0)
        assert "ARKIVERAT" in text(await project_page_when(dso, project, 'data-status="archived"'))
    async with signed_in(projects_system.portal_url) as browser:
        # The team follows the DSO's job too: it is the project's.
        assert (await browser.get(archived.headers["location"])).status_code == 200


async def test_projects_silent_is_a_try_again_page(
    infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory
) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    async with (
        migrated_databases(infra) as service_database,
        running_system(
            infra, service_database, tmp_path_factory.mktemp("keys"), projects_url=closed
        ) as system,
        signed_in(system.portal_url) as browser,
    ):
        for path in ("/projekt", f"/projekt/{uuid.uuid4()}"):
            answer = await browser.get(path)
            assert answer.status_code == 503 and "Projekttjänsten svarar inte just nu" in text(answer), path
            assert f'href="{path}"' in answer.text  # "try again" leads back here
