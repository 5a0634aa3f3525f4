"""A DSO admin's "Handläggare" through the portal's pages: the DSO's handlers and admins, adding one (who
is mailed a welcome link and signs in with it), identity's refusals next to the fields with the input
kept, changing one, deactivating and reactivating — never oneself, never another DSO's staff — and
nobody but a DSO admin reaching the pages."""

import re

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from servicekit.testing.plugin import unique_email
from tests.e2e.system import RunningSystem

from .portal_helpers import (
    INSTALLER,
    KYSTNET_ADMIN,
    SUNDKRAFT_ADMIN,
    TEAM_ADMIN,
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

LIST = "/dso/handlaggare"
NEW = "/dso/handlaggare/ny"
SUNDKRAFT_HANDLER = "handlaggare@sundkraft.example.com"
NEW_PASSWORD = "röda ledningar i schaktet 2026"


def new_member(**overrides: str) -> dict[str, str]:
    return {
        "first_name": "Karin",
        "last_name": "Ek",
        "email": unique_email("karin"),
        "role": "dso_handler",
        "language": "sv",
        **overrides,
    }


def row_of(page: httpx.Response, name: str) -> str:
    """The list's row for the staff member called `name`, as text."""
    return text_of(_row_html(page, name))


def status_of(page: httpx.Response, name: str) -> str:
    """The status the list shows for the staff member called `name` ("Aktiv", "Inaktiverad")."""
    match = re.search(r'<span class="status[^"]*">([^<]+)</span>', _row_html(page, name))
    assert match, f"{name} has no status"
    return match.group(1)


def _row_html(page: httpx.Response, name: str) -> str:
    rows = re.findall(r"<tr[^>]*data-staff=[^>]*>.*?</tr>", page.text, flags=re.S)
    found = [row for row in rows if name in text_of(row)]
    assert len(found) == 1, f"{name}: {len(found)} rows"
    return found[0]


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def member_id(page: httpx.Response, name: str) -> str:
    match = re.search(rf'href="{LIST}/([0-9a-f-]{{36}})">{name}</a>', page.text)
    assert match, f"no link to {name}"
    return match.group(1)


async def test_a_dso_admin_adds_a_handler_who_is_mailed_a_link_and_signs_in(
    system: RunningSystem, mailbox: Mailbox
) -> None:
    typed = new_member()
    async with portal(system.portal_url) as browser:
        await log_in(browser, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        assert f'href="{LIST}"' in (await browser.get("/")).text  # "Handläggare" in the menu
        listed = await browser.get(LIST)
        assert listed.status_code == 200
        lars = row_of(listed, "Lars Holm")
        assert SUNDKRAFT_HANDLER in lars and "Handläggare på nätbolaget" in lars
        assert "Nätbolagsadministratör" in row_of(listed, "Sara Lind")
        assert status_of(listed, "Lars Holm") == "Aktiv"
        for elsewhere in ("Anna Andersson", "Erik Svensson", "Mette Nielsen", "Rasmus Madsen"):
            assert elsewhere not in text(listed)  # a team's users, another DSO's staff

        form = await browser.get(NEW)
        assert re.findall(r'<option value="([a-z_]+)"', form.text)[:2] == ["dso_handler", "dso_admin"]
        created = await post_form(browser, NEW, NEW, typed)
        assert created.status_code == 303
        assert created.headers["location"] == f"{LIST}?notis=created"
        after = await browser.get(created.headers["location"])
        assert "Handläggaren är tillagd och får ett mejl med en länk för att välja lösenord." in text(after)
        karin = row_of(after, "Karin Ek")
        for shown in (typed["email"], "Handläggare på nätbolaget", "Har inte valt lösenord"):
            assert shown in karin, shown
        assert status_of(after, "Karin Ek") == "Aktiv"

    [welcome] = await mail_to(mailbox, typed["email"])
    assert "installatörsportalen hos Sundkraft Elnät AB" in welcome["Subject"]
    link = re.search(r"https?://\S+(/losenord/\S+)", plain_text(welcome))
    assert link, "the welcome mail has no set-password link"
    async with portal(system.portal_url) as karin_browser:
        chosen = await post_form(
            karin_browser,
            link.group(1),
            link.group(1),
            {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        )
        assert chosen.status_code == 200, chosen.text
        assert (await log_in(karin_browser, typed["email"], NEW_PASSWORD)).status_code == 303
        home = await karin_browser.get("/")
        assert "Karin Ek" in text(home) and f'href="{LIST}"' not in home.text  # a handler, no admin
        assert (await karin_browser.get(LIST)).status_code == 403


async def test_refusals_are_shown_next_to_their_fields_with_what_was_typed_kept(
    system: RunningSystem,
) -> None:
    async with portal(system.portal_url) as browser:
        await log_in(browser, SUNDKRAFT_ADMIN, DEMO_PASSWORD)

        bad_email = await post_form(browser, NEW, NEW, new_member(email="karin.ek@", role="dso_admin"))
        assert bad_email.status_code == 422
        assert field_error(bad_email, "email") == "Ange en giltig e-postadress, t.ex. namn@natbolag.se."
        assert 'value="karin.ek@"' in bad_email.text
        assert 'value="Karin"' in bad_email.text and 'value="Ek"' in bad_email.text
        assert re.search(r'<option value="dso_admin" selected>', bad_email.text)
        assert "Handläggaren kunde inte sparas. Rätta fälten som är markerade nedan." in text(bad_email)

        no_name = await post_form(browser, NEW, NEW, new_member(first_name=" "))
        assert no_name.status_code == 422
        assert field_error(no_name, "first_name") == "Ange förnamn (högst 100 tecken)."

        for taken_address in (INSTALLER, SUNDKRAFT_HANDLER.upper()):
            taken = await post_form(browser, NEW, NEW, new_member(email=taken_address))
            assert taken.status_code == 409
            assert field_error(taken, "email") == "Det finns redan ett konto med den här e-postadressen."

        forged = await browser.post(NEW, data=new_member())  # no CSRF token: another site's form
        assert forged.status_code == 403
        assert "Karin Ek" not in text(await browser.get(LIST))  # nothing refused was created


async def test_a_handler_is_changed_deactivated_and_reactivated(system: RunningSystem) -> None:
    async with portal(system.portal_url) as admin, portal(system.portal_url) as lars:
        await log_in(admin, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        lars_id = member_id(await admin.get(LIST), "Lars Holm")
        page = f"{LIST}/{lars_id}"

        edit = await admin.get(page)
        assert 'value="Lars"' in edit.text and 'value="Holm"' in edit.text
        assert SUNDKRAFT_HANDLER in text(edit) and 'name="email"' not in edit.text  # the login stays
        assert re.search(r'<option value="dso_handler" selected>', edit.text)
        changed = await post_form(
            admin,
            page,
            page,
            new_member(first_name="Lars", last_name="Holmberg", role="dso_admin", language="en"),
        )
        assert changed.status_code == 303
        after = await admin.get(changed.headers["location"])
        assert "Ändringarna är sparade." in text(after)
        assert "Nätbolagsadministratör" in row_of(after, "Lars Holmberg")
        assert SUNDKRAFT_HANDLER in row_of(after, "Lars Holmberg")  # the posted e-mail was not taken
        assert re.search(r'<option value="en" lang="en" selected>', (await admin.get(page)).text)

        refused_change = await post_form(admin, page, page, new_member(first_name=""))
        assert refused_change.status_code == 422
        assert field_error(refused_change, "first_name") == "Ange förnamn (högst 100 tecken)."

        assert (await log_in(lars, SUNDKRAFT_HANDLER, DEMO_PASSWORD)).status_code == 303
        listed = await admin.get(LIST)
        assert f'action="{LIST}/{lars_id}/inaktivera"' in listed.text  # confirmed in the page
        assert "Inaktivera Lars Holmberg? Hen loggas ut direkt" in text(listed)
        forged = await admin.post(f"{LIST}/{lars_id}/inaktivera")
        assert forged.status_code == 403
        assert status_of(await admin.get(LIST), "Lars Holmberg") == "Aktiv"

        deactivated = await admin.post(
            f"{LIST}/{lars_id}/inaktivera", data={"csrf_token": csrf_token(listed.text)}
        )
        assert deactivated.status_code == 303
        after = await admin.get(deactivated.headers["location"])
        assert "Handläggaren är inaktiverad och utloggad." in text(after)
        assert status_of(after, "Lars Holmberg") == "Inaktiverad"
        assert "Återaktivera Lars Holmberg" in row_of(after, "Lars Holmberg")
        signed_out = await lars.get("/konto/losenord")  # Lars's open session ended with the deactivation
        assert signed_out.headers["location"] == "/logga-in?next=/konto/losenord"
        assert (await log_in(lars, SUNDKRAFT_HANDLER, DEMO_PASSWORD)).status_code == 401

        reactivated = await admin.post(
            f"{LIST}/{lars_id}/ateraktivera", data={"csrf_token": csrf_token(after.text)}
        )
        assert reactivated.status_code == 303
        back = await admin.get(reactivated.headers["location"])
        assert "Handläggaren är återaktiverad och kan logga in igen." in text(back)
        assert status_of(back, "Lars Holmberg") == "Aktiv"
        assert (await log_in(lars, SUNDKRAFT_HANDLER, DEMO_PASSWORD)).status_code == 303


async def test_a_dso_admin_cannot_lock_themselves_out_nor_reach_another_dsos_staff(
    system: RunningSystem,
) -> None:
    async with portal(system.portal_url) as admin, portal(system.portal_url) as kystnet:
        await log_in(admin, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        listed = await admin.get(LIST)
        sara_id = member_id(listed, "Sara Lind")
        assert f"{LIST}/{sara_id}/inaktivera" not in listed.text  # no button to lock oneself out
        oneself = await admin.post(
            f"{LIST}/{sara_id}/inaktivera", data={"csrf_token": csrf_token(listed.text)}
        )
        assert oneself.status_code == 409
        assert "Du kan inte inaktivera dig själv. En annan administratör på nätbolaget kan göra det." in text(
            oneself
        )
        assert status_of(oneself, "Sara Lind") == "Aktiv"

        own = f"{LIST}/{sara_id}"
        own_form = await admin.get(own)
        assert 'name="role"' not in own_form.text  # one's own role is not offered for change
        assert "Nätbolagsadministratör (du kan inte ändra din egen roll)" in text_of(own_form.text)
        own_refused = await post_form(admin, own, own, new_member(first_name="Sara", last_name=""))
        assert own_refused.status_code == 422
        assert field_error(own_refused, "last_name") == "Ange efternamn (högst 100 tecken)."
        renamed = await post_form(admin, own, own, new_member(first_name="Sara", last_name="Lindqvist"))
        assert renamed.status_code == 303  # the role left out of the form is not changed either
        assert "Nätbolagsadministratör" in row_of(await admin.get(LIST), "Sara Lindqvist")

        await log_in(kystnet, KYSTNET_ADMIN, DEMO_PASSWORD)
        theirs = await kystnet.get(LIST)
        assert "Sagsbehandler hos netselskabet" in row_of(theirs, "Rasmus Madsen")  # in Danish, Mette's
        assert "Sara Lindqvist" not in text(theirs)
        rasmus_id = member_id(theirs, "Rasmus Madsen")
        token = csrf_token(listed.text)
        for answer in (
            await admin.get(f"{LIST}/{rasmus_id}"),
            await admin.post(f"{LIST}/{rasmus_id}", data={**new_member(), "csrf_token": token}),
            await admin.post(f"{LIST}/{rasmus_id}/inaktivera", data={"csrf_token": token}),
            await admin.get(f"{LIST}/00000000-0000-4000-8000-000000000000"),
            await admin.get(f"{LIST}/not-an-id"),
        ):
            assert answer.status_code == 404, answer.request.url
        assert status_of(await kystnet.get(LIST), "Rasmus Madsen") == "Aktiv"


async def test_only_a_dso_admin_reaches_the_pages(system: RunningSystem) -> None:
    async with portal(system.portal_url) as anonymous:
        for path in (LIST, NEW):
            to_login = await anonymous.get(path)
            assert to_login.status_code == 303
            assert to_login.headers["location"] == f"/logga-in?next={path}"

    async with portal(system.portal_url) as admin:
        await log_in(admin, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        lars_id = member_id(await admin.get(LIST), "Lars Holm")

    for email in (SUNDKRAFT_HANDLER, TEAM_ADMIN, INSTALLER):
        async with portal(system.portal_url) as browser:
            await log_in(browser, email, DEMO_PASSWORD)
            assert f'href="{LIST}"' not in (await browser.get("/")).text
            for path in (LIST, NEW, f"{LIST}/{lars_id}"):
                refused = await browser.get(path)
                assert refused.status_code == 403, (email, path)
                assert "Ingen behörighet" in text(refused)
            token = csrf_token((await browser.get("/")).text)
            for action, data in (
                (NEW, new_member()),
                (f"{LIST}/{lars_id}", new_member()),
                (f"{LIST}/{lars_id}/inaktivera", {}),
            ):
                posted = await browser.post(action, data={**data, "csrf_token": token})
                assert posted.status_code == 403, (email, action)

    async with portal(system.portal_url) as admin:
        await log_in(admin, SUNDKRAFT_ADMIN, DEMO_PASSWORD)
        listed = await admin.get(LIST)
        assert status_of(listed, "Lars Holm") == "Aktiv" and "Karin Ek" not in text(listed)
