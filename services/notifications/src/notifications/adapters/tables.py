"""Notifications' tables."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


class OutgoingMailRow(SQLModel, table=True):
    __tablename__ = "outgoing_mail"
    __table_args__ = (
        Index("ix_outgoing_mail_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        # One mail of a kind per source event and address, whatever re-delivers it (also indexes
        # source_event_id): one event may mail several people the same kind (a case's installer and handler).
        UniqueConstraint(
            "source_event_id", "kind", "recipient", name="uq_outgoing_mail_source_event_kind_recipient"
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    source_event_id: uuid.UUID | None = None
    kind: str = Field(max_length=80)
    recipient: str = Field(max_length=320, index=True)
    language: str = Field(max_length=2)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    body_html: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=20)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    traceparent: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class RecipientRow(SQLModel, table=True):
    """A user as mails need them, kept from identity's user events (the recipient directory)."""

    __tablename__ = "recipient"
    __table_args__ = (Index("ix_recipient_dso_role", "dso_id", "role"),)  # a DSO's admins

    user_id: uuid.UUID = Field(primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    email: str = Field(max_length=320)
    language: str = Field(max_length=2)
    active: bool = True
    role: str | None = Field(default=None, max_length=20)
    dso_id: str | None = Field(default=None, max_length=40)


class InAppNotificationRow(SQLModel, table=True):
    """The bell: one row per event and recipient."""

    __tablename__ = "in_app_notification"
    __table_args__ = (
        # A re-delivered event (another consumer name, a replay) notifies nobody twice.
        UniqueConstraint("source_event_id", "user_id", name="uq_in_app_notification_source_event_user"),
        # The bell's list, newest first, and its continuation after a cursor.
        Index("ix_in_app_notification_user_newest", "user_id", text("created_at DESC"), text("id DESC")),
        # The unread count and the unread-only list: small, as read rows leave it.
        Index(
            "ix_in_app_notification_user_unread",
            "user_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("read_at IS NULL"),
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID
    kind: str = Field(max_length=40)
    case_id: uuid.UUID | None = None
    parameters: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    read_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    source_event_id: uuid.UUID | None = None


class NotificationPreferenceRow(SQLModel, table=True):
    """A user's choice of mail for one kind; no row: the kind's default."""

    __tablename__ = "notification_preference"

    user_id: uuid.UUID = Field(primary_key=True)
    kind: str = Field(primary_key=True, max_length=40)
    mail: bool
