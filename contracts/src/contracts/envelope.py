"""The envelope every event travels in, whatever its payload."""

import builtins
import uuid
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from contracts.payload import EventPayload, payload_class

P = TypeVar("P", bound=EventPayload)


class EventEnvelope(BaseModel):
    """Metadata around a payload. Trace context travels in Kafka headers, not here."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_id: uuid.UUID = Field(description="Unique per event; consumers de-duplicate on it.")
    type: str = Field(description="`aggregate.past_tense.vN`", examples=["team_application.submitted.v1"])
    occurred_at: datetime = Field(description="When the fact happened (UTC).")
    source: str = Field(description="The service that published it.", examples=["identity"])
    tenant: str | None = Field(description="The DSO the event concerns, if any.", examples=["okab"])
    correlation_id: str = Field(description="Ties together everything caused by one request.")
    key: str = Field(description="The aggregate id; also the Kafka message key.")
    payload: dict[str, Any] = Field(description="The payload, as its versioned schema describes.")

    @classmethod
    def wrap(
        cls,
        payload: EventPayload,
        *,
        key: str,
        source: str,
        tenant: str | None,
        correlation_id: str | None = None,
    ) -> "EventEnvelope":
        """A new envelope around a payload, with a fresh event id."""
        event_id = uuid.uuid4()
        return cls(
            event_id=event_id,
            type=payload.event_type,
            occurred_at=datetime.now(UTC),
            source=source,
            tenant=tenant,
            correlation_id=correlation_id or str(event_id),
            key=key,
            payload=payload.model_dump(mode="json"),
        )

    def parsed(self, expected: builtins.type[P]) -> P:
        """The payload as the class the consumer expects; raises if the type does not match."""
        if self.type != expected.event_type:
            raise ValueError(f"expected {expected.event_type}, got {self.type}")
        return expected.model_validate(self.payload)

    def parsed_any(self) -> EventPayload:
        """The payload as the class registered for its type."""
        return payload_class(self.type).model_validate(self.payload)
