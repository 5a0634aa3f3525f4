"""A DSO admin's "Ärendetyper" through the portal's pages, against the real system behind them (identity
with the demo accounts, GIS and the cases service): the DSO's types in the reader's language, accepting a
type or not (and the installers' menu following), the decision target, the form changed as a new version
that only new drafts get, cases' refusals next to the row they name with what was typed kept, approval
rules added in words and removed; and nobody but a DSO admin reaching any of it.

The tests share one system: each changes only what it looks at (the installers' menu, which the gateway
keeps a few minutes per DSO, is asked again when the DSO changes what it accepts)."""

import contextlib
import html
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from tests.e2e.system import RunningSystem

from .case_helpers import answered, bearer, cases_api, created_case, pin, sundkraft_facility
from .portal_helpers import (
    INSTALLER,
    KYSTNET_ADMIN,
    SUNDKRAFT_ADMIN,
    TEAM_ADMIN,
    csrf_token,
    field_error,
    log_in,
    portal,
    post_form,
    text,
)

pytestmark = pytest.mark.integration

LIST = "/dso/arendetyper"
FUSE = f"{LIST}/fuse_change"
SUNDKRAFT_HANDLER = "handlaggare@sundkraft.example.com"
CABINET = {
    "new_name": "meter_cabinet_code",
    "new_kind": "text",
    "new_label_sv": "Kod till mätarskåp",
    "new_label_da": "Kode til målerskab",
    "new_label_en": "Meter cabinet code",
}


@contextlib.asynccontextmanager
async def signed_in(url: str, email: str = SUNDKRAFT_ADMIN) -> AsyncIterator[httpx.AsyncClient]:
    async with portal(url) as browser:
        assert (await log_in(browser, email, DEMO_PASSWORD)).status_code == 303
        yield browser


def text_of(fragment: str) -> str:
    """An HTML fragment as a reader sees it: tags gone, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def row_of(page: httpx.Response, code: str) -> str:
    """The list's row of the type `code`, as text."""
    match = re.search(rf'<tr data-case-type-row="{code}"[^>]*>(.*?)</tr>', page.text, re.S)
    assert match, f"no row for {code}"
    return text_of(match.group(1))


def cell(page: httpx.Response, code: str, hook: str) -> str:
    """What the list's row of `code` shows in its cell marked `hook` (data-rules-count, data-form-version)."""
    match = re.search(rf'<tr data-case-type-row="{code}"[^>]*>.*?<td {hook}>([^<]*)</td>', page.text, re.S)
    assert match, f"no {hook} for {code}"
    return match.group(1)


def target_shown(page: httpx.Response, code: str) -> str:
    match = re.search(rf'id="target-{code}" name="target_working_days"[^>]* value="([^"]*)"', page.text)
    assert match, f"no target input for {code}"
    return match.group(1)


def notice(page: httpx.Response) -> str:
    match = re.search(r'<p class="notice" role="status"[^>]*>([^<]*)</p>', page.text)
    assert match, "no notice"
    return text_of(match.group(1))


def editor(page: httpx.Response, **changes: Any) -> dict[str, Any]:
    """The form editor as the page fills it in (version, the ticked boxes), with `changes` over it."""
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version, "no form version"
    mandatory = re.findall(r'name="mandatory" value="([a-z0-9_]+)" checked', page.text)
    return {"version": version.group(1), "mandatory": mandatory, **changes}


def rules_shown(page: httpx.Response) -> dict[str, str]:
    """The type's rules: id → "name: conditions in words"."""
    found = re.findall(r'<li data-rule="([^"]+)">(.*?)<form', page.text, re.S)
    return {rule_id: text_of(body).replace(" :", ":") for rule_id, body in found}


