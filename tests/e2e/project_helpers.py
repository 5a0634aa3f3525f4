"""What the project pages' tests need besides a browser: addresses of the demo map that GIS finds exactly
(asked of GIS itself, as an import is), a case's values for a row of a project case type, and an
installer team of Kystnet (the Danish grid company whose seed has the project types; the demo has no
Danish team), made as such a team is made: applied for, approved, its password set from the welcome mail."""

import asyncio
import re
from dataclasses import dataclass
from email.message import EmailMessage

import httpx

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Mailbox
from servicekit.testing.plugin import unique_email
from tests.e2e.system import SMALL_NETWORK, RunningSystem

KYSTNET_ADMIN = "admin@kystnet.example.com"
KYSTNET_TOWN = "Ödåkra"  # the demo map's area that is Kystnet's when projects run (system.py)
NEW_TEAM_PASSWORD = "kystnet-el-2026"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass(frozen=True)
class WrittenAddress:
    street: str  # with the house number, as a user writes it
    postcode: str
    city: str


def row_values(address: WrittenAddress, owner: str = "Mette Jensen") -> dict[str, str]:
    """Everything a project case type (Rækkehuse …) needs to be sent, for one address."""
    party = {
        "name": owner,
        "personal_number": "010190-1234",
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
    }
    return {
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
        "main_fuse": "25",
        "number_of_units": "4",
        **{f"{role}_{name}": value for role in ("owner", "payer") for name, value in party.items()},
    }


async def bearer(system: RunningSystem, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=system.identity_url, timeout=30) as identity:
        answer = await identity.post("/sessions", json={"email": email, "password": password})
    assert answer.status_code == 201, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


async def found_addresses(
    system: RunningSystem, dso_id: str, town: str, count: int, *, token: dict[str, str]
) -> list[WrittenAddress]:
    """`count` addresses of `town` in the demo map that GIS finds exactly and routes to `dso_id`."""
    assert system.gis_url is not None, "the system runs without GIS"
    seen: set[tuple[str, str]] = set()
    written: list[WrittenAddress] = []
    for address in SMALL_NETWORK().addresses:
        if address.town == town and (address.street, address.number) not in seen:
            seen.add((address.street, address.number))
            written.append(WrittenAddress(f"{address.street} {address.number}", address.postcode, town))
    asked = written[: count * 5]
    rows = [
        {"ref": str(at), "street": one.street, "postcode": one.postcode, "city": one.city}
        for at, one in enumerate(asked)
    ]
    async with httpx.AsyncClient(base_url=system.gis_url, timeout=30) as gis:
        answer = await gis.post("/addresses/resolve", json={"addresses": rows}, headers=token)
    assert answer.status_code == 200, answer.text
    good = [
        asked[int(result["ref"])]
        for result in answer.json()["results"]
        if result["status"] == "found" and result["grid_area"]["dso_id"] == dso_id
    ]
    assert len(good) >= count, f"GIS found only {len(good)} addresses of {dso_id} in {town}"
    return good[:count]


async def kystnet_team(system: RunningSystem, mailbox: Mailbox) -> str:
    """A new installer team of Kystnet; the e-mail of its administrator (password NEW_TEAM_PASSWORD)."""
    contact = unique_email("ida")
    data = {
        "dso_id": "kystnet",
        "company_name": "Kyst El ApS",
        "organisation_number": "13585628",
        "sole_trader": "false",
        "street": "Strandvejen 12",
        "postcode": "2100",
        "city": "København Ø",
        "authorisations": ["electricity"],
        "contact_name": "Ida Holm",
        "contact_email": contact,
        "contact_mobile": "+4520123456",
        "language": "da",
        "gdpr_consent": "true",
    }
    files = {"certificate": ("autorisation.pdf", PDF, "application/pdf")}
    async with httpx.AsyncClient(base_url=system.identity_url, timeout=30) as identity:
        applied = await identity.post("/team-applications", data=data, files=files)
        assert applied.status_code == 201, applied.text
        approved = await identity.post(
            f"/team-applications/{applied.json()['id']}/approve",
            headers=await bearer(system, KYSTNET_ADMIN),
        )
        assert approved.status_code == 200, approved.text
        token = await _set_password_token(mailbox, contact)
        chosen = await identity.post(f"/password-links/{token}", json={"password": NEW_TEAM_PASSWORD})
        assert chosen.status_code == 204, chosen.text
    return contact


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
