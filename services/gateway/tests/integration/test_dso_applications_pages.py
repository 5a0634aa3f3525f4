"""A DSO admin's "Teamansökningar" through the portal's pages: the list, an application's details and
certificate, approving (identity registers the team; its administrator is mailed a set-password link)
or rejecting with a reason — and nobody else reaching them: not another DSO's admin, nor an installer."""

import re

import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from tests.e2e.system import RunningSystem

from .portal_helpers import (
    INSTALLER,
    KYSTNET_ADMIN,
    PDF,
    SUNDKRAFT_ADMIN,
    TEAM_ADMIN,
    apply_for_team,
    csrf_token,
    field_error,
    log_in,
    mail_to,
    plain_text,
    portal,
    post_form,
    text,
)

pytestmark = pytest.mark.integration


async def test_a_dso_admin_finds_the_application_reads_it_and_approves_it(
    system: RunningSystem, mailbox: Mailbox
) -> None:
    application_id, contact_email = await apply_for_team(system.identity_url)
    decided_id, _ = await apply_for_team(
        system.identity_url, company_name="Gamla Elbolaget AB", organisation_number="556016-0680"
    )
    async with portal(system.portal_url) as browser:
        assert (await log_in(browser, SUNDKRAFT_ADMIN, DEMO_PASSWORD)).status_code == 303
        assert 'href="/dso/ansokningar"' in (await browser.get("/")).text  # in the user menu
        await post_form(
            browser,
            f"/dso/ansokningar/{decided_id}",
            f"/dso/ansokningar/{decided_id}/avsla",
            {"reason": "Fel"},
        )

        listed = await browser.get("/dso/ansokningar")
        assert listed.status_code == 200
        page = text(listed)
        # Undecided first, though the decided one is newer: the admin sees what waits for them on top.
        assert page.index("Elfirma Solgatan AB") < page.index("Gamla Elbolaget AB")
        assert "556036-0793" in page
        assert "Väntar på beslut" in page and "Avslagen" in page
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", page)  # submitted, in Swedish time
        assert f'href="/dso/ansokningar/{application_id}"' in listed.text

        pending = text(await browser.get("/dso/ansokningar?status=submitted"))
        assert "Elfirma Solgatan AB" in pending and "Gamla Elbolaget AB" not in pending
        rejected = text(await browser.get("/dso/ansokningar?status=rejected"))
        assert "Gamla Elbolaget AB" in rejected and "Elfirma Solgatan AB" not in rejected

        details = await browser.get(f"/dso/ansokningar/{application_id}")
        shown = text(details)
        for fact in (
            "Elfirma Solgatan AB", "556036-0793", "Solgatan 1", "252 25 Helsingborg", "El, Biogas",
            "Anna Karlsson", contact_email, "+46701234567", "Ansökan och beviset är oförändrade",
            "auktorisationsbevis.pdf",
        ):  # fmt: skip
            assert fact in shown, fact
        assert "Enskild firma" in shown and "Nej" in shown

        certificate = await browser.get(f"/dso/ansokningar/{application_id}/bevis")
        assert certificate.status_code == 200
        assert certificate.content == PDF
        assert certificate.headers["content-type"] == "application/pdf"
        assert certificate.headers["content-disposition"].startswith("inline;")
        assert "auktorisationsbevis.pdf" in certificate.headers["content-disposition"]
        assert certificate.headers["x-content-type-options"] == "nosniff"
        assert "script-src" not in certificate.headers["content-security-policy"]  # nothing may run

        approved = await browser.post(
            f"/dso/ansokningar/{application_id}/godkann", data={"csrf_token": csrf_token(details.text)}
        )
        assert approved.status_code == 303
        assert approved.headers["location"] == f"/dso/ansokningar/{application_id}?notis=approved"
        after = text(await browser.get(approved.headers["location"]))
        assert "Ansökan är godkänd." in after
        assert "Godkänd" in after and "Beslutad" in after
        assert "Beslutad av" in after and "Sara Lind" in after  # the demo DSO admin who decided
        assert "Godkänn ansökan" not in after  # no decision forms once decided

        again = await browser.post(
            f"/dso/ansokningar/{application_id}/godkann", data={"csrf_token": csrf_token(details.text)}
        )  # a second tab still showing the forms
        assert again.status_code == 409
        assert "Ansökan är redan godkänd, så den kan inte beslutas igen." in text(again)

        duplicate_id, _ = await apply_for_team(system.identity_url)  # the same company applies again
        duplicate = f"/dso/ansokningar/{duplicate_id}"
        refused = await post_form(browser, duplicate, f"{duplicate}/godkann", {})
        assert refused.status_code == 409
        assert "ett team med det här organisationsnumret är redan registrerat hos er" in text(refused)
        assert "Väntar på beslut" in text(refused)  # still to be rejected, with a reason

    mails = await mail_to(mailbox, contact_email, count=2)  # the receipt, then the approval
    [welcome] = [mail for mail in mails if "godkänt" in mail["Subject"]]
    assert "Elfirma Solgatan AB" in welcome["Subject"]
    assert "/losenord/" in plain_text(welcome)