async def test_the_list_shows_the_dsos_types_and_sets_targets(shared_system: RunningSystem) -> None:
    system = shared_system
    async with signed_in(system.portal_url) as admin:
        home = await admin.get("/")
        assert f'href="{LIST}"' in home.text and "Ärendetyper" in text(home)  # the user menu's link
        listed = await admin.get(LIST)
        assert listed.status_code == 200
        codes = re.findall(r'data-case-type-row="([a-z_]+)"', listed.text)
        assert {"fuse_change", "meter_move", "production_facility"} <= set(codes)
        fuse = row_of(listed, "fuse_change")
        assert "Säkringsändring" in fuse and "Tas emot" in fuse and "Sluta ta emot" in fuse
        assert cell(listed, "fuse_change", "data-rules-count") == "0"
        assert cell(listed, "fuse_change", "data-form-version").isdigit()
        assert f'href="{FUSE}"' in listed.text
        assert target_shown(listed, "fuse_change").isdigit()  # the demo's DSOs start with targets

        set_on_list = await post_form(
            admin, LIST, f"{FUSE}/mal", {"target_working_days": "5", "tillbaka": "lista"}
        )
        assert set_on_list.status_code == 303 and set_on_list.headers["location"] == f"{LIST}?notis=target"
        after = await admin.get(set_on_list.headers["location"])
        assert notice(after).startswith("Målet för handläggningstiden är sparat.")
        assert target_shown(after, "fuse_change") == "5"

        for typed in ("fem", "300", "0"):  # not a number here; out of cases' range there
            refused = await post_form(
                admin, LIST, f"{FUSE}/mal", {"target_working_days": typed, "tillbaka": "lista"}
            )
            assert refused.status_code == 422, typed
            assert field_error(refused, "target-fuse_change") == (
                "Ange ett helt antal arbetsdagar, 1–250, eller lämna tomt för inget mål."
            )
            assert target_shown(refused, "fuse_change") == typed  # kept as typed
        assert target_shown(await admin.get(LIST), "fuse_change") == "5"

        # The same on the type's page, which it returns to; empty removes the target.
        on_page = await post_form(admin, FUSE, f"{FUSE}/mal", {"target_working_days": "12"})
        assert on_page.headers["location"] == f"{FUSE}?notis=target"
        assert target_shown(await admin.get(on_page.headers["location"]), "fuse_change") == "12"
        removed = await post_form(admin, FUSE, f"{FUSE}/mal", {"target_working_days": ""})
        assert removed.status_code == 303
        assert target_shown(await admin.get(LIST), "fuse_change") == ""

    async with signed_in(system.portal_url, KYSTNET_ADMIN) as danish:
        theirs = await danish.get(LIST)  # Mette reads Danish: the types are named in it
        assert "Sikringsændring" in row_of(theirs, "fuse_change") and "Modtages" in row_of(
            theirs, "fuse_change"
        )


async def test_a_type_no_longer_accepted_leaves_the_installers_menu(shared_system: RunningSystem) -> None:
    system = shared_system
    async with signed_in(system.portal_url) as admin:
        closed = await post_form(
            admin, LIST, f"{LIST}/meter_move/mottagning", {"accepted": "false", "tillbaka": "lista"}
        )
        assert closed.status_code == 303 and closed.headers["location"] == f"{LIST}?notis=not_accepted"
        after = await admin.get(closed.headers["location"])
        assert notice(after).startswith("Ärendetypen tas inte längre emot")
        assert "Tas inte emot" in row_of(after, "meter_move") and "Börja ta emot" in row_of(
            after, "meter_move"
        )
        assert "Sluta ta emot" in row_of(after, "fuse_change")

    chooser_path = "/arenden/nytt?lon={lon}&lat={lat}".format(**pin(sundkraft_facility()))
    async with signed_in(system.portal_url, INSTALLER) as installer:
        home = await installer.get("/")  # the header's "Skapa" menu: the types Sundkraft accepts
        menu = re.findall(r'data-case-type="([a-z_]+)"', home.text)
        assert "fuse_change" in menu and "meter_move" not in menu
        chooser = await installer.get(chooser_path)
        offered = re.findall(r'data-case-type="([a-z_]+)"', chooser.text)
        assert "fuse_change" in offered and "meter_move" not in offered

    async with signed_in(system.portal_url) as admin:
        opened = await post_form(
            admin, f"{LIST}/meter_move", f"{LIST}/meter_move/mottagning", {"accepted": "true"}
        )
        assert opened.headers["location"] == f"{LIST}/meter_move?notis=accepted"
        page = await admin.get(opened.headers["location"])
        assert notice(page).startswith("Ärendetypen tas emot") and 'data-accepted="true"' in page.text
    async with signed_in(system.portal_url, INSTALLER) as installer:
        chooser = await installer.get(chooser_path)
        assert "meter_move" in re.findall(r'data-case-type="([a-z_]+)"', chooser.text)
        assert "meter_move" in re.findall(r'data-case-type="([a-z_]+)"', (await installer.get("/")).text)


