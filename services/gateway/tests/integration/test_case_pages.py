"""The installer's case pages through the running portal, against the real system behind it: identity with
the demo accounts, GIS with the small demo network and the cases service (ADR 0005). Creating from a pin,
the draft's form and its buttons (every one saves first), every missing item listed at once, a stale
version, the sent case's steps and attachments, the lists as shareable URLs; and who may not see any of
it. What a test needs that no page makes (a sent case, the grid company's step, another team) is set up
through the services' own APIs, as the demo users.

Starting the system takes seconds, so the tests that only touch cases of their own share one; those that
count the team's cases or numbers get a system of their own (`system_with_cases`)."""

import contextlib
import html
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Infrastructure, Mailbox, free_port
from servicekit.testing.plugin import ServiceDatabase
from tests.e2e.system import RunningSystem, running_system

from .case_helpers import (
    PARTIES,
    address_in,
    another_sundkraft_team,
    answered,
    bearer,
    cases_api,
    created_case,
    moved,
    pin,
    sent_case,
    sundkraft_facility,
    unknown_ean,
)
from .form_reader import form_values
from .portal_helpers import (
    INSTALLER,
    PDF,
    SUNDKRAFT_ADMIN,
    TEAM_ADMIN,
    csrf_token,
    field_error,
    log_in,
    portal,
    text,
)

pytestmark = pytest.mark.integration