async def test_rejecting_needs_a_reason_which_the_applicant_is_mailed(
    system: RunningSystem, mailbox: Mailbox
) -> None:
    application_id, contact_email = await apply_for_team(system.identity_url)
    page = f"/dso/ansokningar/{application_id}"
    async with portal(system.portal_url) as browser:
        await log_in(browser, SUNDKRAFT_ADMIN, DEMO_PASSWORD)

        blank = await post_form(browser, page, f"{page}/avsla", {"reason": "   "})
        assert blank.status_code == 422
        assert field_error(blank, "reason") == "Ange ett skäl till avslaget (högst 2000 tecken)."
        assert "Väntar på beslut" in text(await browser.get(page))

        too_long = await post_form(browser, page, f"{page}/avsla", {"reason": "x" * 2001})
        assert too_long.status_code == 422
        assert "x" * 2001 in too_long.text  # what was typed is kept to shorten

        reason = "Auktorisationsbeviset har gått ut <2025-12-31> & måste förnyas."
        rejected = await post_form(browser, page, f"{page}/avsla", {"reason": reason})
        assert rejected.status_code == 303
        after = await browser.get(rejected.headers["location"])
        assert "Ansökan är avslagen. Den sökande får ett mejl med skälet." in text(after)
        assert "Auktorisationsbeviset har gått ut &lt;2025-12-31&gt; &amp; måste förnyas." in after.text

        stale_tab = await post_form(browser, page, f"{page}/godkann", {})
        assert stale_tab.status_code == 409
        assert "Ansökan är redan avslagen, så den kan inte beslutas igen." in text(stale_tab)

    mails = await mail_to(mailbox, contact_email, count=2)  # the receipt, then the rejection
    [rejection] = [mail for mail in mails if "avslag" in mail["Subject"]]
    assert "Elfirma Solgatan AB" in rejection["Subject"]
    assert reason in plain_text(rejection)


async def test_nobody_but_the_dsos_own_admin_reaches_its_applications(system: RunningSystem) -> None:
    application_id, _ = await apply_for_team(system.identity_url)
    page = f"/dso/ansokningar/{application_id}"
    async with portal(system.portal_url) as anonymous:
        to_login = await anonymous.get(page)
        assert to_login.status_code == 303
        assert to_login.headers["location"] == f"/logga-in?next={page}"

    async with portal(system.portal_url) as other_dso:
        await log_in(other_dso, KYSTNET_ADMIN, DEMO_PASSWORD)
        assert "Elfirma Solgatan AB" not in text(await other_dso.get("/dso/ansokningar"))
        for path in (page, f"{page}/bevis", "/dso/ansokningar/not-an-id"):
            refused = await other_dso.get(path)
            assert refused.status_code == 404, path
            assert "Siden findes ikke" in text(refused)  # Mette's portal speaks Danish
        token = csrf_token((await other_dso.get("/dso/ansokningar")).text)
        approve = await other_dso.post(f"{page}/godkann", data={"csrf_token": token})
        assert approve.status_code == 404

    for email in (INSTALLER, TEAM_ADMIN):
        async with portal(system.portal_url) as team_member:
            await log_in(team_member, email, DEMO_PASSWORD)
            assert 'href="/dso/ansokningar"' not in (await team_member.get("/")).text
            for path in ("/dso/ansokningar", page, f"{page}/bevis"):
                refused = await team_member.get(path)
                assert refused.status_code == 403, (email, path)
                assert "Ingen behörighet" in text(refused)

    async with portal(system.portal_url) as admin:
        await log_in(admin, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        forged = await admin.post(f"{page}/godkann")  # another site's form: no CSRF token
        assert forged.status_code == 403
        wrong = await admin.post(f"{page}/avsla", data={"reason": "x", "csrf_token": "guess"})
        assert wrong.status_code == 403
        assert "Väntar på beslut" in text(await admin.get(page))  # still undecided
