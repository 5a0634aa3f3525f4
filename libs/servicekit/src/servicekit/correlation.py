"""The correlation id of the request or message being handled, carried into every event it causes."""

import contextvars
import uuid

from servicekit.telemetry import inject_trace_headers

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


def outgoing_headers(token: str | None) -> dict[str, str]:
    """Headers of a call to another service: trace context, correlation id and the caller's own token, so
    the other service applies the caller's rights and one trace shows the whole request."""
    headers = inject_trace_headers()
    if correlation_id := current_correlation_id():
        headers[CORRELATION_HEADER] = correlation_id
    if token:
        headers["authorization"] = f"Bearer {token}"
    return headers
