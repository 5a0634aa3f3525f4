"""What several browser journeys do the same way: sign in through the portal's own login page."""

from playwright.async_api import Page, expect

from identity.service_layer.demo import DEMO_PASSWORD

INSTALLER = "installer@demo-el.example.com"  # Demo El AB, a team at Sundkraft


async def log_in(page: Page, portal_url: str, email: str = INSTALLER, password: str = DEMO_PASSWORD) -> None:
    await page.goto(f"{portal_url}/logga-in")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(password)
    await page.locator("main").get_by_role("button", name="Logga in").click()
    await expect(page.locator("[data-menu=user] summary")).to_be_visible()
