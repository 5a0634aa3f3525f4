"""The published language of the installer portal: envelope, topics and versioned payloads."""

from contracts.envelope import EventEnvelope
from contracts.payload import EventPayload, all_payload_classes, payload_class
from contracts.topics import ALL_TOPICS, Topic, topic_named

__all__ = [
    "ALL_TOPICS",
    "EventEnvelope",
    "EventPayload",
    "Topic",
    "all_payload_classes",
    "payload_class",
    "topic_named",
]
