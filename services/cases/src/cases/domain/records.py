"""What is kept beside a case: its history steps and its attachments, and a DSO's case settings."""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from cases.domain.roles import ActorRole
from cases.domain.status import CaseStatus


class HistoryKind(enum.StrEnum):
    STATUS = "status"
    ASSIGNED = "assigned"  # the status stays; `detail` names the handler (empty: back to the queue)
    INSTALLER_CHANGED = "installer_changed"  # the status stays; `detail` names the new installer


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    case_id: uuid.UUID
    from_status: CaseStatus | None  # None: the case was created
    to_status: CaseStatus
    actor_id: uuid.UUID
    actor_role: ActorRole
    at: datetime
    reason: str | None = None
    actor_name: str = ""  # as it was when they acted (a later rename does not rewrite the record)
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    kind: HistoryKind = HistoryKind.STATUS
    detail: str | None = None  # the handler's name for an assignment; why an approval rule held


@dataclass(frozen=True, slots=True)
class Attachment:
    case_id: uuid.UUID
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: uuid.UUID
    uploaded_at: datetime
    category: str | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass(frozen=True, slots=True)
class DsoSettings:
    dso_id: str
    case_prefix: str
    country: str  # "SE" or "DK": which seed case types the DSO starts with


@dataclass(frozen=True, slots=True)
class Person:
    """A user as identity announced them."""

    user_id: uuid.UUID
    name: str
    role: str | None
