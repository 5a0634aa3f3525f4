"""An installer company registered with a DSO."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from identity.domain.authorisation import Authorisation


@dataclass
class Team:
    dso_id: str
    name: str
    organisation_number: str
    authorisations: frozenset[Authorisation]
    application_id: uuid.UUID | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
