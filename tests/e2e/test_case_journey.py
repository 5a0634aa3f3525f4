"""An installer's case from pin to number in a real browser, with the real gateway, identity, GIS and
cases: a pin on the map at a facility's address, "Skapa ärende här", a fuse change half filled, "Hämta
anl-data" by the facility's EAN with overwrite "no" (exactly the empty fields and the facility ids change,
what was typed stays), saved as a draft, found under Utkast, sent with every missing field listed at
once, completed ("Kopiera från ägare" for the payer), sent, found in Ärenden by part of its address, and
cancelled before the grid company started it."""

import functools
import re

import pytest
from playwright.async_api import Page, expect

from gis.domain.features import Facility
from tests.e2e.browser_helpers import log_in
from tests.e2e.system import SMALL_NETWORK, RunningSystem

pytestmark = pytest.mark.e2e

OWNER_FIELDS = ("owner_personal_number", "owner_street", "owner_postcode", "owner_city")
PAYER_FIELDS = ("payer_name", "payer_personal_number", "payer_street", "payer_postcode", "payer_city")


@functools.cache
def sundkraft_facility() -> Facility:
    """A metering point of the installer's DSO in the demo network GIS runs with, at an address that has
    no lettered neighbours (37A, 37B), so the pin's nearest address is the facility's own."""
    return next(
        facility
        for facility in SMALL_NETWORK().facilities
        if facility.dso_id == "sundkraft" and facility.house_number.isdigit()
    )


async def pin_at_address(page: Page, address: str, near: tuple[float, float]) -> None:
    """Search the address, let the map fly there (`near`: lon, lat) and come to rest, and place a pin at
    its centre."""
    map_element = page.locator("#map")
    await expect(map_element).to_have_attribute("data-pins-ready", "true")
    await page.locator("#address-search").fill(address)
    option = page.locator(
        "#address-suggestions [role=option]", has_text=re.compile(rf"^{re.escape(address)},")
    )
    await option.first.click()
    await expect(map_element).to_have_attribute("data-chosen-address", re.compile(r".+"))
    await page.wait_for_function(
        "([lon, lat]) => { const c = window.portalMap.getCenter();"
        " return Math.abs(c.lng - lon) + Math.abs(c.lat - lat) < 0.0005; }",
        arg=list(near),
    )
    await page.wait_for_function(
        "() => new Promise(done => { const a = window.portalMap.getCenter();"
        " setTimeout(() => done(a.equals(window.portalMap.getCenter())), 400); })"
    )
    await page.locator("[data-action=place-pin]").click()
    marker = page.locator("img.leaflet-marker-icon.portal-pin")
    await expect(marker).to_have_attribute("data-pin-id", re.compile(r".+"))  # saved
    await marker.click()


async def attribute_values(page: Page, selector: str, attribute: str) -> set[str]:
    found = await page.locator(selector).evaluate_all(f"els => els.map(e => e.getAttribute('{attribute}'))")
    return set(found)


