"""Across services over the real broker: a DSO moves an installer's case and the installer gets a mail in
their language, once; the case names its installer and who moved it as identity knows them."""

import asyncio
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from shapely.prepared import prep

from gis.domain.demo_network import DemoNetwork
from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from tests.e2e.system import SMALL_NETWORK, RunningSystem

pytestmark = pytest.mark.integration

INSTALLER = "installer@demo-el.example.com"
DSO_ADMIN = "admin@sundkraft.example.com"


async def _token(identity: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await identity.post("/sessions", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 201, response.text
    return {"authorization": f"Bearer {response.json()['access_token']}"}


def _sundkraft_place_and_facility(network: DemoNetwork) -> tuple[tuple[float, float], str]:
    areas = [prep(a.geometry) for a in network.grid_areas if a.dso_id == "sundkraft"]
    address = next(a for a in network.addresses if any(area.contains(a.point) for area in areas))
    facility = next(
        f
        for f in network.facilities
        if f.dso_id == "sundkraft" or any(area.contains(f.point) for area in areas)
    )
    return (address.point.x, address.point.y), facility.ean


async def _sent_case(
    cases: httpx.AsyncClient, installer: dict[str, str], network: DemoNetwork
) -> dict[str, Any]:
    (lon, lat), ean = _sundkraft_place_and_facility(network)
    party = {"name": "Karin Holm", "personal_number": "19800101-1234", "street": "Solgatan 20"}
    party |= {"postcode": "25225", "city": "Helsingborg"}
    values = {"ean": ean, "current_main_fuse": "16", "new_main_fuse": "25"}
    values |= {f"{who}_{k}": v for who in ("owner", "payer") for k, v in party.items()}
    created = await cases.post(
        "/cases",
        json={"case_type": "fuse_change", "lon": lon, "lat": lat, "values": values},
        headers=installer,
    )
    assert created.status_code == 201, created.text
    sent = await cases.post(f"/cases/{created.json()['id']}/submit", json={"version": 1}, headers=installer)
    assert sent.status_code == 200, sent.text
    case: dict[str, Any] = sent.json()
    return case


async def test_the_installer_is_mailed_when_the_dso_moves_the_case(
    system_with_cases: RunningSystem, mailbox: Mailbox
) -> None:
    system = system_with_cases
    assert system.cases_url is not None
    async with (
        httpx.AsyncClient(base_url=system.identity_url, timeout=30) as identity,
        httpx.AsyncClient(base_url=system.cases_url, timeout=30) as cases,
    ):
        installer, dso_admin = await _token(identity, INSTALLER), await _token(identity, DSO_ADMIN)
        case = await _sent_case(cases, installer, SMALL_NETWORK())
        moved = await cases.post(
            f"/cases/{case['id']}/transitions",
            json={"version": case["version"], "to_status": "planning"},
            headers=dso_admin,
        )
        assert moved.status_code == 200, moved.text

        def about_this_case(mail: EmailMessage) -> bool:
            body = mail.get_body(preferencelist=("plain",))
            return mail["To"] == INSTALLER and body is not None and case["id"] in body.get_content()

        mails = await asyncio.to_thread(mailbox.wait_for, about_this_case, timeout=60, count=1)
        assert case["case_number"] in mails[0]["Subject"]
        body = mails[0].get_body(preferencelist=("plain",))
        assert body is not None and "PLANERING PÅGÅR" in body.get_content()

        # Who acted is named as identity signed them into their tokens.
        named = (await cases.get(f"/cases/{case['id']}", headers=installer)).json()
        assert named["installer_name"] == "Erik Svensson"
        assert named["history"][-1]["actor_name"] == "Sara Lind"

        await asyncio.sleep(2)  # long enough for a duplicate to have been sent, were there one
        assert len(mailbox_matches(mailbox, about_this_case)) == 1


def mailbox_matches(mailbox: Mailbox, wanted: Any) -> list[EmailMessage]:
    return [mail for mail in mailbox.messages() if wanted(mail)]
