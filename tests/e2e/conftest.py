"""The browser harness: Playwright driving Debian's Chromium (browsers cannot be downloaded here).

PORTAL_CHROMIUM names the executable (`.ci/run` sets it); else `chromium` on PATH. A missing browser is
a failure with the command that fixes it, never a skip.
"""

import os
import shutil
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page, async_playwright


def chromium_executable() -> str:
    executable = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium")
    if not executable or not os.access(executable, os.X_OK):
        pytest.fail("Chromium is missing: apt-get install chromium, or set PORTAL_CHROMIUM to its path")
    return executable


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_executable(),
            # root in CI containers needs --no-sandbox; /dev/shm is small there.
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield browser
        await browser.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = await context.new_page()
    yield page
    await context.close()
