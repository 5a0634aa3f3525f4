"""Notifications' tables."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class OutgoingMailRow(SQLModel, table=True):
    __tablename__ = "outgoing_mail"
    __table_args__ = (
        Index("ix_outgoing_mail_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        # One mail of a kind per source event, whatever re-delivers it (also indexes source_event_id).
        UniqueConstraint("source_event_id", "kind", name="uq_outgoing_mail_source_event_kind"),
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


class RecipientRow(SQLModel, table=True):
    """A user as mails need them, kept from identity's user events (the recipient directory)."""

    __tablename__ = "recipient"

    user_id: uuid.UUID = Field(primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    email: str = Field(max_length=320)
    language: str = Field(max_length=2)
    active: bool = True
