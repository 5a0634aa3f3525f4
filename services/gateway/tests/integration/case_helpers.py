"""What the case page tests need besides a browser, from the real system (tests/e2e/system.py): places
of the demo network GIS runs with, sign-ins at identity, cases set up through the cases service's own API
(sent, moved on by the grid company), and an installer team of Sundkraft other than the demo one."""

import asyncio
import contextlib
import functools
import re
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import httpx
from shapely.prepared import prep

from cases.domain.ean import gs1_check_digit
from gis.domain.demo_network import DemoNetwork
from gis.domain.features import Address, Facility
from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from tests.e2e.system import SMALL_NETWORK, RunningSystem

from .portal_helpers import SUNDKRAFT_ADMIN, apply_for_team

OTHER_TEAM_PASSWORD = "ett-annat-elteam-2026"  # the second team admin chooses it
# What a fuse change needs besides the site (the pin's address) and the facility's EAN to be sent.
PARTIES = {
    f"{party}_{name}": value
    for party in ("owner", "payer")
    for name, value in (
        ("name", "Karin Holm"),
        ("personal_number", "19800101-1234"),
        ("street", "Solgatan 20"),
        ("postcode", "252 25"),
        ("city", "Helsingborg"),
    )
}


@functools.cache
def network() -> DemoNetwork:
    return SMALL_NETWORK()


@functools.cache
def sundkraft_facility() -> Facility:
    """A metering point of the demo installer's DSO at an address with no lettered neighbours (37A, 37B),
    so a pin on it finds the facility's own address."""
    return next(f for f in network().facilities if f.dso_id == "sundkraft" and f.house_number.isdigit())


def address_in(dso_id: str) -> Address:
    areas = [prep(area.geometry) for area in network().grid_areas if area.dso_id == dso_id]
    return next(a for a in network().addresses if any(area.contains(a.point) for area in areas))


def pin(place: Facility | Address) -> dict[str, str]:
    """The point as a pin's link and the type chooser's form carry it."""
    return {"lon": str(place.point.x), "lat": str(place.point.y)}


def unknown_ean() -> str:
    """Well formed (its check digit right), but no facility of the network has it."""
    body = "73599900000000004"
    ean = f"{body}{gs1_check_digit(body)}"
    assert all(facility.ean != ean for facility in network().facilities)
    return ean


async def bearer(system: RunningSystem, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """The headers of `email` signed in at identity, as the gateway calls the other services."""
    async with httpx.AsyncClient(base_url=system.identity_url, timeout=30) as identity:
        answer = await identity.post("/sessions", json={"email": email, "password": password})
    assert answer.status_code == 201, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


@contextlib.asynccontextmanager
async def cases_api(system: RunningSystem) -> AsyncIterator[httpx.AsyncClient]:
    assert system.cases_url is not None, "the system runs without cases"
    async with httpx.AsyncClient(base_url=system.cases_url, timeout=30) as client:
        yield client


def answered(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def created_case(
    cases: httpx.AsyncClient, headers: dict[str, str], case_type: str = "fuse_change", **values: str
) -> dict[str, Any]:
    """A draft at the facility."""
    place = sundkraft_facility().point
    body = {"case_type": case_type, "lon": place.x, "lat": place.y, "values": values}
    return answered(await cases.post("/cases", json=body, headers=headers), 201)


async def sent_case(
    cases: httpx.AsyncClient, headers: dict[str, str], case_type: str = "fuse_change"
) -> dict[str, Any]:
    """A case at the facility with all it needs, sent: it has its number. Another `case_type` must need no
    attachment and no field a fuse change lacks (`one_to_three_phase` only drops the current fuse)."""
    values = {"ean": sundkraft_facility().ean, "new_main_fuse": "25", **PARTIES}
    if case_type == "fuse_change":
        values["current_main_fuse"] = "16"
    draft = await created_case(cases, headers, case_type, **values)
    sent = await cases.post(
        f"/cases/{draft['id']}/submit", json={"version": draft["version"]}, headers=headers
    )
    return answered(sent)


async def moved(
    cases: httpx.AsyncClient, headers: dict[str, str], case: dict[str, Any], to: str
) -> dict[str, Any]:
    body = {"version": case["version"], "to_status": to}
    return answered(await cases.post(f"/cases/{case['id']}/transitions", json=body, headers=headers))


async def another_sundkraft_team(system: RunningSystem, mailbox: Mailbox) -> dict[str, str]:
    """The headers of the administrator of a second installer team of Sundkraft, made as such a team is
    made in production: its application sent, approved by Sundkraft's admin, the welcome mail's link used
    to set a password, and a sign-in. (The demo seed has one team only; a new resource of the demo team
    would still be the same team.)"""
    application_id, contact = await apply_for_team(system.identity_url, company_name="Annat El AB")
    async with httpx.AsyncClient(base_url=system.identity_url, timeout=30) as identity:
        approved = await identity.post(
            f"/team-applications/{application_id}/approve", headers=await bearer(system, SUNDKRAFT_ADMIN)
        )
        assert approved.status_code == 200, approved.text
        token = await _set_password_token(mailbox, contact)
        chosen = await identity.post(f"/password-links/{token}", json={"password": OTHER_TEAM_PASSWORD})
        assert chosen.status_code == 204, chosen.text
    return await bearer(system, contact, OTHER_TEAM_PASSWORD)


async def _set_password_token(mailbox: Mailbox, recipient: str) -> str:
    def welcome(mail: EmailMessage) -> bool:
        body = mail.get_body(preferencelist=("plain",))
        return mail["To"] == recipient and body is not None and "/losenord/" in body.get_content()

    [mail] = await asyncio.to_thread(mailbox.wait_for, welcome, timeout=60, count=1)
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    match = re.search(r"/losenord/([A-Za-z0-9_\-]+)", body.get_content())
    assert match, "the welcome mail has no set-password link"
    return match.group(1)
