"""A team admin's "Administrera team" through the portal's pages: the team's resources, adding one (who is
mailed a welcome link), identity's refusals next to the fields with the input kept, changing one, and
deactivating and reactivating — and nobody but a team admin reaching the pages."""

import re

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from servicekit.testing.plugin import unique_email
from tests.e2e.system import RunningSystem

from .portal_helpers import (
    INSTALLER,
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

NEW = "/team/resurser/ny"


def new_resource(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    return {
        "first_name": "Karin",
        "last_name": "Berg",
        "email": unique_email("karin"),
        "mobile": "070-765 43 21",
        "description": "Solceller och laddboxar",
        "authorisations": ["electricity"],
        "role": "installer",
        "language": "sv",
        **overrides,
    }


def row_of(page: httpx.Response, name: str) -> str:
    """The list's row for the resource called `name`, as text."""
    return text_of(_row_html(page, name))


def status_of(page: httpx.Response, name: str) -> str:
    """The status the list shows for the resource called `name` ("Aktiv", "Inaktiverad")."""
    match = re.search(r'<span class="status[^"]*">([^<]+)</span>', _row_html(page, name))
    assert match, f"{name} has no status"
    return match.group(1)


def _row_html(page: httpx.Response, name: str) -> str:
    rows = re.findall(r"<tr[^>]*data-resource=[^>]*>.*?</tr>", page.text, flags=re.S)
    found = [row for row in rows if name in text_of(row)]
    assert len(found) == 1, f"{name}: {len(found)} rows"
    return found[0]


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def resource_id(page: httpx.Response, name: str) -> str:
    match = re.search(rf'href="/team/resurser/([0-9a-f-]{{36}})">{name}</a>', page.text)
    assert match, f"no link to {name}"
    return match.group(1)


async def test_a_team_admin_adds_a_resource_who_is_mailed_a_link(
    system: RunningSystem, mailbox: Mailbox
) -> None:
    async with portal(system.portal_url) as browser:
        await log_in(browser, TEAM_ADMIN, DEMO_PASSWORD)
        assert 'href="/team/resurser"' in (await browser.get("/")).text  # "Administrera team" in the menu
        listed = await browser.get("/team/resurser")
        assert listed.status_code == 200
        assert "Anna Andersson" in row_of(listed, "Anna Andersson")
        assert "Teamadministratör" in row_of(listed, "Anna Andersson")
        erik = row_of(listed, "Erik Svensson")
        assert "installer@demo-el.example.com" in erik and "El, Fjärrvärme/Fjärrkyla" in erik
        assert status_of(listed, "Erik Svensson") == "Aktiv"

        form = await browser.get(NEW)
        offered = re.findall(r'name="authorisations" value="([a-z_]+)"', form.text)
        assert offered == ["electricity", "district_heating"]  # the team's own; not biogas

        typed = new_resource(authorisations=["electricity", "district_heating"])
        created = await post_form(browser, NEW, NEW, typed)
        assert created.status_code == 303
        assert created.headers["location"] == "/team/resurser?notis=created"
        after = await browser.get(created.headers["location"])
        assert "Resursen är tillagd och får ett mejl med en länk för att välja lösenord." in text(after)
        assert status_of(after, "Karin Berg") == "Aktiv"
        karin = row_of(after, "Karin Berg")
        for shown in (typed["email"], "+46707654321", "El, Fjärrvärme/Fjärrkyla", "Har inte valt lösenord"):
            assert shown in karin, shown
        assert "Solceller och laddboxar" in karin

    [welcome] = await mail_to(mailbox, str(typed["email"]))
    assert welcome["Subject"].startswith("Demo El AB har lagt till dig i installatörsportalen")
    assert re.search(r"https?://\S+/losenord/\S+", plain_text(welcome))


async def test_refusals_are_shown_next_to_their_fields_with_what_was_typed_kept(
    system: RunningSystem,
) -> None:
    async with portal(system.portal_url) as browser:
        await log_in(browser, TEAM_ADMIN, DEMO_PASSWORD)

        bad_email = await post_form(browser, NEW, NEW, new_resource(email="karin.berg@", mobile="12"))
        assert bad_email.status_code == 422
        assert field_error(bad_email, "email") == "Ange en giltig e-postadress, t.ex. namn@foretag.se."
        assert 'value="karin.berg@"' in bad_email.text
        assert 'value="Karin"' in bad_email.text and 'value="Berg"' in bad_email.text
        assert "Solceller och laddboxar</textarea>" in bad_email.text
        assert re.search(r'value="electricity" checked', bad_email.text)
        assert not re.search(r'value="district_heating" checked', bad_email.text)
        assert "Resursen kunde inte sparas. Rätta fälten som är markerade nedan." in text(bad_email)

        bad_mobile = await post_form(browser, NEW, NEW, new_resource(mobile="12"))
        assert bad_mobile.status_code == 422
        assert field_error(bad_mobile, "mobile").startswith("Ange ett giltigt mobilnummer")
        assert 'value="12"' in bad_mobile.text

        nothing_chosen = await post_form(browser, NEW, NEW, new_resource(authorisations=[]))
        assert nothing_chosen.status_code == 422
        assert "Välj minst en behörighet som teamet har." in text(nothing_chosen)

        taken = await post_form(browser, NEW, NEW, new_resource(email=INSTALLER))
        assert taken.status_code == 409
        assert field_error(taken, "email") == "Det finns redan ett konto med den här e-postadressen."

        forged = await browser.post(NEW, data=new_resource())  # no CSRF token: another site's form
        assert forged.status_code == 403
        listed = text(await browser.get("/team/resurser"))
        assert "Karin Berg" not in listed  # nothing refused was created


async def test_a_resource_is_changed_deactivated_and_reactivated(system: RunningSystem) -> None:
    async with portal(system.portal_url) as admin, portal(system.portal_url) as erik:
        await log_in(admin, TEAM_ADMIN, DEMO_PASSWORD)
        erik_id = resource_id(await admin.get("/team/resurser"), "Erik Svensson")
        page = f"/team/resurser/{erik_id}"

        edit = await admin.get(page)
        assert 'value="installer@demo-el.example.com"' in edit.text
        assert re.search(r'value="district_heating" checked', edit.text)
        changed = await post_form(
            admin,
            page,
            page,
            new_resource(first_name="Erik", last_name="Svensson", email=INSTALLER, mobile="+46 70 111 22 33"),
        )
        assert changed.status_code == 303
        after = await admin.get(changed.headers["location"])
        assert "Ändringarna är sparade." in text(after)
        assert "+46701112233" in row_of(after, "Erik Svensson")
        assert "Fjärrvärme" not in row_of(after, "Erik Svensson")  # only El is ticked now

        refused_change = await post_form(admin, page, page, new_resource(first_name="", email=INSTALLER))
        assert refused_change.status_code == 422
        assert field_error(refused_change, "first_name") == "Ange förnamn (högst 100 tecken)."

        assert (await log_in(erik, INSTALLER, DEMO_PASSWORD)).status_code == 303
        listed = await admin.get("/team/resurser")
        assert f'action="/team/resurser/{erik_id}/inaktivera"' in listed.text  # confirmed in the page
        assert "Inaktivera Erik Svensson? Hen loggas ut direkt" in text(listed)
        forged = await admin.post(f"/team/resurser/{erik_id}/inaktivera")
        assert forged.status_code == 403
        assert status_of(await admin.get("/team/resurser"), "Erik Svensson") == "Aktiv"

        deactivated = await admin.post(
            f"/team/resurser/{erik_id}/inaktivera", data={"csrf_token": csrf_token(listed.text)}
        )
        assert deactivated.status_code == 303
        after = await admin.get(deactivated.headers["location"])
        assert "Resursen är inaktiverad och utloggad." in text(after)
        assert status_of(after, "Erik Svensson") == "Inaktiverad"
        assert "Återaktivera Erik Svensson" in row_of(after, "Erik Svensson")
        signed_out = await erik.get("/arenden")  # Erik's open session ended with the deactivation
        assert signed_out.headers["location"] == "/logga-in?next=/arenden"
        assert (await log_in(erik, INSTALLER, DEMO_PASSWORD)).status_code == 401

        reactivated = await admin.post(
            f"/team/resurser/{erik_id}/ateraktivera", data={"csrf_token": csrf_token(after.text)}
        )
        assert reactivated.status_code == 303
        assert status_of(await admin.get(reactivated.headers["location"]), "Erik Svensson") == "Aktiv"
        assert (await log_in(erik, INSTALLER, DEMO_PASSWORD)).status_code == 303

        anna_id = resource_id(after, "Anna Andersson")
        assert f"/team/resurser/{anna_id}/inaktivera" not in after.text  # no button to lock oneself out
        oneself = await admin.post(
            f"/team/resurser/{anna_id}/inaktivera", data={"csrf_token": csrf_token(after.text)}
        )
        assert oneself.status_code == 409
        assert "Du kan inte inaktivera dig själv." in text(oneself)
        own_form = await admin.get(f"/team/resurser/{anna_id}")
        assert 'name="role"' not in own_form.text  # one's own role is not offered for change
        own = f"/team/resurser/{anna_id}"
        own_refused = await post_form(admin, own, own, {**new_resource(last_name="", email=TEAM_ADMIN)})
        assert own_refused.status_code == 422
        assert field_error(own_refused, "last_name") == "Ange efternamn (högst 100 tecken)."
        assert "Teamadministratör (du kan inte ändra din egen roll)" in text_of(own_refused.text)
        assert (await admin.get("/team/resurser/00000000-0000-4000-8000-000000000000")).status_code == 404


async def test_only_a_team_admin_reaches_the_pages(system: RunningSystem) -> None:
    async with portal(system.portal_url) as anonymous:
        to_login = await anonymous.get("/team/resurser")
        assert to_login.status_code == 303
        assert to_login.headers["location"] == "/logga-in?next=/team/resurser"

    for email in (INSTALLER, SUNDKRAFT_ADMIN):
        async with portal(system.portal_url) as browser:
            await log_in(browser, email, DEMO_PASSWORD)
            assert 'href="/team/resurser"' not in (await browser.get("/")).text
            for path in ("/team/resurser", NEW):
                refused = await browser.get(path)
                assert refused.status_code == 403, (email, path)
                assert "Ingen behörighet" in text(refused)
            token = csrf_token((await browser.get("/")).text)
            posted = await browser.post(NEW, data={**new_resource(), "csrf_token": token})
            assert posted.status_code == 403
