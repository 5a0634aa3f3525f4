"""HTTP: apply to register a team (a multipart form with the certificate); list the DSOs to apply to."""

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, status
from pydantic import BaseModel
from starlette.datastructures import FormData, UploadFile

from identity.adapters.personal_numbers import PersonalNumberCipher
from identity.config import IdentitySettings
from identity.domain.application_form import ApplicationForm, CertificateUpload, InvalidApplication
from identity.domain.authorisation import Authorisation
from identity.entrypoints.api.access import invalid
from identity.entrypoints.api.deps import UowFactory
from identity.service_layer.dsos import list_dsos
from identity.service_layer.team_applications import submit_team_application
from servicekit.uploads import BodyTooLarge, read_form, read_upload

router = APIRouter(tags=["team applications"])

# Room for the form's text fields and multipart framing on top of the certificate itself.
FORM_OVERHEAD_BYTES = 256 * 1024
_TEXT_FIELDS = (
    "dso_id", "company_name", "organisation_number", "personal_number", "street", "postcode", "city",
    "contact_name", "contact_email", "contact_mobile", "language",
)  # fmt: skip
_CHECKBOXES = ("sole_trader", "gdpr_consent")
_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [name for name in (*_TEXT_FIELDS, "authorisations", "certificate", "gdpr_consent")
                 if name not in ("personal_number", "language")],
    "properties": {
        **{name: {"type": "string"} for name in _TEXT_FIELDS},
        **{name: {"type": "boolean"} for name in _CHECKBOXES},
        "authorisations": {"type": "array", "items": {"enum": [a.value for a in Authorisation]}},
        "certificate": {"type": "string", "format": "binary", "description": "PDF, PNG or JPEG, ≤ 10 MB"},
    },
}  # fmt: skip


class SignatureOut(BaseModel):
    signed_by: str
    signed_at: datetime
    sha256: str


class TeamApplicationOut(BaseModel):
    id: uuid.UUID
    status: str
    dso_id: str
    signature: SignatureOut | None


class DsoOut(BaseModel):
    id: str
    name: str
    country: str


@router.post(
    "/team-applications",
    status_code=status.HTTP_201_CREATED,
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": _FORM_SCHEMA}}}},
)
async def apply_for_team(request: Request, uow: UowFactory) -> TeamApplicationOut:
    """Apply to register an installer team with a DSO ("Signera och ansök"). Every wrong field is named
    in one 422 answer; the applicant gets a confirmation mail and the DSO the application."""
    settings: IdentitySettings = request.app.state.settings
    cipher: PersonalNumberCipher = request.app.state.personal_number_cipher
    limit = settings.max_certificate_bytes
    try:
        form = await read_form(request, max_body_bytes=limit + FORM_OVERHEAD_BYTES)
    except BodyTooLarge:
        raise invalid({"certificate": f"must be at most {limit // (1024 * 1024)} MB"}) from None
    try:
        application = await submit_team_application(
            await _application_form(form, limit), uow(), cipher, max_certificate_bytes=limit
        )
    except InvalidApplication as error:
        raise invalid(error.errors) from None
    finally:
        await form.close()
    signature = application.signature
    return TeamApplicationOut(
        id=application.id,
        status=application.status.value,
        dso_id=application.dso_id,
        signature=SignatureOut(
            signed_by=signature.signed_by, signed_at=signature.signed_at, sha256=signature.sha256
        )
        if signature
        else None,
    )


@router.get("/dsos")
async def dsos(uow: UowFactory) -> list[DsoOut]:
    """The grid companies served by this platform."""
    return [DsoOut(id=d.id, name=d.name, country=d.country) for d in await list_dsos(uow())]


async def _application_form(form: FormData, limit: int) -> ApplicationForm:
    file = form.get("certificate")
    certificate = None
    if isinstance(file, UploadFile):
        content, too_large = await read_upload(file, limit)
        certificate = CertificateUpload(file.filename or "", content, exceeds_limit=too_large)
    # Repeated fields (checkboxes) or one comma-separated value: both mean a list.
    values = [value for value in form.getlist("authorisations") if isinstance(value, str)]
    authorisations = tuple(part for value in values for part in value.split(","))
    return ApplicationForm(
        dso_id=_text(form, "dso_id"),
        company_name=_text(form, "company_name"),
        organisation_number=_text(form, "organisation_number"),
        sole_trader=_checkbox(form, "sole_trader"),
        personal_number=_text(form, "personal_number"),
        street=_text(form, "street"),
        postcode=_text(form, "postcode"),
        city=_text(form, "city"),
        authorisations=authorisations,
        certificate=certificate,
        contact_name=_text(form, "contact_name"),
        contact_email=_text(form, "contact_email"),
        contact_mobile=_text(form, "contact_mobile"),
        language=_text(form, "language") or "sv",
        gdpr_consent=_checkbox(form, "gdpr_consent"),
    )


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _checkbox(form: FormData, name: str) -> bool:
    # An HTML checkbox sends "on" when ticked and nothing otherwise; API clients send true/false.
    value = form.get(name)
    return isinstance(value, str) and value.strip().lower() in {"on", "true", "1", "yes"}
