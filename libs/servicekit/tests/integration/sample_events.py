"""An event shaped like a real one but on a topic of the tests' own, so no service's consumer (sharing the
session's broker) ever reads the thousands the outbox tests write. Imported by outbox_worker.py as a
script too, so it imports nothing relative."""

from typing import ClassVar

from contracts.events.identity import TeamApplicationSubmittedV1
from contracts.topics import Topic

SAMPLE_TOPIC = Topic(
    "servicekit_tests.samples", "servicekit tests", 6, "Outbox tests' events; nobody reads them."
)


class SampleSubmission(TeamApplicationSubmittedV1):
    """Not registered (declares no event type of its own); published with the real one's type."""

    topic: ClassVar[Topic] = SAMPLE_TOPIC
