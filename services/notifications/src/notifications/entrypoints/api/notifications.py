"""HTTP: the bell. `GET /notifications`, `GET /notifications/unread-count`, `POST /notifications/{id}/read`,
`POST /notifications/read-all`; each user's own notifications only, texts in the reader's language."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from notifications.domain.links import PortalLinks
from notifications.domain.mail import Language
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.notification_page import InvalidCursor, PageCursor
from notifications.domain.notification_texts import notification_text
from notifications.entrypoints.api.deps import CurrentReader, Links, Uow
from notifications.service_layer import bell
from servicekit.auth import log_refusal
from servicekit.problems import NotFound, invalid_field

router = APIRouter(tags=["notifications"])


class NotificationOut(BaseModel):
    id: uuid.UUID
    kind: NotificationKind
    case_id: uuid.UUID | None
    title: str
    text: str
    link: str | None = Field(description="Where it leads in the portal (its case); None: nowhere.")
    created_at: datetime
    read: bool

    @classmethod
    def of(cls, notification: InAppNotification, language: Language, links: PortalLinks) -> "NotificationOut":
        words = notification_text(notification.kind, notification.parameters, language)
        return cls(
            id=notification.id,
            kind=notification.kind,
            case_id=notification.case_id,
            title=words.title,
            text=words.text,
            link=links.notification(notification),
            created_at=notification.created_at,
            read=notification.read,
        )


class NotificationListOut(BaseModel):
    items: list[NotificationOut]
    unread: int = Field(description="The user's unread notifications, whatever this page shows.")
    next: str | None = Field(description="`before` for the next page; None: this is the last.")


class UnreadOut(BaseModel):
    unread: int


@router.get("/notifications")
async def list_notifications(
    reader: CurrentReader,
    uow: Uow,
    links: Links,
    unread: Annotated[bool, Query(description="true: only the unread")] = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    before: Annotated[str | None, Query(max_length=200, description="`next` of the page before")] = None,
) -> NotificationListOut:
    """The user's notifications, newest first."""
    try:
        cursor = PageCursor.decode(before) if before else None
    except InvalidCursor as invalid:
        raise invalid_field("before", str(invalid)) from None
    page = await bell.notification_page(uow, reader.user_id, unread_only=unread, before=cursor, limit=limit)
    return NotificationListOut(
        items=[NotificationOut.of(item, reader.language, links) for item in page.items],
        unread=page.unread,
        next=page.next.encode() if page.next else None,
    )


@router.get("/notifications/unread-count")
async def unread_count(reader: CurrentReader, uow: Uow) -> UnreadOut:
    return UnreadOut(unread=await bell.unread_count(uow, reader.user_id))


@router.post("/notifications/read-all")
async def mark_all_read(reader: CurrentReader, uow: Uow) -> UnreadOut:
    now = datetime.now(UTC)
    unread = await bell.mark_all_read(uow, reader.user_id, tenant=reader.principal.dso_id, now=now)
    return UnreadOut(unread=unread)


@router.post("/notifications/{notification_id}/read")
async def mark_read(
    request: Request, reader: CurrentReader, uow: Uow, notification_id: uuid.UUID
) -> UnreadOut:
    """Idempotent: a notification read already stays read and tells nobody again."""
    try:
        unread = await bell.mark_read(
            uow, reader.user_id, notification_id, tenant=reader.principal.dso_id, now=datetime.now(UTC)
        )
    except bell.NotificationNotFound:
        log_refusal(request, reader.principal, "no such notification in the caller's bell")
        raise NotFound("no notification with this id") from None
    return UnreadOut(unread=unread)
