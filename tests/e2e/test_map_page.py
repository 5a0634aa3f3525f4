"""The map in a real browser, with the real gateway, identity and GIS: an installer sees the layers their
DSO allows, searches an address and the map flies there, switches a layer on, places a pin that names the
grid area and DSO and offers a case there, finds it again after a reload, and clears the pins."""

import re

import pytest
from playwright.async_api import Page, expect

from tests.e2e.browser_helpers import log_in
from tests.e2e.system import RunningSystem

pytestmark = pytest.mark.e2e


async def center(page: Page) -> tuple[float, float]:
    found = await page.evaluate(
        "(() => { const c = window.portalMap.getCenter(); return [c.lat, c.lng]; })()"
    )
    return float(found[0]), float(found[1])


async def test_search_fly_toggle_a_layer_and_place_and_clear_pins(
    page: Page, system_with_map: RunningSystem
) -> None:
    await log_in(page, system_with_map.portal_url)
    await page.goto(system_with_map.portal_url)
    map_element = page.locator("#map")
    await expect(map_element).to_have_attribute("data-layers-ready", "true")
    await expect(map_element).to_have_attribute("data-pins-ready", "true")
    offered = await page.locator("input[name=layer]").evaluate_all("boxes => boxes.map(b => b.value)")
    assert offered == ["grid_areas", "properties", "facilities", "addresses"]  # Sundkraft lets installers

    # Search as you type; the map flies to the chosen address.
    before = await center(page)
    search = page.locator("#address-search")
    await search.fill("Solgatan")
    first = page.locator("#address-option-0")
    await expect(first).to_be_visible()
    label = (await first.inner_text()).strip()
    assert label.startswith("Solgatan ")
    await search.press("ArrowDown")
    await expect(first).to_have_attribute("aria-selected", "true")
    await search.press("Enter")
    await expect(map_element).to_have_attribute("data-chosen-address", re.compile(r"^A\d+$"))  # its id
    await expect(search).to_have_value(label)
    await page.wait_for_function(
        "([lat, lng]) => { const c = window.portalMap.getCenter();"
        " return Math.abs(c.lat - lat) + Math.abs(c.lng - lng) > 0.0005; }",
        arg=list(before),
    )

    # The flight is animated: wait until the map has come to rest, as a user would before acting.
    await page.wait_for_function(
        "() => new Promise(done => { const a = window.portalMap.getCenter();"
        " setTimeout(() => done(a.equals(window.portalMap.getCenter())), 400); })"
    )

    # A layer switched on draws its features in view.
    addresses = page.locator("input[name=layer][value=addresses]")
    await addresses.check()
    label_of_addresses = page.locator("label", has=addresses)
    await expect(label_of_addresses).to_have_attribute("data-feature-count", re.compile(r"^[1-9]\d*$"))

    # A pin at the map's centre: saved, and its popup says where a case there would go.
    await page.locator("[data-action=place-pin]").click()
    await expect(map_element).to_have_attribute("data-pin-count", "1")
    marker = page.locator("img.leaflet-marker-icon.portal-pin")
    await expect(marker).to_have_count(1)
    await expect(marker).to_have_attribute("data-pin-id", re.compile(r".+"))  # saved
    await marker.click()
    popup = page.locator(".pin-popup")
    await expect(popup.locator("[data-dso]")).to_contain_text(
        re.compile(r"Sundkraft Elnät AB|Kullabygdens Energi AB")
    )
    await expect(popup.locator("[data-grid-area]")).to_be_visible()
    create_case = popup.locator("a[data-action=create-case]")
    await expect(create_case).to_have_attribute(
        "href", re.compile(r"^/arenden/nytt\?lon=12\.\d+&lat=56\.\d+")
    )

    # Pins are kept: after a reload the pin is there; "clear all" removes it for good.
    await page.reload()
    await expect(map_element).to_have_attribute("data-pins-ready", "true")
    await expect(map_element).to_have_attribute("data-pin-count", "1")
    page.once("dialog", lambda dialog: dialog.accept())
    await page.locator("[data-action=clear-pins]").click()
    await expect(map_element).to_have_attribute("data-pin-count", "0")
    await page.reload()
    await expect(map_element).to_have_attribute("data-pins-ready", "true")
    await expect(map_element).to_have_attribute("data-pin-count", "0")
    await expect(page.locator("img.leaflet-marker-icon.portal-pin")).to_have_count(0)
