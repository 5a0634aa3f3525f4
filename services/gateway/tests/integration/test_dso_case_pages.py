"""The grid company's side of the case pages against the real identity, GIS, cases and notifications:
the queue with its filters and columns, taking a case, notes both ways with read state, a status move
with a reason, and the bell. Another DSO's staff find nothing; installers never see the handling."""

import asyncio
import html
import re
from collections.abc import AsyncIterator

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from tests.e2e.system import RunningSystem

from .case_helpers import bearer, cases_api, sent_case
from .portal_helpers import INSTALLER, csrf_token, log_in, portal

pytestmark = pytest.mark.integration

HANDLER = "handlaggare@sundkraft.example.com"


async def _signed_in(url: str, email: str) -> httpx.AsyncClient:
    browser = portal(url)
    assert (await log_in(browser, email, DEMO_PASSWORD)).status_code == 303
    return browser


@pytest.fixture
async def sides(
    shared_system: RunningSystem,
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    installer = await _signed_in(shared_system.portal_url, INSTALLER)
    handler = await _signed_in(shared_system.portal_url, HANDLER)
    yield installer, handler
    await installer.aclose()
    await handler.aclose()


async def _post(browser: httpx.AsyncClient, page: str, action: str, data: dict[str, str]) -> httpx.Response:
    shown = await browser.get(page)
    assert shown.status_code == 200, shown.text
    version = re.search(r'name="version" value="(\d+)"', shown.text)
    fields = {"version": version.group(1)} if version else {}
    return await browser.post(action, data={**fields, **data, "csrf_token": csrf_token(shown.text)})


async def test_the_handler_takes_a_case_and_both_sides_write_notes(
    shared_system: RunningSystem, sides: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    installer, handler = sides
    async with cases_api(shared_system) as cases:
        case = await sent_case(cases, await bearer(shared_system, INSTALLER))
    page = f"/arenden/{case['id']}"

    queue = await handler.get("/arenden", params={"handler": "none"})
    assert queue.status_code == 200 and "Inkomna ärenden" in queue.text
    assert f'data-case-id="{case["id"]}"' in queue.text and "Handläggare" in queue.text
    assert "/utkast" not in queue.text  # no drafts, no "Skapa" for the DSO

    taken = await _post(handler, page, f"{page}/handlaggare", {"handler_id": "me"})
    assert taken.status_code == 303
    shown = await handler.get(page)
    assert re.search(r"data-handler>\s*Lars Holm", shown.text)
    mine = await handler.get("/arenden", params={"handler": "me"})
    assert f'data-case-id="{case["id"]}"' in mine.text
    assert (
        f'data-case-id="{case["id"]}"' not in (await handler.get("/arenden", params={"handler": "none"})).text
    )

    asked = await _post(handler, page, f"{page}/anteckningar", {"body": "Behöver en bild på mätarskåpet."})
    assert asked.status_code == 303
    listed = await installer.get("/arenden")
    assert 'data-unread-notes="1"' in listed.text  # the team's list counts the DSO's unread note
    seen = await installer.get(page)
    assert "Behöver en bild på mätarskåpet." in seen.text and "data-note-new" in seen.text
    assert 'data-unread-notes="1"' not in (await installer.get("/arenden")).text  # showing it read it
    assert "data-handling" not in seen.text  # the handling is the DSO's

    answered = await _post(installer, page, f"{page}/anteckningar", {"body": "Kommer i eftermiddag."})
    assert answered.status_code == 303
    thread = await handler.get(f"{page}/anteckningar")
    assert "Kommer i eftermiddag." in thread.text
    assert 'data-note-read="true"' in thread.text  # the handler's own note was read by the team

    blank = await _post(handler, page, f"{page}/anteckningar", {"body": "   "})
    assert blank.status_code == 422 and "Skriv något först" in html.unescape(blank.text)

    refused = await _post(handler, page, f"{page}/status", {"to_status": "rejected", "reason": ""})
    assert refused.status_code == 422
    planned = await _post(handler, page, f"{page}/status", {"to_status": "planning"})
    assert planned.status_code == 303
    assert "PLANERING PÅGÅR" in (await installer.get(page)).text


async def test_another_dsos_staff_and_installers_cannot_handle_the_case(
    shared_system: RunningSystem, sides: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    installer, _ = sides
    async with cases_api(shared_system) as cases:
        case = await sent_case(cases, await bearer(shared_system, INSTALLER))
    page = f"/arenden/{case['id']}"
    other = await _signed_in(shared_system.portal_url, "handlaggare@kullabygden.example.com")
    try:
        assert (await other.get(page)).status_code == 404
        assert (await other.get(f"{page}/anteckningar")).status_code == 404
        assert f'data-case-id="{case["id"]}"' not in (await other.get("/arenden")).text
    finally:
        await other.aclose()
    taking = await _post(installer, page, f"{page}/handlaggare", {"handler_id": "me"})
    assert taking.status_code == 403
    async with portal(shared_system.portal_url) as visitor:
        assert (await visitor.get(f"{page}/anteckningar")).status_code == 303
        assert (await visitor.get("/live")).status_code == 401
        assert (await visitor.get("/notiser/antal")).json() == {"unread": 0}


async def test_the_bell_lists_notifications_and_marks_them_read(
    shared_system: RunningSystem, sides: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    installer, handler = sides
    async with cases_api(shared_system) as cases:
        case = await sent_case(cases, await bearer(shared_system, INSTALLER))
    page = f"/arenden/{case['id']}"
    before = (await installer.get("/notiser/antal")).json()["unread"]
    assert (await _post(handler, page, f"{page}/anteckningar", {"body": "Hej"})).status_code == 303

    for _ in range(100):  # the note travels through the broker to notifications
        count = (await installer.get("/notiser/antal")).json()["unread"]
        if count == before + 1:
            break
        await asyncio.sleep(0.1)
    assert count == before + 1
    bell = await installer.get("/notiser")
    assert bell.status_code == 200 and case["case_number"] in bell.text
    notification = re.search(r'data-notification="([^"]+)"[^>]*data-kind="case_note"', bell.text)
    assert notification is not None
    opened = await installer.post(
        f"/notiser/{notification.group(1)}/las",
        data={"link": f"http://portal.example{page}", "csrf_token": csrf_token(bell.text)},
    )
    assert opened.status_code == 303 and opened.headers["location"] == page
    assert (await installer.get("/notiser/antal")).json()["unread"] == before

    preferences = await installer.get("/konto/notiser")
    assert preferences.status_code == 200 and 'data-kind="case_note"' in preferences.text
    saved = await installer.post(
        "/konto/notiser", data={"mail-case_status": "on", "csrf_token": csrf_token(preferences.text)}
    )
    assert saved.status_code == 303
    again = await installer.get("/konto/notiser")
    assert re.search(r'name="mail-case_note"\s+data-kind', again.text)  # unchecked now
    assert re.search(r'name="mail-case_status" checked', again.text)
