"""A browser's view of the portal for page tests: signing in through the login form, posting forms
with the page's CSRF token, reading pages as text, waiting for mails; and applying for a team."""

import asyncio
import html
import re
import uuid
from email.message import EmailMessage
from typing import Any

import httpx

from servicekit.infra import Mailbox
from servicekit.testing.plugin import unique_email

HTML = {"accept": "text/html"}
SUNDKRAFT_ADMIN = "admin@sundkraft.example.com"
KYSTNET_ADMIN = "admin@kystnet.example.com"
TEAM_ADMIN = "teamadmin@demo-el.example.com"
INSTALLER = "installer@demo-el.example.com"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF field"
    return match.group(1)


def text(response: httpx.Response) -> str:
    """The page as a reader sees its characters (entities decoded)."""
    return html.unescape(response.text)


def field_error(response: httpx.Response, field: str) -> str:
    """The message shown next to `field` (the element its input's aria-describedby names)."""
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', response.text), f"{field} is not marked"
    match = re.search(rf'<p class="field-error" id="{field}-error"[^>]*>([^<]*)</p>', response.text)
    assert match, f"no message next to {field}"
    return html.unescape(match.group(1))


def portal(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, headers=HTML, timeout=30.0)


async def log_in(browser: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    form = await browser.get("/logga-in")
    return await browser.post(
        "/logga-in",
        data={"email": email, "password": password, "next": "/", "csrf_token": csrf_token(form.text)},
    )


async def post_form(
    browser: httpx.AsyncClient, page: str, action: str, data: dict[str, Any]
) -> httpx.Response:
    """Submit a form of `page` to `action` as a browser would: with the CSRF token the page carries."""
    shown = await browser.get(page)
    assert shown.status_code == 200, shown.text
    return await browser.post(action, data={**data, "csrf_token": csrf_token(shown.text)})


async def apply_for_team(identity_url: str, **overrides: Any) -> tuple[uuid.UUID, str]:
    """A valid application to Sundkraft, sent as the registration page sends it; (its id, contact e-mail)."""
    data: dict[str, Any] = {
        "dso_id": "sundkraft",
        "company_name": "Elfirma Solgatan AB",
        "organisation_number": "556036-0793",
        "sole_trader": "false",
        "street": "Solgatan 1",
        "postcode": "252 25",
        "city": "Helsingborg",
        "authorisations": ["electricity", "biogas"],
        "contact_name": "Anna Karlsson",
        "contact_email": unique_email("anna"),
        "contact_mobile": "070-123 45 67",
        "language": "sv",
        "gdpr_consent": "true",
        **overrides,
    }
    files = {"certificate": ("auktorisationsbevis.pdf", PDF, "application/pdf")}
    async with httpx.AsyncClient(base_url=identity_url) as client:
        response = await client.post("/team-applications", data=data, files=files)
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["id"]), data["contact_email"]


async def mail_to(mailbox: Mailbox, recipient: str, count: int = 1) -> list[EmailMessage]:
    def to_recipient(mail: EmailMessage) -> bool:
        return mail["To"] == recipient

    return await asyncio.to_thread(mailbox.wait_for, to_recipient, timeout=60, count=count)


def plain_text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")