@pytest.fixture
async def cases_down(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    closed = f"http://127.0.0.1:{free_port()}"
    async with running_system(infra, service_database, tmp_path, cases_url=closed) as running:
        yield running


@contextlib.asynccontextmanager
async def signed_in(url: str, email: str = INSTALLER) -> AsyncIterator[httpx.AsyncClient]:
    """A browser with a demo user signed in: by default the installer (Demo El AB, Sundkraft)."""
    async with portal(url) as browser:
        assert (await log_in(browser, email, DEMO_PASSWORD)).status_code == 303
        yield browser


def draft_form(page: httpx.Response, **changes: str) -> dict[str, str]:
    """The draft's form as the page fills it in, with `changes` typed over it."""
    return {**form_values(page.text, "data-case-form"), **changes}


def changed_inputs(page: httpx.Response) -> list[str]:
    return re.findall(r'id="field-([a-z_]+)"[^>]*data-changed="true"', page.text)


def listed(page: httpx.Response, hook: str) -> list[str]:
    return re.findall(rf'{hook}="([a-z_]+)"', page.text)


def case_numbers(page: httpx.Response) -> list[str]:
    """The list's rows by their case numbers, top down."""
    return re.findall(r'<tr data-case-id="[^"]+">\s*<td><a href="[^"]+">([A-Z]+-\d+)</a>', page.text)


def version_on(page: httpx.Response) -> str:
    match = re.search(r'name="version" value="(\d+)"', page.text)
    assert match, "the page has no version"
    return match.group(1)


def address_hits(page: httpx.Response) -> dict[str, dict[str, str]]:
    """The address search's hits: each one's label, and what its button posts."""
    hits = {}
    for form in re.findall(r'<form method="post" action="/arenden/nytt">(.*?)</form>', page.text, re.S):
        label = re.search(r"data-address-hit>([^<]*)<", form)
        assert label, form
        fields = re.findall(r'name="([a-z_]+)" value="([^"]*)"', form)
        hits[html.unescape(label.group(1))] = {name: html.unescape(value) for name, value in fields}
    return hits


async def draft_ids(browser: httpx.AsyncClient) -> list[str]:
    """The team's drafts on "Utkast", newest change first."""
    drafts = await browser.get("/utkast")
    assert drafts.status_code == 200, text(drafts)
    return re.findall(r'data-draft-id="([^"]+)"', drafts.text)


async def new_draft(browser: httpx.AsyncClient, case_type: str = "fuse_change") -> tuple[str, httpx.Response]:
    """A case created from a pin at the facility, as the pin's popup leads there; its id and page."""
    chooser = await browser.get("/arenden/nytt", params=pin(sundkraft_facility()))
    assert chooser.status_code == 200, chooser.text
    created = await browser.post(
        "/arenden/nytt",
        data={"case_type": case_type, **pin(sundkraft_facility()), "csrf_token": csrf_token(chooser.text)},
    )
    assert created.status_code == 303, text(created)
    page = await browser.get(created.headers["location"])
    return created.headers["location"].split("/")[2].split("?")[0], page


async def test_visitors_go_to_login_and_dso_roles_only_see_sent_cases(shared_system: RunningSystem) -> None:
    system = shared_system
    dso_admin_token = await bearer(system, SUNDKRAFT_ADMIN)
    async with cases_api(system) as cases:
        some_case = (await sent_case(cases, await bearer(system, INSTALLER)))["id"]
        # Sent, so cases itself shows it to Sundkraft's admin: the refusals below are the portal's own.
        assert (await cases.get(f"/cases/{some_case}", headers=dso_admin_token)).status_code == 200
    facility = pin(sundkraft_facility())
    paths = (
        "/arenden",
        "/utkast",
        f"/arenden/nytt?lon={facility['lon']}&lat={facility['lat']}",
        "/arenden/nytt/fuse_change",
        f"/arenden/{some_case}",
    )
    async with portal(system.portal_url) as visitor:
        for path in paths:
            answer = await visitor.get(path)
            assert answer.status_code == 303 and answer.headers["location"].startswith("/logga-in?next=/")
    async with signed_in(system.portal_url, SUNDKRAFT_ADMIN) as dso_admin:
        # Drafts and creating cases are the team's; the queue and a sent case are the DSO's too.
        for path in paths[1:4]:
            assert (await dso_admin.get(path)).status_code == 403, path
        for path in (paths[0], paths[4]):
            assert (await dso_admin.get(path)).status_code == 200, path
    async with signed_in(system.portal_url, "admin@kullabygden.example.com") as other_dso:
        assert (await other_dso.get(paths[4])).status_code == 404


async def test_from_a_pin_the_type_is_chosen_and_a_point_outside_the_dso_is_explained(
    system_with_cases: RunningSystem,
) -> None:
    system = system_with_cases
    facility = sundkraft_facility()
    async with signed_in(system.portal_url) as browser:
        chooser = await browser.get("/arenden/nytt", params=pin(facility))
        assert listed(chooser, "data-case-type")[:2] == ["fuse_change", "service_line_change"]
        # The header's menu is the DSO's types from cases, named by it.
        assert (
            'href="/arenden/nytt/service_line_change" data-case-type="service_line_change">Servisändring'
            in chooser.text
        )
        # A pin in Kullabygden's grid area: cases routes it there, not to the installer's Sundkraft.
        outside = await browser.post(
            "/arenden/nytt",
            data={
                "case_type": "fuse_change",
                **pin(address_in("kullabygden")),
                "csrf_token": csrf_token(chooser.text),
            },
        )
        assert outside.status_code == 422
        assert "utanför ditt nätbolags nätområden" in text(outside)
        assert not await draft_ids(browser)

        case_id, page = await new_draft(browser)
        assert page.status_code == 200 and "Ärendet är skapat som utkast" in text(page)
        # The address cases found at the pin fills the site.
        assert f'value="{facility.street} {facility.house_number}"' in page.text
        assert f'value="{facility.postcode}"' in page.text
        assert "Raderas om 14 dagar" in text(page)
        assert await draft_ids(browser) == [case_id]


async def test_the_menus_form_searches_an_address_whose_hit_creates_the_case(
    shared_system: RunningSystem,
) -> None:
    facility = sundkraft_facility()
    street = f"{facility.street} {facility.house_number}"
    async with signed_in(shared_system.portal_url) as browser:
        page = await browser.get("/arenden/nytt/fuse_change", params={"adress": street})
        assert page.status_code == 200 and "Nytt ärende: Säkringsändring" in text(page)
        hits = address_hits(page)
        label = f"{street}, {facility.postcode} {facility.town}"
        assert label in hits, list(hits)
        created = await browser.post("/arenden/nytt", data=hits[label])
        assert created.status_code == 303, text(created)
        case = await browser.get(created.headers["location"])
        assert "Ärendet är skapat som utkast" in text(case) and f'value="{street}"' in case.text

        # Nothing found: the search says so, and the map stays a way to the place.
        nowhere = await browser.get("/arenden/nytt/fuse_change", params={"adress": "Ingenstansgatan 999"})
        assert not address_hits(nowhere)
        assert "data-search-message" in nowhere.text and "Ingen adress hittades" in text(nowhere)
        assert 'href="/"' in nowhere.text
        assert (await browser.get("/arenden/nytt/no_such_type")).status_code == 404


async def test_every_button_saves_first_and_a_fetch_marks_exactly_what_it_changed(
    shared_system: RunningSystem,
) -> None:
    system = shared_system
    facility = sundkraft_facility()
    async with signed_in(system.portal_url) as browser:
        case_id, page = await new_draft(browser)
        # A value that cannot be right is refused beside its field, with everything typed kept.
        refused = await browser.post(
            f"/arenden/{case_id}",
            data=draft_form(page, **{"values.ean": "12345", "values.owner_name": "Anna"}),
        )
        assert refused.status_code == 422
        assert "18 siffror" in field_error(refused, "field-ean")
        assert 'value="Anna"' in refused.text

        # Half filled, then fetched with overwrite "no": the typed owner stays, empty fields fill.
        form = draft_form(
            page,
            **{"values.owner_name": "Anna Andersson", "values.new_main_fuse": "25"},
            fetch_number=facility.ean,
            fetch_overwrite="no",
            action="fetch",
        )
        fetched = await browser.post(f"/arenden/{case_id}", data=form)
        assert fetched.status_code == 303, text(fetched)
        changed = parse_qs(urlsplit(fetched.headers["location"]).query)["andrade"][0].split(",")
        # The facility's ids always follow the registry; the fuse was empty. The site (from the pin) and
        # the owner (typed) were not, so they stay.
        assert sorted(changed) == ["current_main_fuse", "ean", "meter_number", "technical_number"]

        page = await browser.get(fetched.headers["location"])
        assert sorted(changed_inputs(page)) == sorted(changed)  # the inputs, in the form's order
        assert listed(page, "data-changed-field") == changed
        assert 'value="Anna Andersson"' in page.text and f'value="{facility.ean}"' in page.text
        # What was typed was saved before the fetch, which ran at the version that save answered: cases
        # refuses any other as stale.
        async with cases_api(system) as cases:
            case = answered(await cases.get(f"/cases/{case_id}", headers=await bearer(system, INSTALLER)))
        assert case["values"]["owner_name"] == "Anna Andersson" and case["values"]["new_main_fuse"] == "25"
        assert case["values"]["current_main_fuse"] == str(facility.main_fuse_amperes)
        assert case["values"]["meter_number"] == facility.meter_number

        unknown = await browser.post(
            f"/arenden/{case_id}", data=draft_form(page, fetch_number=unknown_ean(), action="fetch")
        )
        assert unknown.status_code == 404 and "Inget i ärendet har ändrats" in text(unknown)
        assert f'value="{unknown_ean()}"' in unknown.text  # the number typed stays to be corrected

        page = await browser.get(f"/arenden/{case_id}")
        copied = await browser.post(
            f"/arenden/{case_id}",
            data=draft_form(page, action="copy_owner", **{"values.owner_street": "Storgatan 1"}),
        )
        assert copied.status_code == 303, text(copied)
        page = await browser.get(copied.headers["location"])
        assert changed_inputs(page) == ["payer_name", "payer_street"]  # the street typed with the button
        assert form_values(page.text, "data-case-form")["values.payer_street"] == "Storgatan 1"


async def test_sending_lists_everything_missing_at_once_then_gives_the_number(
    shared_system: RunningSystem,
) -> None:
    async with signed_in(shared_system.portal_url) as browser:
        case_id, page = await new_draft(browser)
        refused = await browser.post(f"/arenden/{case_id}", data=draft_form(page, action="submit"))
        assert refused.status_code == 422
        # The site came from the pin; everything else a fuse change needs is missing, all listed.
        missing = ["ean", "current_main_fuse", "new_main_fuse", *PARTIES]
        assert listed(refused, "data-missing") == missing
        for name in missing:
            assert "Obligatoriskt" in field_error(refused, f"field-{name}")

        complete = {
            "values.ean": sundkraft_facility().ean,
            "values.current_main_fuse": "20",
            "values.new_main_fuse": "25",
            **{f"values.{name}": value for name, value in PARTIES.items()},
        }
        sent = await browser.post(
            f"/arenden/{case_id}", data=draft_form(refused, **complete, action="submit")
        )
        assert sent.status_code == 303 and sent.headers["location"].endswith("?notis=submitted")
        page = await browser.get(sent.headers["location"])
        number = re.search(r"<span data-case-number>(SK-\d{7})</span>", page.text)  # Sundkraft's prefix
        assert number and f"med ärendenummer {number.group(1)}" in text(page)
        assert 'data-history-step="submitted"' in page.text and 'data-move="cancelled"' in page.text
        assert "data-case-form" not in page.text  # sent: read only


async def test_a_stale_version_says_someone_else_changed_it_and_shows_the_current_data(
    shared_system: RunningSystem,
) -> None:
    system = shared_system
    async with signed_in(system.portal_url) as browser, signed_in(system.portal_url, TEAM_ADMIN) as colleague:
        case_id, page = await new_draft(browser)
        # The team's admin saves the same draft meanwhile.
        theirs = await colleague.get(f"/arenden/{case_id}")
        saved = await colleague.post(
            f"/arenden/{case_id}", data=draft_form(theirs, **{"values.comment": "Ändrat av en kollega"})
        )
        assert saved.status_code == 303, text(saved)

        stale = await browser.post(f"/arenden/{case_id}", data=draft_form(page, **{"values.comment": "Mitt"}))
        assert stale.status_code == 409
        assert "Någon annan har ändrat ärendet" in text(stale)
        assert "Ändrat av en kollega" in text(stale)


async def test_attachments_go_up_with_any_button_and_come_back_inline(shared_system: RunningSystem) -> None:
    async with signed_in(shared_system.portal_url) as browser:
        case_id, page = await new_draft(browser, "service_line_change")
        assert 'data-required-attachment="site_plan" data-present="false"' in page.text

        wrong = await browser.post(
            f"/arenden/{case_id}",
            data=draft_form(page, action="upload", category="site_plan"),
            files={"file": ("plan.txt", b"just text", "text/plain")},
        )
        assert wrong.status_code == 422, text(wrong)
        assert "Bara PDF, PNG och JPEG" in text(wrong), re.findall(r'role="alert"[^>]*>[^<]*', text(wrong))
        uploaded = await browser.post(
            f"/arenden/{case_id}",
            data=draft_form(wrong, action="save", category="site_plan", **{"values.comment": "Med plan"}),
            files={"file": ("situationsplan.pdf", PDF, "application/pdf")},
        )
        assert uploaded.status_code == 303, text(uploaded)
        page = await browser.get(f"/arenden/{case_id}")
        assert 'data-required-attachment="site_plan" data-present="true"' in page.text
        assert "Med plan" in text(page)  # saved with the same button
        link = re.search(rf'href="(/arenden/{case_id}/bilagor/[^"]+)"', page.text)
        assert link
        file = await browser.get(link.group(1))
        assert file.content == PDF and file.headers["content-disposition"].startswith("inline")
        assert file.headers["content-type"] == "application/pdf"
        assert "default-src 'none'" in file.headers["content-security-policy"]
        attachment = re.search(r'name="remove_attachment" value="([^"]+)"', page.text)
        assert attachment
        removed = await browser.post(
            f"/arenden/{case_id}", data=draft_form(page, remove_attachment=attachment.group(1))
        )
        assert removed.headers["location"].endswith("?notis=removed")
        page = await browser.get(f"/arenden/{case_id}")
        assert 'data-required-attachment="site_plan" data-present="false"' in page.text
        assert (await browser.get(link.group(1))).status_code == 404


async def test_a_sent_case_offers_the_teams_steps_and_refuses_a_stale_one(
    shared_system: RunningSystem,
) -> None:
    system = shared_system
    async with cases_api(system) as cases:
        case = await sent_case(cases, await bearer(system, INSTALLER))
        await moved(cases, await bearer(system, SUNDKRAFT_ADMIN), case, "in_progress")  # the DSO starts
    async with signed_in(system.portal_url) as browser:
        page = await browser.get(f"/arenden/{case['id']}")
        assert "data-completion-form" in page.text and 'data-move="ready_for_meter"' in page.text
        assert 'data-move="cancelled"' not in page.text  # the DSO has started: too late to cancel
        notice = form_values(page.text, "data-completion-form")
        typed = {"values.installed_main_fuse": "25", "values.installation_inspected": "true"}
        incomplete = await browser.post(
            f"/arenden/{case['id']}/fardiganmalan",
            data={**notice, **typed, "values.comment": "Klart"},
        )
        assert incomplete.status_code == 422 and listed(incomplete, "data-missing") == ["completed_on"]
        assert form_values(incomplete.text, "data-completion-form")["values.comment"] == "Klart"
        done = await browser.post(
            f"/arenden/{case['id']}/fardiganmalan",
            data={**notice, **typed, "values.completed_on": "2026-03-01"},
        )
        assert done.status_code == 303, text(done)
        page = await browser.get(done.headers["location"])
        assert "FÄRDIGANMÄLAN INKOMMEN" in text(page) and "data-completion-values" in page.text

        token = csrf_token(page.text)
        stale = await browser.post(
            f"/arenden/{case['id']}/status",
            data={"csrf_token": token, "version": "1", "to_status": "ready_for_meter"},
        )
        assert stale.status_code == 409 and "ärendet har ändrats under tiden" in text(stale)
        ready = await browser.post(
            f"/arenden/{case['id']}/status",
            data={"csrf_token": token, "version": version_on(page), "to_status": "ready_for_meter"},
        )
        assert ready.status_code == 303, text(ready)
        page = await browser.get(ready.headers["location"])
        assert 'data-status="ready_for_meter"' in page.text and "KLAR FÖR MÄTARE" in text(page)


async def test_another_teams_case_is_a_page_that_does_not_exist(
    shared_system: RunningSystem, mailbox: Mailbox
) -> None:
    system = shared_system
    other_team = await another_sundkraft_team(system, mailbox)
    async with cases_api(system) as cases:
        foreign = await created_case(cases, other_team)
        uploaded = await cases.post(
            f"/cases/{foreign['id']}/attachments",
            files={"file": ("situationsplan.pdf", PDF, "application/pdf")},
            headers=other_team,
        )
        attachment = answered(uploaded, 201)
    async with signed_in(system.portal_url) as browser:
        for path in (
            f"/arenden/{foreign['id']}",
            "/arenden/not-an-id",
            f"/arenden/{foreign['id']}/bilagor/{attachment['id']}",
        ):
            answer = await browser.get(path)
            assert answer.status_code == 404 and "Sidan finns inte" in text(answer), path
        assert foreign["id"] not in await draft_ids(browser)  # nor is it among the team's drafts


async def test_the_lists_are_urls_and_pass_their_view_to_cases(system_with_cases: RunningSystem) -> None:
    system = system_with_cases
    installer, team_admin = await bearer(system, INSTALLER), await bearer(system, TEAM_ADMIN)
    async with cases_api(system) as cases:
        # SK-0000001 to SK-0000015, sent in order. The last three differ from the installer's own
        # submitted fuse changes in one way each, for the filters below to leave out.
        sent = [await sent_case(cases, installer) for _ in range(12)]
        sent.append(await sent_case(cases, team_admin))
        sent.append(await moved(cases, installer, await sent_case(cases, installer), "cancelled"))
        sent.append(await sent_case(cases, installer, "one_to_three_phase"))
        assert [case["case_number"] for case in sent] == [f"SK-{n:07d}" for n in range(1, 16)]
        await created_case(cases, installer)  # a draft
    async with signed_in(system.portal_url) as browser:
        page = await browser.get("/arenden")
        assert page.status_code == 200
        assert len(re.findall(r"<tr data-case-id=", page.text)) == 10
        assert "Visar 1 till 10 av totalt 15 rader" in text(page)
        assert case_numbers(page)[0] == "SK-0000015"  # newest first
        assert 'href="/arenden?page=2"' in page.text and 'aria-sort="descending"' in page.text
        assert 'href="/arenden?sort=case_number"' in page.text

        # Each part of the view reaches cases: the text matches SK-0000010 to SK-0000015, and of those
        # status, type and "mine" leave out one each; sorted by number, up.
        view = "q=sk-000001&status=submitted&case_type=fuse_change&mine=true&sort=case_number&page_size=25"
        filtered = await browser.get(f"/arenden?{view}")
        assert case_numbers(filtered) == ["SK-0000010", "SK-0000011", "SK-0000012"]
        assert "Visar 1 till 3 av totalt 3 rader" in text(filtered)
        assert (
            'href="/arenden?status=submitted&amp;case_type=fuse_change&amp;q=sk-000001&amp;mine=true&amp;sort=-case_number&amp;page_size=25"'
            in filtered.text
        )
        assert re.search(r'<input type="checkbox" name="mine" value="true" checked>', filtered.text)
        second = await browser.get("/arenden?page=2")
        assert case_numbers(second) == [f"SK-{n:07d}" for n in range(5, 0, -1)]

        drafts = await browser.get("/utkast")
        assert len(re.findall(r"<tr data-draft-id=", drafts.text)) == 1
        assert "om 14 dagar" in text(drafts) and "Sparade ärenden" in text(drafts)


async def test_cases_silent_is_a_try_again_page_and_the_menu_falls_back(cases_down: RunningSystem) -> None:
    async with signed_in(cases_down.portal_url) as browser:
        for path in ("/arenden", "/utkast", f"/arenden/{uuid.uuid4()}", "/arenden/nytt/fuse_change"):
            answer = await browser.get(path)
            assert answer.status_code == 503, path
            assert "Ärendetjänsten svarar inte just nu" in text(answer)
        start = await browser.get("/")
        assert start.status_code == 200
        # The portal's own list of the seeds' types, under the portal's names.
        assert 'data-case-type="production_facility">ABA – produktionsanläggning' in text(start)