async def test_a_new_form_version_applies_to_new_drafts_only(shared_system: RunningSystem) -> None:
    system = shared_system
    installer_token = await bearer(system, INSTALLER)
    async with cases_api(system) as cases:
        old_draft = await created_case(cases, installer_token)

    async with signed_in(system.portal_url) as admin:
        page = await admin.get(FUSE)
        assert page.status_code == 200 and "<h1>Säkringsändring</h1>" in page.text
        version = int(editor(page)["version"])
        # The address is always mandatory (its box ticked and disabled); the portal's fields cannot be
        # removed (no box), only a DSO's own.
        assert re.search(r'id="mandatory-street" type="checkbox" checked disabled', page.text)
        assert 'id="remove-street"' not in page.text and 'id="remove-desired_date"' not in page.text
        assert "desired_date" not in editor(page)["mandatory"]

        saved = await post_form(
            admin,
            FUSE,
            f"{FUSE}/formular",
            editor(
                page, mandatory=[*editor(page)["mandatory"], "desired_date"], new_mandatory="true", **CABINET
            ),
        )
        assert saved.status_code == 303, text(saved)
        assert saved.headers["location"] == f"{FUSE}?notis=version&version={version + 1}"
        after = await admin.get(saved.headers["location"])
        assert notice(after) == f"Version {version + 1} sparad – gäller nya ärenden."
        assert (
            "desired_date" in editor(after)["mandatory"]
            and "meter_cabinet_code" in editor(after)["mandatory"]
        )
        assert (
            'data-field-row="meter_cabinet_code"' in after.text
            and 'id="remove-meter_cabinet_code"' in after.text
        )
        assert "Kod till mätarskåp" in text(after)
        assert cell(await admin.get(LIST), "fuse_change", "data-form-version") == str(version + 1)

        # The page shown before this version was saved: its boxes were ticked on the older form.
        stale = await post_form(
            admin, FUSE, f"{FUSE}/formular", editor(page, **{**CABINET, "new_name": "door"})
        )
        assert stale.status_code == 409 and notice(stale).startswith("Formuläret har just sparats")
        assert 'value="door"' in stale.text  # the new field as typed is kept
        assert editor(await admin.get(FUSE))["version"] == str(version + 1)

    async with cases_api(system) as cases:
        new_draft = await created_case(cases, installer_token)
    async with signed_in(system.portal_url, INSTALLER) as installer:
        new_page = await installer.get(f"/arenden/{new_draft['id']}")
        assert new_page.status_code == 200
        assert 'id="field-meter_cabinet_code"' in new_page.text and "Kod till mätarskåp" in text(new_page)
        assert re.search(
            r'<label for="field-desired_date">Önskat datum <span class="required"', new_page.text
        )
        old_page = await installer.get(f"/arenden/{old_draft['id']}")
        assert old_page.status_code == 200
        assert 'id="field-meter_cabinet_code"' not in old_page.text  # the old draft keeps its version
        assert re.search(r'<label for="field-desired_date">Önskat datum</label>', old_page.text)


async def test_cases_refusals_of_a_form_are_shown_at_their_row_with_the_input_kept(
    shared_system: RunningSystem,
) -> None:
    async with signed_in(shared_system.portal_url) as admin:
        page = await admin.get(FUSE)
        before = editor(page)["version"]
        # No box offers it, but a form from elsewhere can ask: cases refuses, the page says why.
        no_street = await post_form(
            admin,
            FUSE,
            f"{FUSE}/formular",
            editor(page, remove=["street"], mandatory=[*editor(page)["mandatory"], "comment"]),
        )
        assert no_street.status_code == 422
        assert (
            field_error_of_form(no_street)
            == "Portalen behöver de här fälten, de kan inte tas bort: Gatuadress."
        )
        assert "Formuläret kunde inte sparas. Rätta det som är markerat nedan." in text(no_street)
        assert "comment" in editor(no_street)["mandatory"]  # what was ticked is kept

        bad_name = await post_form(
            admin, FUSE, f"{FUSE}/formular", editor(page, **{**CABINET, "new_name": "Dörrkod"})
        )
        assert bad_name.status_code == 422
        assert field_error(bad_name, "new_name") == (
            "Namnet ska vara 2–40 tecken: a–z, 0–9 och _, och börja med en bokstav."
        )
        assert 'value="Dörrkod"' in bad_name.text and 'value="Kode til målerskab"' in bad_name.text

        no_choices = await post_form(
            admin,
            FUSE,
            f"{FUSE}/formular",
            editor(page, **{**CABINET, "new_name": "door", "new_kind": "choice"}),
        )
        assert no_choices.status_code == 422
        assert field_error(no_choices, "new_choices").startswith("Ett valfält behöver minst ett val")
        assert re.search(r'<option value="choice" selected>', no_choices.text)

        one_label = await post_form(
            admin, FUSE, f"{FUSE}/formular", editor(page, new_name="door", new_label_sv="Portkod")
        )
        assert one_label.status_code == 422
        assert field_error(one_label, "new_label_da").startswith("Ange fältets etikett på svenska, danska")

        taken = await post_form(
            admin, FUSE, f"{FUSE}/formular", editor(page, **{**CABINET, "new_name": "comment"})
        )
        assert taken.status_code == 422
        assert (
            field_error(taken, "new_name") == "Formuläret har redan ett fält med det namnet. Välj ett annat."
        )

        assert editor(await admin.get(FUSE))["version"] == before  # nothing refused was saved


