"""Applying to register a team: every wrong field is named and nothing is stored; a good application is
stored signed, with its certificate and the personal number encrypted, and announced without it."""

import hashlib
import io
import logging
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from identity.adapters.personal_numbers import PersonalNumberCipher

from .application_helpers import (
    EXE,
    PDF,
    PERSONAL_NUMBER,
    PNG,
    application_data,
    certificate,
    field_names,
    stored_application,
    stored_counts,
    submit,
)
from .login_helpers import UowFactory, events

pytestmark = pytest.mark.integration

MB = 1024 * 1024
BAD_FIELDS: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("bad orgnr", {"organisation_number": "556036-0794"}, certificate(), "organisation_number"),
    (
        "Swedish orgnr to a Danish DSO",
        {"dso_id": "kystnet", "postcode": "2100", "contact_mobile": "+4520123456"},
        certificate(),
        "organisation_number",
    ),
    ("personal number as orgnr", {"organisation_number": "19800101-3294"}, certificate(),
     "organisation_number"),
    ("sole trader without personal number", {"sole_trader": "true"}, certificate(), "personal_number"),
    ("bad personal number", {"sole_trader": "true", "personal_number": "800101-3295"}, certificate(),
     "personal_number"),
    (".exe renamed .pdf", {}, certificate(EXE, "bevis.pdf"), "certificate"),
    ("11 MB file", {}, certificate(PDF + bytes(11 * MB)), "certificate"),
    ("no certificate", {}, {}, "certificate"),
    ("empty certificate", {}, certificate(b""), "certificate"),
    ("missing consent", {"gdpr_consent": None}, certificate(), "gdpr_consent"),
    ("consent refused", {"gdpr_consent": "false"}, certificate(), "gdpr_consent"),
    ("no authorisation", {"authorisations": None}, certificate(), "authorisations"),
    ("unknown authorisation", {"authorisations": ["nuclear"]}, certificate(), "authorisations"),
    ("bad e-mail", {"contact_email": "anna.example.com"}, certificate(), "contact_email"),
    ("bad mobile", {"contact_mobile": "12345"}, certificate(), "contact_mobile"),
    ("bad postcode", {"postcode": "ABC"}, certificate(), "postcode"),
    ("unknown DSO", {"dso_id": "nobody"}, certificate(), "dso_id"),
    ("no company name", {"company_name": "  "}, certificate(), "company_name"),
    ("control character", {"city": "Helsing\x00borg"}, certificate(), "city"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data_overrides", "files", "field"),
    [case[1:] for case in BAD_FIELDS],
    ids=[case[0] for case in BAD_FIELDS],
)
async def test_a_wrong_field_is_named_and_nothing_is_stored(
    identity_url: str,
    uow_factory: UowFactory,
    data_overrides: dict[str, Any],
    files: dict[str, Any],
    field: str,
) -> None:
    before = await stored_counts(uow_factory)
    async with httpx.AsyncClient(base_url=identity_url, timeout=30) as client:
        response = await submit(client, application_data(**data_overrides), files)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field_names(response) == [field], response.text
    assert await stored_counts(uow_factory) == before


async def test_every_wrong_field_is_named_at_once(identity_url: str, uow_factory: UowFactory) -> None:
    before = await stored_counts(uow_factory)
    data = application_data(
        organisation_number="12345",
        sole_trader="true",
        contact_email="not-an-address",
        gdpr_consent="false",
        authorisations=None,
    )
    # Just past 10 MB: within what identity reads, so the other fields are still checked.
    too_large = certificate(PDF + bytes(10 * MB))
    async with httpx.AsyncClient(base_url=identity_url, timeout=30) as client:
        response = await submit(client, data, too_large)

    assert response.status_code == 422
    assert field_names(response) == [
        "organisation_number",
        "personal_number",
        "authorisations",
        "certificate",
        "contact_email",
        "gdpr_consent",
    ]
    assert "10 MB" in response.json()["errors"][3]["message"]
    assert await stored_counts(uow_factory) == before


async def test_a_good_application_is_stored_signed_with_the_personal_number_encrypted(
    identity_url: str, identity_app: FastAPI, uow_factory: UowFactory
) -> None:
    log_lines = io.StringIO()
    capture = logging.StreamHandler(log_lines)
    logging.getLogger().addHandler(capture)
    data = application_data(
        company_name="Anna Anderssons El",
        organisation_number="5599000006",
        sole_trader="true",
        personal_number=PERSONAL_NUMBER,
        authorisations=["district_heating", "electricity"],
        contact_email="Anna.Andersson@Example.COM",
    )
    try:
        async with httpx.AsyncClient(base_url=identity_url) as client:
            response = await submit(client, data, certificate(PNG, "bevis.png"))
    finally:
        logging.getLogger().removeHandler(capture)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "submitted"
    assert body["signature"]["signed_by"] == "Anna Andersson"
    stored = await stored_application(uow_factory, body["id"])
    assert stored.signature is not None
    assert stored.signature.sha256 == body["signature"]["sha256"]
    assert len(stored.signature.sha256) == 64
    assert stored.signature.signed_by == "Anna Andersson"
    assert stored.gdpr_consent_at == stored.signature.signed_at
    assert sorted(stored.authorisations) == ["district_heating", "electricity"]
    assert stored.contact_mobile == "+46701234567"
    assert stored.address is not None and stored.address.postcode == "252 25"
    assert stored.contact_email == "Anna.Andersson@example.com"  # the domain part normalised

    # Encrypted, not in clear: decryptable only with identity's key and this application's id.
    sealed = stored.personal_number_encrypted
    assert sealed is not None
    assert b"3294" not in sealed and b"800101" not in sealed
    cipher: PersonalNumberCipher = identity_app.state.personal_number_cipher
    assert cipher.decrypt(sealed, context=stored.id) == "19800101-3294"

    async with uow_factory() as uow:
        assert stored.certificate_id is not None
        stored_certificate = await uow.certificates.get(stored.certificate_id)
    assert stored_certificate is not None
    assert stored_certificate.content_type == "image/png"  # from the bytes, not the declared PDF
    assert stored_certificate.sha256 == hashlib.sha256(PNG).hexdigest()

    [event] = await events(uow_factory, "team_application.submitted.v1")
    assert event["application_id"] == body["id"]
    assert event["dso_contact_email"] == "ansokningar@sundkraft.example.com"
    assert event["organisation_number"] == "5599000006"
    assert "personal_number" not in event
    # The number appears in no answer, no event and no log line, in any of its forms.
    for form in ("800101-3294", "8001013294", "19800101-3294"):
        assert form not in response.text
        assert form not in str(event)
        assert form not in log_lines.getvalue()


async def test_a_danish_application_is_checked_by_danish_rules(
    identity_url: str, uow_factory: UowFactory
) -> None:
    data = application_data(
        dso_id="kystnet",
        organisation_number="DK 13585628",
        sole_trader="true",
        personal_number="211062-5629",
        postcode="2100",
        city="København Ø",
        contact_mobile="20 12 34 56",
        language="da",
    )
    async with httpx.AsyncClient(base_url=identity_url) as client:
        response = await submit(client, data)
        swedish_number = await submit(client, {**data, "personal_number": PERSONAL_NUMBER})

    assert response.status_code == 201, response.text
    stored = await stored_application(uow_factory, response.json()["id"])
    assert stored.organisation_number == "13585628"
    assert stored.contact_mobile == "+4520123456"
    assert swedish_number.status_code == 422
    assert field_names(swedish_number) == ["personal_number"]