async def test_pin_fetch_draft_send_with_all_missing_listed_and_find_it(
    page: Page, system_with_cases: RunningSystem
) -> None:
    portal = system_with_cases.portal_url
    facility = sundkraft_facility()
    address = f"{facility.street} {facility.house_number}"
    await log_in(page, portal)

    # A pin at the facility's address; its popup leads to a new case there.
    await page.goto(portal)
    await pin_at_address(page, address, (facility.point.x, facility.point.y))
    await page.locator(".pin-popup a[data-action=create-case]").click()
    await expect(page.locator("[data-place] [data-address]")).to_contain_text(address)
    await page.locator("[data-type-choices]").get_by_role("button", name="Säkringsändring").click()

    # The draft: the site comes from the place; the installer fills in a little.
    await expect(page.get_by_role("heading", name="Säkringsändring: utkast")).to_be_visible()
    await expect(page.locator("#field-street")).to_have_value(address)
    await expect(page.locator("#field-postcode")).to_have_value(facility.postcode)
    await page.locator("#field-new_main_fuse").select_option("63")
    await page.locator("#field-owner_name").fill("Anna Andersson")

    # "Hämta anl-data" by EAN, overwrite "no": only empty fields fill, plus the facility ids, always.
    await page.locator("#fetch-number").fill(facility.ean)
    await page.locator("input[name=fetch_overwrite][value=no]").check()
    await page.get_by_role("button", name="Hämta anl-data").click()
    await expect(page.locator("[data-changed-list]")).to_be_visible()
    expected = {"ean", "technical_number", "meter_number", "current_main_fuse"}
    assert await attribute_values(page, "[data-changed-field]", "data-changed-field") == expected
    marked = await attribute_values(page, "[data-changed=true]", "id")
    assert marked == {f"field-{name}" for name in expected}
    await expect(page.locator("[data-field=ean] [data-changed-mark]")).to_be_visible()
    await expect(page.locator("#field-ean")).to_have_value(facility.ean)
    await expect(page.locator("#field-meter_number")).to_have_value(facility.meter_number)
    await expect(page.locator("#field-current_main_fuse")).to_have_value(str(facility.main_fuse_amperes))
    await expect(page.locator("#field-owner_name")).to_have_value("Anna Andersson")  # typed: kept
    await expect(page.locator("#field-new_main_fuse")).to_have_value("63")

    await page.locator("#field-comment").fill("Byte till 63 A inför laddbox.")
    await page.get_by_role("button", name="Spara utkast", exact=True).click()
    await expect(page.locator("[data-notice]")).to_have_text("Utkastet är sparat.")

    # Under Utkast ("Sparade ärenden"), with the days it has left.
    await page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Utkast").click()
    await expect(page.get_by_role("heading", name="Sparade ärenden")).to_be_visible()
    row = page.locator("[data-draft-id]", has_text=address)
    await expect(row).to_have_count(1)
    await expect(row.locator("[data-expires]")).to_have_text("om 14 dagar")
    await row.get_by_role("link", name="Öppna").click()

    # Sent with fields missing: every one listed at once, each marked in the form.
    await expect(page.locator("#field-comment")).to_have_value("Byte till 63 A inför laddbox.")
    await page.get_by_role("button", name="Skicka", exact=True).click()
    missing = page.locator("[data-missing-list]")
    await expect(missing).to_be_visible()
    assert await attribute_values(page, "[data-missing]", "data-missing") == {*OWNER_FIELDS, *PAYER_FIELDS}
    for name in (*OWNER_FIELDS, *PAYER_FIELDS):
        await expect(page.locator(f"#field-{name}")).to_have_attribute("aria-invalid", "true")
        await expect(page.locator(f"#field-{name}-error")).to_contain_text("Obligatoriskt")

    # Completed: the owner typed, the payer copied from the owner.
    await page.locator("#field-owner_personal_number").fill("19700101-0000")
    await page.locator("#field-owner_street").fill(address)
    await page.locator("#field-owner_postcode").fill(facility.postcode)
    await page.locator("#field-owner_city").fill(facility.town)
    await page.get_by_role("button", name="Kopiera från ägare").click()
    assert await attribute_values(page, "[data-changed-field]", "data-changed-field") == set(PAYER_FIELDS)
    await expect(page.locator("#field-payer_name")).to_have_value("Anna Andersson")
    await page.get_by_role("button", name="Skicka", exact=True).click()

    # Sent: its number, read only.
    number = page.locator("[data-case-number]")
    await expect(number).to_have_text(re.compile(r"^SK-\d{7}$"))
    case_number = (await number.inner_text()).strip()
    await expect(page.locator("[data-notice]")).to_contain_text(case_number)
    await expect(page.locator("[data-status]")).to_have_text("NY")
    await expect(page.locator("[data-case-form]")).to_have_count(0)

    # In Ärenden, found by part of its address.
    await page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ärenden").click()
    await page.locator("#filter-q").fill(address)
    await page.get_by_role("button", name="Visa", exact=True).click()
    found = page.locator("[data-case-list] tbody tr")
    await expect(found).to_have_count(1)
    await expect(found.get_by_role("link", name=case_number)).to_be_visible()
    await expect(page.locator("[data-paging-text]")).to_have_text("Visar 1 till 1 av totalt 1 rader")
    assert "q=" in page.url  # the view is a link

    # The grid company has not started it: the installer may still cancel it, after confirming.
    await found.get_by_role("link", name=case_number).click()
    await page.locator("[data-move=cancelled] summary").click()
    await page.locator("#cancel-reason").fill("Kunden ångrade sig.")
    await page.get_by_role("button", name="Ja, makulera ärendet").click()
    await expect(page.locator("[data-status]")).to_have_text("MAKULERAT")
    cancelled = page.locator("[data-history-step=cancelled]")
    await expect(cancelled).to_contain_text("Kunden ångrade sig.")
    await expect(cancelled).to_contain_text("Erik Svensson")
    await expect(page.locator("[data-actions]")).to_have_count(0)
    await expect(page.locator("[data-upload-form]")).to_have_count(0)  # a finished case takes no files
