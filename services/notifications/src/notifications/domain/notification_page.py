"""Paging the bell: newest first, continued from an opaque cursor (the last item's time and id).

A cursor rather than page numbers: new notifications arrive at the top while a user scrolls, and an
offset would show them an item twice.
"""

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime

from notifications.domain.notification import InAppNotification


class InvalidCursor(ValueError):
    """The `before` a client sent is not a cursor this service gave out."""


@dataclass(frozen=True, slots=True)
class PageCursor:
    created_at: datetime
    id: uuid.UUID

    @classmethod
    def after(cls, notification: InAppNotification) -> "PageCursor":
        return cls(notification.created_at, notification.id)

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.created_at.isoformat()}|{self.id}".encode()).decode()

    @classmethod
    def decode(cls, text: str) -> "PageCursor":
        try:
            instant, _, identifier = base64.urlsafe_b64decode(text.encode()).decode().partition("|")
            created_at = datetime.fromisoformat(instant)
            cursor = cls(created_at, uuid.UUID(identifier))
        except (binascii.Error, UnicodeError, ValueError):
            raise InvalidCursor("is not a cursor from an earlier page") from None
        if created_at.tzinfo is None:
            raise InvalidCursor("is not a cursor from an earlier page")
        return cursor


@dataclass(frozen=True, slots=True)
class NotificationPage:
    items: list[InAppNotification]
    unread: int
    next: PageCursor | None  # None: this is the last page
