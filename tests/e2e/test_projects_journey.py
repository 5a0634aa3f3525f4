"""A Danish installer's project in a real browser, with the real gateway, identity, GIS, cases and projects
(seed 004, ADR 0007): the team of Kystnet signs in (the portal speaks Danish to it), makes a project and a
group of row houses, downloads the group's Excel template, fills in two addresses of Kystnet's area and
uploads it, follows the import to 2 of 2 and finds both cases in the group; selects them (click, Ctrl-
click, Shift-click), is offered only the actions allowed for both, cancels them and reads each case's
outcome. A file with wrong rows creates nothing and lists every wrong row."""

import asyncio
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.async_api import Page, expect

from servicekit.infra import Mailbox
from tests.e2e.browser_helpers import log_in
from tests.e2e.project_helpers import (
    KYSTNET_ADMIN,
    KYSTNET_TOWN,
    NEW_TEAM_PASSWORD,
    bearer,
    found_addresses,
    kystnet_team,
    row_values,
)
from tests.e2e.system import RunningSystem

pytestmark = pytest.mark.e2e

FIRST_DATA_ROW = 3  # the template: labels in row 1, the fields' names in hidden row 2


def filled_template(template: Path, rows: list[dict[str, str]], into: Path) -> Path:
    """The downloaded template with `rows` typed in under its headings, as a user fills it in Excel."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[2] if cell.value}
    for offset, values in enumerate(rows):
        for name, value in values.items():
            sheet.cell(row=FIRST_DATA_ROW + offset, column=column[name], value=value)
    workbook.save(into)
    return into


async def enabled_actions(page: Page) -> list[str]:
    return await page.locator("#bulk-action option:not([disabled])").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )


async def rows_listed(page: Page, count: int, timeout: float = 60) -> None:
    """Projects learns of its cases from the case events: the page is reloaded until it shows them."""
    deadline = asyncio.get_running_loop().time() + timeout
    while await page.locator("tr[data-case-row]").count() < count:
        assert asyncio.get_running_loop().time() < deadline, "the cases never appeared in the project"
        await asyncio.sleep(0.5)
        await page.reload()


async def test_a_danish_installer_imports_two_addresses_and_cancels_both(
    page: Page, system_with_projects: RunningSystem, mailbox: Mailbox, tmp_path: Path
) -> None:
    system = system_with_projects
    portal = system.portal_url
    installer = await kystnet_team(system, mailbox)
    addresses = await found_addresses(
        system, "kystnet", KYSTNET_TOWN, 2, token=await bearer(system, KYSTNET_ADMIN)
    )
    await log_in(page, portal, installer, NEW_TEAM_PASSWORD)

    # "Projekter": a new project, then a group of row houses in it (the team speaks Danish).
    nav = page.get_by_role("navigation", name="Hovedmenu")
    await nav.get_by_role("link", name="Projekter", exact=True).click()
    await expect(page.get_by_role("heading", name="Projekter", exact=True)).to_be_visible()
    await page.locator("#project-name").fill("Solbakken")
    await page.get_by_role("button", name="Opret projekt").click()
    await expect(page.locator("[data-project-name]")).to_have_text("Solbakken")
    await expect(page.locator("[data-notice]")).to_have_text(
        "Projektet er oprettet. Tilføj en gruppe til sagerne."
    )
    await page.locator("#group-name").fill("Rækkehuse")
    await page.locator("#group-type").select_option(label="Rækkehuse")
    await page.get_by_role("button", name="Opret gruppe").click()
    group = page.locator("[data-group]", has=page.locator("[data-group-name]", has_text="Rækkehuse"))
    await expect(group.locator("[data-group-type]")).to_have_text("Rækkehuse")
    await expect(group.locator("[data-group-empty]")).to_be_visible()

    # The group's template, downloaded, filled in with two of Kystnet's addresses and uploaded.
    await group.locator("[data-add-addresses] summary").click()
    async with page.expect_download() as download_info:
        await group.locator("[data-template-link]").click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    template = tmp_path / "skabelon.xlsx"
    await download.save_as(template)
    rows = [
        row_values(address, owner)
        for address, owner in zip(addresses, ("Mette Jensen", "Jens Hansen"), strict=True)
    ]
    await group.locator("[data-upload-form] input[type=file]").set_input_files(
        filled_template(template, rows, tmp_path / "adresser.xlsx")
    )
    await group.get_by_role("button", name="Upload", exact=True).click()

    # The import's page follows it to 2 of 2, then lists each row's case.
    await expect(page.get_by_role("heading", name="Import af adresser: Rækkehuse")).to_be_visible()
    progress = page.locator("[data-job-progress]")
    await expect(progress).to_have_attribute("data-handled", "2", timeout=60_000)
    await expect(progress).to_have_attribute("data-total", "2")
    await expect(progress).to_contain_text("2 af 2 behandlet: 2 udført, 0 mislykkedes")
    await expect(page.locator("[data-job-state=finished]")).to_be_visible(timeout=30_000)
    items = page.locator("[data-job-items] tbody tr")
    await expect(items).to_have_count(2)
    await expect(items.filter(has_text="Udført")).to_have_count(2)
    numbers = sorted(await page.locator("[data-job-items] [data-case-number]").all_inner_texts())
    assert len(numbers) == 2 and all(re.fullmatch(r"KN-\d{7}", number) for number in numbers), numbers

    # Both cases in the group, numbered, sent (NY).
    await page.get_by_role("link", name="Til projektet").click()
    await rows_listed(page, 2)
    case_rows = page.locator("tr[data-case-row]")
    assert sorted(await page.locator("tr[data-case-row] [data-case-number]").all_inner_texts()) == numbers
    await expect(page.locator("tr[data-case-row] [data-case-status]")).to_have_text(["NY", "NY"])
    first, second = case_rows.nth(0), case_rows.nth(1)
    count = page.locator("[data-selected-count]")

    # Selecting: a click takes one row, Ctrl-click adds one, Shift-click takes the rows in between.
    await first.locator("[data-case-address]").click()
    await expect(count).to_have_text("1 sag valgt")
    await second.locator("[data-case-address]").click(modifiers=["Control"])
    await expect(count).to_have_text("2 sager valgt")
    await expect(first).to_have_attribute("aria-selected", "true")
    await expect(second).to_have_attribute("aria-selected", "true")
    await second.locator("[data-case-address]").click()
    await expect(count).to_have_text("1 sag valgt")
    await first.locator("[data-case-address]").click(modifiers=["Shift"])
    await expect(count).to_have_text("2 sager valgt")
    await second.locator("[data-case-address]").click(modifiers=["Control"])  # Ctrl-click takes it out
    await expect(count).to_have_text("1 sag valgt")
    await second.locator("[data-case-address]").click(modifiers=["Control"])
    await expect(count).to_have_text("2 sager valgt")

    # Only what both allow: a new case may be cancelled or moved to a colleague, not be ready for meter.
    assert await enabled_actions(page) == ["cancel", "change_installer"]
    await expect(page.locator("[data-reason-field]")).to_be_hidden()
    await page.locator("#bulk-action").select_option("cancel")
    await expect(page.locator("[data-reason-field]")).to_be_visible()
    await expect(page.locator("[data-target-field=installer]")).to_be_hidden()
    await page.locator("#bulk-reason").fill("Bygherren har opgivet byggeriet.")
    await page.get_by_role("button", name="Udfør", exact=True).click()

    # The cancellation's page: 2 of 2, and each case's outcome.
    await expect(page.get_by_role("heading", name="Massehandling: Annullér")).to_be_visible()
    await expect(page.locator("[data-job-progress]")).to_have_attribute("data-handled", "2", timeout=60_000)
    await expect(page.locator("[data-job-state=finished]")).to_be_visible(timeout=30_000)
    outcomes = page.locator("[data-job-items] tbody tr")
    await expect(outcomes).to_have_count(2)
    await expect(outcomes.filter(has_text="Udført")).to_have_count(2)
    assert sorted(await page.locator("[data-job-items] [data-case-number]").all_inner_texts()) == numbers

    await page.get_by_role("link", name="Til projektet").click()
    statuses = page.locator("tr[data-case-row] [data-case-status]")
    deadline = asyncio.get_running_loop().time() + 60
    while await statuses.all_inner_texts() != ["ANNULLERET", "ANNULLERET"]:
        assert asyncio.get_running_loop().time() < deadline, await statuses.all_inner_texts()
        await asyncio.sleep(0.5)
        await page.reload()
    # Cancelled cases allow nothing more on the team's side; "select all" takes the group's every case.
    await page.locator("[data-select-group]").check()
    await expect(count).to_have_text("2 sager valgt")
    assert await enabled_actions(page) == []
    await expect(page.locator("[data-no-common-action]")).to_be_visible()
    await expect(page.locator("[data-bulk-submit]")).to_be_disabled()

    # A file with wrong rows: nothing is created, and every wrong row is listed with its cells.
    group = page.locator("[data-group]", has=page.locator("[data-group-name]", has_text="Rækkehuse"))
    wrong = [
        row_values(addresses[0]) | {"street": "Findesikkevej 999"},
        row_values(addresses[1]) | {"main_fuse": "7"},
    ]
    await group.locator("[data-add-addresses] summary").click()
    await group.locator("[data-upload-form] input[type=file]").set_input_files(
        filled_template(template, wrong, tmp_path / "forkert.xlsx")
    )
    await group.get_by_role("button", name="Upload", exact=True).click()
    error = page.locator("[data-upload-error]")
    await expect(error).to_contain_text("2 rækker i filen er forkerte, så ingen sager blev oprettet.")
    wrong_rows = await error.locator("[data-import-error]").evaluate_all(
        "rows => rows.map(r => r.dataset.row)"
    )
    assert set(wrong_rows) == {"3", "4"}, wrong_rows
    await expect(page.locator("tr[data-case-row]")).to_have_count(2)  # still only the two cancelled
