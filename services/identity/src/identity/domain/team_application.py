"""A company's application to register a team with a DSO, and the decision on it."""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from identity.domain.authorisation import Authorisation

Language = Literal["sv", "da", "en"]


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class ApplicationAlreadyDecided(Exception):
    """Approving or rejecting an application that was already decided."""

    def __init__(self, status: ApplicationStatus) -> None:
        super().__init__(f"the application is already {status.value}")
        self.status = status


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    postcode: str
    city: str


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed ("Signera och ansök"), when, and the SHA-256 of exactly what was signed."""

    signed_by: str
    signed_at: datetime
    sha256: str


@dataclass
class TeamApplication:
    dso_id: str
    company_name: str
    organisation_number: str
    contact_name: str
    contact_email: str
    language: Language
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: ApplicationStatus = ApplicationStatus.SUBMITTED
    submitted_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    sole_trader: bool = False
    # AES-GCM ciphertext of a sole trader's personal identity number; never leaves identity in clear.
    personal_number_encrypted: bytes | None = None
    address: Address | None = None
    authorisations: frozenset[Authorisation] = frozenset()
    contact_mobile: str | None = None
    certificate_id: uuid.UUID | None = None
    gdpr_consent_at: datetime | None = None
    signature: Signature | None = None
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = None
    rejection_reason: str | None = None
    team_id: uuid.UUID | None = None

    def approve(self, by: uuid.UUID, team_id: uuid.UUID, at: datetime) -> None:
        self._decide(ApplicationStatus.APPROVED, by, at)
        self.team_id = team_id

    def reject(self, by: uuid.UUID, reason: str, at: datetime) -> None:
        self._decide(ApplicationStatus.REJECTED, by, at)
        self.rejection_reason = reason

    def _decide(self, status: ApplicationStatus, by: uuid.UUID, at: datetime) -> None:
        if self.status is not ApplicationStatus.SUBMITTED:
            raise ApplicationAlreadyDecided(self.status)
        self.status, self.decided_by, self.decided_at = status, by, at
