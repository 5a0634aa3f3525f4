"""Base class and registry of event payloads; each payload class declares its type and topic."""

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from contracts.topics import Topic

EVENT_TYPE_PATTERN = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*\.v[1-9][0-9]*$")

_REGISTRY: dict[str, type["EventPayload"]] = {}


class EventPayload(BaseModel):
    """A published fact. Subclasses set `event_type` (`aggregate.past_tense.vN`) and `topic`.

    Consumers ignore fields they do not know, so a producer may add optional fields within a version.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]
    topic: ClassVar[Topic]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type is None:
            return  # an abstract intermediate class
        if not EVENT_TYPE_PATTERN.match(event_type):
            raise ValueError(f"{cls.__name__}.event_type {event_type!r} is not 'aggregate.past_tense.vN'")
        if event_type in _REGISTRY and _REGISTRY[event_type].__qualname__ != cls.__qualname__:
            raise ValueError(f"event type {event_type!r} declared twice")
        _REGISTRY[event_type] = cls


def payload_class(event_type: str) -> type[EventPayload]:
    """The payload class registered for an event type."""
    _load_all()
    try:
        return _REGISTRY[event_type]
    except KeyError:
        raise KeyError(f"unknown event type {event_type!r}") from None


def all_payload_classes() -> dict[str, type[EventPayload]]:
    """Every registered payload class by event type, sorted by type."""
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def _load_all() -> None:
    # Importing the event modules registers their classes.
    from contracts import events  # noqa: F401
