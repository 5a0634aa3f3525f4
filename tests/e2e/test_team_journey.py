"""A team's whole start in a real browser: an installer applies, the grid company's admin approves, the
team admin sets a password from the mail and adds a resource, who sets a password and logs in, and who,
once deactivated by the admin, is refused at the next request."""

import asyncio
import re
from email.message import EmailMessage

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from servicekit.testing.plugin import unique_email
from tests.e2e.browser_helpers import log_in
from tests.e2e.system import RunningSystem

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DSO_ADMIN = "admin@sundkraft.example.com"
ADMIN_PASSWORD = "Solgatan 1 har tre säkringar"
RESOURCE_PASSWORD = "Molngatan sju, mätarskåpet"


async def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    """One person at their own computer: a browser context of their own (own cookies)."""
    context = await browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context, await context.new_page()


async def set_password_from_mail(page: Page, mailbox: Mailbox, recipient: str, password: str) -> None:
    def link_for_recipient(mail: EmailMessage) -> bool:
        body = mail.get_body(preferencelist=("plain",))
        return mail["To"] == recipient and body is not None and "/losenord/" in body.get_content()

    mails = await asyncio.to_thread(mailbox.wait_for, link_for_recipient, timeout=60)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    body = mails[0].get_body(preferencelist=("plain",))
    assert body is not None
    link = re.search(r"https?://\S+/losenord/\S+", body.get_content())
    assert link, body.get_content()
    await page.goto(link.group(0))
    await page.locator("#password").fill(password)
    await page.locator("#password_again").fill(password)
    await page.get_by_role("button", name="Spara lösenord").click()
    await expect(page.get_by_text("Ditt lösenord är sparat.")).to_be_visible()


async def test_apply_approve_administer_and_deactivate(
    browser: Browser, system: RunningSystem, mailbox: Mailbox
) -> None:
    portal = system.portal_url
    team_admin_email, resource_email = unique_email("anna"), unique_email("erik")

    # An installer company applies for a team.
    applicant_context, applicant = await new_page(browser)
    await applicant.goto(f"{portal}/registrera-team")
    await applicant.get_by_label("Nätbolag du ansöker hos").select_option("sundkraft")
    await applicant.get_by_label("Företagsnamn").fill("Elfirma Regngatan AB")
    await applicant.get_by_label("Organisationsnummer").fill("556036-0793")
    await applicant.get_by_label("Gatuadress").fill("Regngatan 4")
    await applicant.get_by_label("Postnummer").fill("252 25")
    await applicant.get_by_label("Ort").fill("Helsingborg")
    await applicant.get_by_label("El", exact=True).check()
    await applicant.locator("#certificate").set_input_files(
        {"name": "auktorisation.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    await applicant.locator("#contact_name").fill("Anna Lindqvist")
    await applicant.locator("#contact_email").fill(team_admin_email)
    await applicant.locator("#contact_mobile").fill("070-123 45 67")
    await applicant.locator("input[name=gdpr_consent]").check()
    await applicant.get_by_role("button", name="Signera och ansök").click()
    await expect(applicant.get_by_role("heading", name="Tack för din ansökan")).to_be_visible()
    await applicant_context.close()

    # The grid company's admin approves it.
    dso_context, dso = await new_page(browser)
    await log_in(dso, portal, DSO_ADMIN, DEMO_PASSWORD)
    await dso.locator("[data-menu=user] summary").click()
    await dso.get_by_role("link", name="Teamansökningar").click()
    await dso.get_by_role("link", name="Elfirma Regngatan AB").click()
    await expect(dso.get_by_text("Ansökan och beviset är oförändrade sedan signeringen.")).to_be_visible()
    await dso.get_by_role("button", name="Godkänn ansökan").click()
    await expect(dso.get_by_text("Ansökan är godkänd.")).to_be_visible()
    await dso_context.close()

    # The team admin sets a password from the welcome mail, logs in and adds a resource.
    admin_context, admin = await new_page(browser)
    await set_password_from_mail(admin, mailbox, team_admin_email, ADMIN_PASSWORD)
    await log_in(admin, portal, team_admin_email, ADMIN_PASSWORD)
    await admin.locator("[data-menu=user] summary").click()
    await admin.get_by_role("link", name="Administrera team").click()
    await admin.get_by_role("link", name="Lägg till resurs").click()
    await admin.get_by_label("Förnamn").fill("Erik")
    await admin.get_by_label("Efternamn").fill("Holm")
    await admin.locator("#email").fill(resource_email)
    await admin.get_by_label("Mobilnummer").fill("070-765 43 21")
    await admin.get_by_label("El", exact=True).check()
    await admin.get_by_role("button", name="Lägg till", exact=True).click()
    await expect(admin.get_by_text("Resursen är tillagd")).to_be_visible()
    resource_row = admin.locator("tr", has_text=resource_email)
    await expect(resource_row.get_by_text("Har inte valt lösenord ännu")).to_be_visible()

    # The resource sets a password from its own mail and logs in.
    resource_context, resource = await new_page(browser)
    await set_password_from_mail(resource, mailbox, resource_email, RESOURCE_PASSWORD)
    await log_in(resource, portal, resource_email, RESOURCE_PASSWORD)
    await expect(resource.locator("[data-menu=user] summary")).to_contain_text("Erik Holm")
    await resource.goto(f"{portal}/konto/losenord")
    await expect(resource.get_by_role("heading", name="Byt lösenord")).to_be_visible()

    # The admin deactivates the resource; the resource's next request is refused.
    await admin.reload()
    resource_row = admin.locator("tr", has_text=resource_email)
    await resource_row.locator("summary", has_text="Inaktivera").click()
    await resource_row.get_by_role("button", name="Ja, inaktivera").click()
    await expect(admin.get_by_text("Resursen är inaktiverad och utloggad.")).to_be_visible()
    await expect(admin.locator("tr", has_text=resource_email).get_by_text("Inaktiverad")).to_be_visible()

    await resource.goto(f"{portal}/konto/losenord")
    await expect(resource).to_have_url(re.compile(r"/logga-in"))
    await log_in_refused(resource, portal, resource_email, RESOURCE_PASSWORD)
    await resource_context.close()
    await admin_context.close()


async def log_in_refused(page: Page, portal_url: str, email: str, password: str) -> None:
    await page.goto(f"{portal_url}/logga-in")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(password)
    await page.locator("main").get_by_role("button", name="Logga in").click()
    await expect(page.get_by_text("Fel e-postadress eller lösenord.")).to_be_visible()
