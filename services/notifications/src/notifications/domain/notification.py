"""An in-app notification (the bell in the portal's header): one per event and recipient.

It keeps the facts to say, not the sentence: the text is rendered when read, in the reader's language
then (notification_texts.py), so a user who switches language reads their old notifications in it too.
"""

import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class NotificationKind(enum.StrEnum):
    """The kinds a user chooses mail for (contracts' `NotificationKind` names the same five)."""

    CASE_STATUS = "case_status"
    CASE_NOTE = "case_note"
    CASE_ASSIGNED = "case_assigned"
    APPLICATION_DECISION = "application_decision"
    DRAFT_EXPIRING = "draft_expiring"


@dataclass(frozen=True, slots=True)
class InAppNotification:
    user_id: uuid.UUID
    kind: NotificationKind
    created_at: datetime
    # What the text is rendered from (case_number, case_type, address, status, actor_name, rule_name …):
    # strings only, codes rather than labels, so that any language can be rendered later.
    parameters: Mapping[str, str] = field(default_factory=dict)
    case_id: uuid.UUID | None = None
    source_event_id: uuid.UUID | None = None
    read_at: datetime | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def read(self) -> bool:
        return self.read_at is not None