def field_error_of_form(page: httpx.Response) -> str:
    match = re.search(r'<p class="field-error" id="fields-error"[^>]*>([^<]*)</p>', page.text)
    assert match, "no message above the form"
    return text_of(match.group(1))


async def test_rules_are_added_in_words_refused_at_their_row_and_removed(
    shared_system: RunningSystem,
) -> None:
    rule = {
        "rule_name": "Säkringsbyte upp till 25 A",
        "condition-0-field": "new_main_fuse",
        "condition-0-operator": "at_most",
        "condition-0-value": "25",
        "condition-1-field": "ean",
        "condition-1-operator": "filled",
    }
    async with signed_in(shared_system.portal_url) as admin:
        page = await admin.get(FUSE)
        assert "Ärendetypen har inga regler" in text(page)
        added = await post_form(admin, FUSE, f"{FUSE}/regler", rule)
        assert added.status_code == 303 and added.headers["location"] == f"{FUSE}?notis=rule_added"
        after = await admin.get(added.headers["location"])
        assert notice(after).startswith("Regeln är tillagd.")
        [(rule_id, words)] = rules_shown(after).items()
        assert words == (
            "Säkringsbyte upp till 25 A: Ny huvudsäkring (A) ≤ 25 och Anläggnings-ID (EAN) är ifyllt"
        )
        assert cell(await admin.get(LIST), "fuse_change", "data-rules-count") == "1"

        bad = {
            "rule_name": "Små säkringar",
            "condition-0-field": "new_main_fuse",
            "condition-0-operator": "at_most",
            "condition-0-value": "tjugo",
        }
        refused = await post_form(admin, FUSE, f"{FUSE}/regler", bad)
        assert refused.status_code == 422
        assert field_error(refused, "condition-0-value") == "Ange ett tal som fältet tillåter, t.ex. 25."
        assert "Villkor 1: Ange ett tal som fältet tillåter, t.ex. 25." in text(refused)
        assert 'value="tjugo"' in refused.text and 'value="Små säkringar"' in refused.text
        assert re.search(r'<option value="new_main_fuse" selected>', refused.text)

        not_a_choice = await post_form(
            admin,
            FUSE,
            f"{FUSE}/regler",
            {
                "rule_name": "Vissa säkringar",
                "condition-0-field": "",  # an unused row
                "condition-1-field": "new_main_fuse",
                "condition-1-operator": "one_of",
                "condition-1-value": "16, 17",
            },
        )
        assert not_a_choice.status_code == 422
        assert (
            field_error(not_a_choice, "condition-1-value")
            == "Ange ett av fältets val: 16, 20, 25, 35, 50, 63."
        )
        assert "Villkor 2: Ange ett av fältets val" in text(not_a_choice)

        not_a_number = await post_form(
            admin,
            FUSE,
            f"{FUSE}/regler",
            {
                "rule_name": "Kommentar",
                "condition-0-field": "comment",
                "condition-0-operator": "at_least",
                "condition-0-value": "3",
            },
        )
        assert not_a_number.status_code == 422
        assert field_error(not_a_number, "condition-0-operator") == (
            "Övrigt är inget tal och kan inte jämföras med högst eller minst."
        )
        no_name = await post_form(admin, FUSE, f"{FUSE}/regler", {**rule, "rule_name": " "})
        assert no_name.status_code == 422
        assert field_error(no_name, "rule_name").startswith("Ge regeln ett namn")
        no_conditions = await post_form(admin, FUSE, f"{FUSE}/regler", {"rule_name": "Allt"})
        assert no_conditions.status_code == 422 and "Ange minst ett villkor." in text(no_conditions)

        assert list(rules_shown(await admin.get(FUSE))) == [rule_id]  # nothing refused was saved

        removed = await post_form(admin, FUSE, f"{FUSE}/regler/{rule_id}/ta-bort", {})
        assert removed.status_code == 303 and removed.headers["location"] == f"{FUSE}?notis=rule_removed"
        gone = await admin.get(removed.headers["location"])
        assert notice(gone) == "Regeln är borttagen." and rules_shown(gone) == {}
        again = await post_form(admin, FUSE, f"{FUSE}/regler/{rule_id}/ta-bort", {})
        assert again.status_code == 303  # removed already: nothing left to do


