"""The messaging tables every service database has: the outbox and the inbox.

Plain SQLAlchemy Core on their own metadata, so they never mix with a service's SQLModel tables.
"""

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, MetaData, Table, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB

messaging_metadata = MetaData()

outbox_message = Table(
    "outbox_message",
    messaging_metadata,
    # Relay order = insertion order, and the id sequence is what preserves it per key.
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", Uuid, nullable=False, unique=True),
    Column("topic", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("envelope", JSONB, nullable=False),
    Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True), nullable=True),
    Index("ix_outbox_message_unpublished", "id", postgresql_where=text("published_at IS NULL")),
)

processed_event = Table(
    "processed_event",
    messaging_metadata,
    Column("consumer", Text, primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

OUTBOX_CHANNEL = "outbox_message_added"
