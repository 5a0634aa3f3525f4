"""Signing an application ("Signera och ansök"): the SHA-256 of the canonical JSON of exactly what the
signer saw and sent, so anyone can later recompute it from the stored application and certificate.

The personal number itself is not in the document (it must not be recoverable from anything but its
encrypted column), only whether one was given.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from identity.domain.certificate import Certificate
from identity.domain.team_application import Signature, TeamApplication

DOCUMENT_FORMAT = "team_application.signed.v1"


def canonical_json(document: dict[str, Any]) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8: one byte sequence per document."""
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def signed_document(
    application: TeamApplication,
    certificate: Certificate,
    *,
    personal_number_given: bool,
    signed_by: str,
    signed_at: datetime,
) -> dict[str, Any]:
    address = application.address
    return {
        "format": DOCUMENT_FORMAT,
        "dso_id": application.dso_id,
        "company_name": application.company_name,
        "organisation_number": application.organisation_number,
        "sole_trader": application.sole_trader,
        "personal_number_given": personal_number_given,
        "address": {
            "street": address.street if address else None,
            "postcode": address.postcode if address else None,
            "city": address.city if address else None,
        },
        "authorisations": sorted(application.authorisations),
        "certificate": {
            "sha256": certificate.sha256,
            "file_name": certificate.file_name,
            "content_type": certificate.content_type,
            "size": certificate.size,
        },
        "contact": {
            "name": application.contact_name,
            "email": application.contact_email,
            "mobile": application.contact_mobile,
        },
        "language": application.language,
        "gdpr_consent": application.gdpr_consent_at is not None,
        "signed_by": signed_by,
        "signed_at": signed_at.astimezone(UTC).isoformat(),
    }


def sign_application(
    application: TeamApplication, certificate: Certificate, *, personal_number_given: bool, at: datetime
) -> Signature:
    """Signed by the named team administrator-to-be, who fills in and sends the form."""
    document = signed_document(
        application,
        certificate,
        personal_number_given=personal_number_given,
        signed_by=application.contact_name,
        signed_at=at,
    )
    return Signature(application.contact_name, at, hashlib.sha256(canonical_json(document)).hexdigest())


def signature_intact(application: TeamApplication, certificate: Certificate) -> bool:
    """Whether the stored application and certificate are still exactly what was signed."""
    signature = application.signature
    if signature is None:
        return False
    document = signed_document(
        application,
        certificate,
        personal_number_given=application.personal_number_encrypted is not None,
        signed_by=signature.signed_by,
        signed_at=signature.signed_at,
    )
    return hashlib.sha256(canonical_json(document)).hexdigest() == signature.sha256
