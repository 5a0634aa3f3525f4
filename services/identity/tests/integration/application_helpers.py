"""Team application forms as a browser (through the gateway) would send them, and what identity stored."""

import uuid
from typing import Any

import httpx
from sqlalchemy import func, select

from identity.adapters.tables import CertificateRow, TeamApplicationRow, TeamRow, UserRow
from identity.domain.team_application import TeamApplication
from servicekit.db.tables import outbox_message
from servicekit.testing.plugin import unique_email

from .login_helpers import UowFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48)  # a Windows executable's start
PERSONAL_NUMBER = "800101-3294"  # valid check digit; birth date 1 January 1980


def application_data(**overrides: Any) -> dict[str, Any]:
    """A valid application to Sundkraft (SE); `None` leaves a field out."""
    data: dict[str, Any] = {
        "dso_id": "sundkraft",
        "company_name": "Elfirma Solgatan AB",
        "organisation_number": "556036-0793",
        "sole_trader": "false",
        "street": "Solgatan 1",
        "postcode": "252 25",
        "city": "Helsingborg",
        "authorisations": ["electricity", "biogas"],
        "contact_name": "Anna Andersson",
        "contact_email": unique_email("anna"),
        "contact_mobile": "070-123 45 67",
        "language": "sv",
        "gdpr_consent": "true",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def certificate(content: bytes = PDF, name: str = "auktorisationsbevis.pdf") -> dict[str, Any]:
    # The declared type always claims PDF: identity must decide by the content alone.
    return {"certificate": (name, content, "application/pdf")}


async def submit(
    client: httpx.AsyncClient, data: dict[str, Any] | None = None, files: dict[str, Any] | None = None
) -> httpx.Response:
    return await client.post(
        "/team-applications",
        data=data if data is not None else application_data(),
        files=files if files is not None else certificate(),
    )


async def submitted_id(client: httpx.AsyncClient, **overrides: Any) -> uuid.UUID:
    response = await submit(client, application_data(**overrides))
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["id"])


async def stored_counts(uow_factory: UowFactory) -> dict[str, int]:
    """How many applications, certificates, teams, users and outbox events identity holds."""
    counts = {}
    async with uow_factory() as uow:
        for name, column in (
            ("applications", TeamApplicationRow.id),
            ("certificates", CertificateRow.id),
            ("teams", TeamRow.id),
            ("users", UserRow.id),
            ("events", outbox_message.c.id),
        ):
            counts[name] = (await uow.session.execute(select(func.count(column)))).scalar_one()
    return counts


async def stored_application(uow_factory: UowFactory, application_id: uuid.UUID | str) -> TeamApplication:
    async with uow_factory() as uow:
        application = await uow.applications.get(uuid.UUID(str(application_id)))
    assert application is not None
    return application


def field_names(response: httpx.Response) -> list[str]:
    return [error["field"] for error in response.json().get("errors", [])]
