"""The portal's shell in a real browser: the header, the menus, the language switch, the session cookie,
and a map drawn by Leaflet served from the portal itself."""

import pytest
from playwright.async_api import Page, Request, expect

pytestmark = pytest.mark.e2e


async def test_a_visitor_sees_the_swedish_portal_with_its_own_map(page: Page, portal_url: str) -> None:
    requested: list[str] = []

    def remember(request: Request) -> None:
        requested.append(request.url)

    page.on("request", remember)
    await page.goto(portal_url)

    nav = page.get_by_role("navigation", name="Huvudmeny")
    for label in ("Karta", "Ärenden", "Utkast"):
        await expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    await expect(nav.get_by_role("link", name="Karta")).to_have_attribute("aria-current", "page")
    await expect(page.get_by_role("link", name="Logga in")).to_be_visible()

    await expect(page.locator("#map.leaflet-container")).to_be_visible()
    await expect(page.locator(".leaflet-control-zoom-in")).to_be_visible()
    assert await page.evaluate("window.L.version") == "1.9.4"
    assert requested and all(url.startswith(portal_url) for url in requested), requested


async def test_the_create_menu_lists_case_types_and_closes_on_escape(page: Page, portal_url: str) -> None:
    await page.goto(portal_url)
    create = page.locator("details[data-menu=create]")
    await create.locator("summary").click()
    await expect(create.get_by_role("link", name="Säkringsändring")).to_be_visible()
    await expect(create.get_by_role("link", name="ABA – produktionsanläggning")).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(create.get_by_role("link", name="Säkringsändring")).to_be_hidden()

    await create.locator("summary").click()
    await create.get_by_role("link", name="Nyanslutning").click()
    await expect(page).to_have_url(f"{portal_url}/logga-in?next=/arenden/nytt/new_connection")
    await expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


async def test_switching_to_danish_sticks_and_the_session_cookie_is_out_of_scripts_reach(
    page: Page, portal_url: str
) -> None:
    await page.goto(f"{portal_url}/utkast")  # anonymous: to the login page, which keeps the way back
    await page.get_by_role("button", name="Dansk").click()

    await expect(page.locator("html")).to_have_attribute("lang", "da")
    await expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    await page.get_by_role("link", name="Kort", exact=True).click()
    nav = page.get_by_role("navigation", name="Hovedmenu")
    await expect(nav.get_by_role("link", name="Sager", exact=True)).to_be_visible()
    await expect(page.get_by_role("button", name="Dansk")).to_have_attribute("aria-pressed", "true")

    cookies = {cookie["name"]: cookie for cookie in await page.context.cookies()}
    session = cookies["portal_session"]
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Lax"
    assert "portal_session" not in await page.evaluate("document.cookie")
