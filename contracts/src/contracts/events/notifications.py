"""Events published by the notifications service on `notifications.in_app`, keyed by the recipient's user id.

The gateway pushes them to the recipient's open pages (the bell's count rises without a reload). They say
what kind of thing happened and where, never the text: the page asks the notifications API for that.
"""

import uuid
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from contracts.payload import EventPayload
from contracts.topics import NOTIFICATIONS_IN_APP, Topic

NotificationKind = Literal[
    "case_status", "case_note", "case_assigned", "application_decision", "draft_expiring"
]


class InAppNotificationCreatedV1(EventPayload):
    """A user has a new notification in the bell."""

    event_type: ClassVar[str] = "in_app_notification.created.v1"
    topic: ClassVar[Topic] = NOTIFICATIONS_IN_APP

    notification_id: uuid.UUID = Field(description="The notification's id.")
    user_id: uuid.UUID = Field(description="Whose bell it is in.")
    kind: NotificationKind = Field(description="What happened.")
    case_id: uuid.UUID | None = Field(None, description="The case it is about, if any.")
    unread: int = Field(ge=0, description="The user's unread notifications after this one.")
    created_at: datetime = Field(description="When.")


class InAppNotificationsReadV1(EventPayload):
    """A user read notifications (one or all): other open pages of theirs lower the count."""

    event_type: ClassVar[str] = "in_app_notifications.read.v1"
    topic: ClassVar[Topic] = NOTIFICATIONS_IN_APP

    user_id: uuid.UUID = Field(description="Whose bell it is.")
    unread: int = Field(ge=0, description="The user's unread notifications now.")
    read_at: datetime = Field(description="When.")
