"""Logging in and out, forgotten and changed passwords, through the portal's pages as a browser sends
them: gateway → identity (→ Kafka → notifications → SMTP sink for the links)."""

import asyncio
import html
import re
from email.message import EmailMessage

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from tests.e2e.system import RunningSystem

pytestmark = pytest.mark.integration

TEAM_ADMIN = "teamadmin@demo-el.example.com"
INSTALLER = "installer@demo-el.example.com"
NEW_PASSWORD = "Ljusblå elmätare vid Solgatan"


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF field"
    return match.group(1)


def page_text(response: httpx.Response) -> str:
    return html.unescape(response.text)


async def log_in(browser: httpx.AsyncClient, email: str, password: str, next: str = "/") -> httpx.Response:
    form = await browser.get("/logga-in")
    return await browser.post(
        "/logga-in",
        data={"email": email, "password": password, "next": next, "csrf_token": csrf_token(form.text)},
    )


async def post_form(browser: httpx.AsyncClient, page: str, data: dict[str, str]) -> httpx.Response:
    """Submit the form on `page` as a browser would: with the CSRF token the page carries."""
    form = await browser.get(page)
    return await browser.post(page, data={**data, "csrf_token": csrf_token(form.text)})


async def is_signed_in(browser: httpx.AsyncClient) -> bool:
    """A signed-in page answers; an anonymous visitor is sent to the login page."""
    response = await browser.get("/konto/losenord")
    return response.status_code == 200


async def link_in_mail(mailbox: Mailbox, recipient: str, earlier: int) -> str:
    """The link in the newest mail to a demo address (which other tests and runs mail too)."""

    def to_recipient(mail: EmailMessage) -> bool:
        return mail["To"] == recipient

    mails = await asyncio.to_thread(mailbox.wait_for, to_recipient, timeout=60, count=earlier + 1)
    mail = mails[-1]
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    match = re.search(r"https?://\S+(/losenord/[A-Za-z0-9_\-]+)", body.get_content())
    assert match, "the mail has no set-password link"
    return match.group(1)


async def test_a_user_logs_in_sees_their_menu_and_logs_out(system: RunningSystem) -> None:
    async with httpx.AsyncClient(base_url=system.portal_url) as browser:
        assert not await is_signed_in(browser)
        signed_in = await log_in(browser, TEAM_ADMIN, DEMO_PASSWORD, next="/arenden")
        assert signed_in.status_code == 303
        assert signed_in.headers["location"] == "/arenden"

        home = page_text(await browser.get("/"))
        assert "Anna Andersson" in home
        assert 'href="/team/resurser"' in home  # a team admin administers the team
        assert 'href="/dso/ansokningar"' not in home
        assert await is_signed_in(browser)

        home_page = await browser.get("/")
        logged_out = await browser.post("/logga-ut", data={"csrf_token": csrf_token(home_page.text)})
        assert logged_out.status_code == 303
        assert not await is_signed_in(browser)
        assert "Anna Andersson" not in page_text(await browser.get("/"))


async def test_login_never_tells_which_part_was_wrong_and_stops_guessing(system: RunningSystem) -> None:
    async with httpx.AsyncClient(base_url=system.portal_url) as browser:
        wrong_password = await log_in(browser, INSTALLER, "not the password at all")
        unknown_address = await log_in(browser, "nobody@demo-el.example.com", DEMO_PASSWORD)
        for refused in (wrong_password, unknown_address):
            assert refused.status_code == 401
            assert "Fel e-postadress eller lösenord." in page_text(refused)
        assert 'value="nobody@demo-el.example.com"' in unknown_address.text  # what was typed stays

        for _ in range(9):  # ten failures in all for this account
            assert (await log_in(browser, INSTALLER, "still not the password")).status_code == 401
        throttled = await log_in(browser, INSTALLER, DEMO_PASSWORD)  # even the right password now
        assert throttled.status_code == 429
        assert re.search(r"Försök igen om \d+ minuter", page_text(throttled))
        assert not await is_signed_in(browser)

        other_account = await log_in(browser, TEAM_ADMIN, DEMO_PASSWORD)
        assert other_account.status_code == 303  # one account's lock-out does not lock out others


async def test_a_forgotten_password_is_replaced_through_a_mailed_link_used_once(
    system: RunningSystem, mailbox: Mailbox
) -> None:
    earlier = sum(m["To"] == INSTALLER for m in mailbox.messages())
    async with httpx.AsyncClient(base_url=system.portal_url) as browser:
        known = await post_form(browser, "/glomt-losenord", {"email": INSTALLER})
        unknown = await post_form(browser, "/glomt-losenord", {"email": "nobody@demo-el.example.com"})
        assert known.status_code == unknown.status_code == 200
        assert f"Om {INSTALLER} har ett konto har vi skickat en länk dit." in page_text(known)
        assert "Om nobody@demo-el.example.com har ett konto" in page_text(unknown)

        link = await link_in_mail(mailbox, INSTALLER, earlier)
        mismatch = await post_form(
            browser, link, {"password": NEW_PASSWORD, "password_again": "something else"}
        )
        assert "Lösenorden är inte lika." in page_text(mismatch)
        too_short = await post_form(browser, link, {"password": "kort", "password_again": "kort"})
        assert too_short.status_code == 422
        assert "12" in page_text(too_short)  # the rule that was broken is named

        done = await post_form(browser, link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
        assert done.status_code == 200
        assert "Ditt lösenord är sparat." in page_text(done)
        again = await post_form(browser, link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
        assert "Länken har redan använts eller gått ut." in page_text(again)

        assert (await log_in(browser, INSTALLER, DEMO_PASSWORD)).status_code == 401
        assert (await log_in(browser, INSTALLER, NEW_PASSWORD)).status_code == 303
    assert not [m for m in mailbox.messages() if m["To"] == "nobody@demo-el.example.com"]
    assert sum(m["To"] == INSTALLER for m in mailbox.messages()) == earlier + 1


async def test_changing_the_password_keeps_this_login_and_ends_the_others(system: RunningSystem) -> None:
    async with (
        httpx.AsyncClient(base_url=system.portal_url) as laptop,
        httpx.AsyncClient(base_url=system.portal_url) as phone,
    ):
        assert (await log_in(laptop, TEAM_ADMIN, DEMO_PASSWORD)).status_code == 303
        assert (await log_in(phone, TEAM_ADMIN, DEMO_PASSWORD)).status_code == 303

        wrong_current = await post_form(
            laptop,
            "/konto/losenord",
            {"current_password": "a guess", "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD},
        )
        assert "Det nuvarande lösenordet stämmer inte." in page_text(wrong_current)
        changed = await post_form(
            laptop,
            "/konto/losenord",
            {
                "current_password": DEMO_PASSWORD,
                "new_password": NEW_PASSWORD,
                "new_password_again": NEW_PASSWORD,
            },
        )
        assert "Ditt lösenord är bytt." in page_text(changed)

        assert await is_signed_in(laptop)
        for _ in range(100):  # the other login ends when the event reaches the gateway
            if not await is_signed_in(phone):
                break
            await asyncio.sleep(0.1)
        assert not await is_signed_in(phone)
        assert await is_signed_in(laptop)
