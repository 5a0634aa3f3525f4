"""HTTP: a DSO admin reviews the team applications to their own DSO.

Another DSO's application answers 404, like one that does not exist (the refusal is logged).
"""

import uuid
from datetime import datetime
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from identity.adapters.personal_numbers import PersonalNumberCipher
from identity.domain.authorisation import Authorisation
from identity.domain.certificate import Certificate
from identity.domain.team_application import ApplicationStatus, TeamApplication
from identity.entrypoints.api.access import DsoAdmin, actor_of, answered_as_problems
from identity.entrypoints.api.deps import UowFactory
from identity.service_layer.reviews import (
    MAX_REASON,
    application_certificate,
    application_details,
    approve_application,
    list_applications,
    reject_application,
)

router = APIRouter(tags=["team application reviews"])


class ApplicationSummaryOut(BaseModel):
    id: uuid.UUID
    status: ApplicationStatus
    company_name: str
    organisation_number: str
    sole_trader: bool
    authorisations: list[Authorisation]
    contact_name: str
    submitted_at: datetime
    decided_at: datetime | None


class AddressOut(BaseModel):
    street: str
    postcode: str
    city: str


class CertificateOut(BaseModel):
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class SignatureOut(BaseModel):
    signed_by: str
    signed_at: datetime
    sha256: str
    intact: bool = Field(description="The stored application and certificate still hash to `sha256`.")


class ApplicationOut(ApplicationSummaryOut):
    dso_id: str
    personal_number: str | None = Field(description="Masked (`19800101-****`); never in clear.")
    address: AddressOut | None
    contact_email: str
    contact_mobile: str | None
    language: str
    gdpr_consent_at: datetime | None
    certificate: CertificateOut | None
    signature: SignatureOut | None
    decided_by: uuid.UUID | None
    decided_by_name: str | None = Field(None, description="The DSO admin who decided, by name")
    rejection_reason: str | None
    team_id: uuid.UUID | None


class RejectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=1, max_length=MAX_REASON)


class ApprovalOut(BaseModel):
    application_id: uuid.UUID
    status: ApplicationStatus
    team_id: uuid.UUID
    admin_user_id: uuid.UUID


@router.get("/team-applications")
async def applications(
    principal: DsoAdmin, uow: UowFactory, status: ApplicationStatus | None = None
) -> list[ApplicationSummaryOut]:
    """The applications to the caller's DSO, newest first; `status` filters."""
    found = await list_applications(uow(), actor_of(principal), status)
    return [_summary(application) for application in found]


@router.get("/team-applications/{application_id}")
async def application(
    application_id: uuid.UUID, request: Request, principal: DsoAdmin, uow: UowFactory
) -> ApplicationOut:
    """One application: details, the certificate's metadata, the signature (checked)."""
    cipher: PersonalNumberCipher = request.app.state.personal_number_cipher
    with answered_as_problems(request, principal):
        details = await application_details(uow(), cipher, actor_of(principal), application_id)
    found, certificate, signature = details.application, details.certificate, details.application.signature
    address = found.address
    return ApplicationOut(
        **_summary(found).model_dump(),
        dso_id=found.dso_id,
        personal_number=details.personal_number_masked,
        address=AddressOut(street=address.street, postcode=address.postcode, city=address.city)
        if address
        else None,
        contact_email=found.contact_email,
        contact_mobile=found.contact_mobile,
        language=found.language,
        gdpr_consent_at=found.gdpr_consent_at,
        certificate=_certificate(certificate) if certificate else None,
        signature=SignatureOut(
            signed_by=signature.signed_by,
            signed_at=signature.signed_at,
            sha256=signature.sha256,
            intact=details.signature_intact,
        )
        if signature
        else None,
        decided_by=found.decided_by,
        decided_by_name=details.decided_by_name,
        rejection_reason=found.rejection_reason,
        team_id=found.team_id,
    )


@router.get("/team-applications/{application_id}/certificate", response_class=Response)
async def certificate(
    application_id: uuid.UUID, request: Request, principal: DsoAdmin, uow: UowFactory
) -> Response:
    """The uploaded file, as a download of the type its content proved to be."""
    with answered_as_problems(request, principal):
        found = await application_certificate(uow(), actor_of(principal), application_id)
    return Response(
        found.content,
        media_type=found.content_type,
        headers={
            "content-disposition": _attachment(found.download_name),
            "x-content-type-options": "nosniff",
            # Opened by mistake in the browser, it still runs nothing and is not cached anywhere.
            "content-security-policy": "default-src 'none'; sandbox",
            "cache-control": "private, no-store",
        },
    )


@router.post("/team-applications/{application_id}/approve")
async def approve(
    application_id: uuid.UUID, request: Request, principal: DsoAdmin, uow: UowFactory
) -> ApprovalOut:
    """Create the team and its administrator; the administrator is mailed a set-password link."""
    with answered_as_problems(request, principal):
        approval = await approve_application(uow(), actor_of(principal), application_id)
    return ApprovalOut(
        application_id=approval.application.id,
        status=approval.application.status,
        team_id=approval.team.id,
        admin_user_id=approval.admin.id,
    )


@router.post("/team-applications/{application_id}/reject")
async def reject(
    application_id: uuid.UUID, body: RejectionIn, request: Request, principal: DsoAdmin, uow: UowFactory
) -> ApplicationSummaryOut:
    """Reject with a reason; the applicant is mailed it."""
    with answered_as_problems(request, principal):
        rejected = await reject_application(uow(), actor_of(principal), application_id, body.reason)
    return _summary(rejected)


def _summary(application: TeamApplication) -> ApplicationSummaryOut:
    return ApplicationSummaryOut(
        id=application.id,
        status=application.status,
        company_name=application.company_name,
        organisation_number=application.organisation_number,
        sole_trader=application.sole_trader,
        authorisations=sorted(application.authorisations),
        contact_name=application.contact_name,
        submitted_at=application.submitted_at,
        decided_at=application.decided_at,
    )


def _certificate(certificate: Certificate) -> CertificateOut:
    return CertificateOut(
        file_name=certificate.file_name,
        content_type=certificate.content_type,
        size=certificate.size,
        sha256=certificate.sha256,
        uploaded_at=certificate.uploaded_at,
    )


def _attachment(file_name: str) -> str:
    # RFC 6266: a plain-ASCII fallback name, and the real one percent-encoded (RFC 5987).
    fallback = "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\;' else "_" for ch in file_name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"