async def test_a_field_a_rule_uses_stays_until_the_rule_goes(shared_system: RunningSystem) -> None:
    async with signed_in(shared_system.portal_url) as admin:
        page = await admin.get(f"{LIST}/meter_move")
        added = await post_form(
            admin, f"{LIST}/meter_move", f"{LIST}/meter_move/formular", editor(page, **CABINET)
        )
        assert added.status_code == 303, text(added)
        rule = {
            "rule_name": "Kod given",
            "condition-0-field": "meter_cabinet_code",
            "condition-0-operator": "filled",
        }
        assert (
            await post_form(admin, f"{LIST}/meter_move", f"{LIST}/meter_move/regler", rule)
        ).status_code == 303
        page = await admin.get(f"{LIST}/meter_move")
        refused = await post_form(
            admin,
            f"{LIST}/meter_move",
            f"{LIST}/meter_move/formular",
            editor(page, remove=["meter_cabinet_code"]),
        )
        assert refused.status_code == 422
        assert field_error_of_form(refused) == (
            "En regel för automatiskt godkännande använder Kod till mätarskåp (Kod given). "
            "Ta bort regeln först."
        )
        assert re.search(
            r'id="remove-meter_cabinet_code" [^>]*value="meter_cabinet_code" checked', refused.text
        )

        [rule_id] = rules_shown(page)
        await post_form(admin, f"{LIST}/meter_move", f"{LIST}/meter_move/regler/{rule_id}/ta-bort", {})
        page = await admin.get(f"{LIST}/meter_move")
        removed = await post_form(
            admin,
            f"{LIST}/meter_move",
            f"{LIST}/meter_move/formular",
            editor(page, remove=["meter_cabinet_code"]),
        )
        assert removed.status_code == 303
        assert 'data-field-row="meter_cabinet_code"' not in (await admin.get(f"{LIST}/meter_move")).text


async def test_only_a_dso_admin_reaches_the_pages(shared_system: RunningSystem) -> None:
    system = shared_system
    posts: dict[str, dict[str, Any]] = {
        f"{FUSE}/mottagning": {"accepted": "false"},
        f"{FUSE}/mal": {"target_working_days": "3"},
        f"{FUSE}/formular": {"version": "1", **CABINET},
        f"{FUSE}/regler": {"rule_name": "X", "condition-0-field": "ean", "condition-0-operator": "filled"},
    }
    async with portal(system.portal_url) as anonymous:
        for path in (LIST, FUSE):
            to_login = await anonymous.get(path)
            assert to_login.status_code == 303 and to_login.headers["location"] == f"/logga-in?next={path}"
        for action, data in posts.items():
            assert (await anonymous.post(action, data=data)).status_code == 403

    for email in (SUNDKRAFT_HANDLER, TEAM_ADMIN, INSTALLER):
        async with signed_in(system.portal_url, email) as browser:
            home = await browser.get("/")
            assert f'href="{LIST}"' not in home.text
            for path in (LIST, FUSE):
                refused = await browser.get(path)
                assert refused.status_code == 403, (email, path)
                assert "Ingen behörighet" in text(refused)
            token = csrf_token(home.text)
            for action, data in posts.items():
                posted = await browser.post(action, data={**data, "csrf_token": token})
                assert posted.status_code == 403, (email, action)

    async with signed_in(system.portal_url) as admin:
        before = await admin.get(FUSE)
        for action, data in posts.items():
            forged = await admin.post(action, data=data)  # no CSRF token: another site's form
            assert forged.status_code == 403, action
        for path in (f"{LIST}/no_such_type", f"{LIST}/Not-A-Code"):
            assert (await admin.get(path)).status_code == 404, path
        after = await admin.get(FUSE)  # nothing refused was changed
        assert 'data-accepted="true"' in after.text and target_shown(after, "fuse_change") != "3"
        assert editor(after)["version"] == editor(before)["version"]
        assert rules_shown(after) == rules_shown(before)

    async with cases_api(system) as cases:  # cases agrees: its API refuses them too
        for email in (SUNDKRAFT_HANDLER, INSTALLER):
            answer = await cases.get("/dso/case-types", headers=await bearer(system, email))
            assert answer.status_code == 403
        answered(await cases.get("/dso/case-types", headers=await bearer(system, SUNDKRAFT_ADMIN)))
