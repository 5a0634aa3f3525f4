"""The correlation id of the request or message being handled, carried into every event it causes."""

import contextvars
import uuid

_correlation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("correlation_id", default=None)

CORRELATION_HEADER = "X-Correlation-ID"


def current_correlation_id() -> str | None:
    """The id set for the current task, if any."""
    return _correlation_id.get()


def set_correlation_id(value: str) -> contextvars.Token[str | None]:
    """Bind an id to the current task; reset with the returned token."""
    return _correlation_id.set(value)


def reset_correlation_id(token: contextvars.Token[str | None]) -> None:
    """Undo `set_correlation_id`."""
    _correlation_id.reset(token)


def new_correlation_id() -> str:
    """A fresh id for a request that arrived without one."""
    return uuid.uuid4().hex
