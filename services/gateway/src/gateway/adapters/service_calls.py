"""What the gateway's clients of backend services share: the headers every call carries (trace,
correlation id, the user's token) and reading a refusal as an RFC 9457 problem."""

from collections.abc import Mapping
from typing import Any

import httpx

from servicekit.correlation import CORRELATION_HEADER, current_correlation_id
from servicekit.telemetry import inject_trace_headers


class ServiceProblem(Exception):
    """A service refused: `status` and its problem body (`errors` name the fields). A plain exception (not
    a frozen dataclass), so Python can attach tracebacks to it as it passes through context managers."""

    service = "the service"

    def __init__(self, status: int, body: Mapping[str, Any]) -> None:
        super().__init__(status, body)
        self.status, self.body = status, body

    def field_errors(self) -> dict[str, str]:
        return {error["field"]: error["message"] for error in self.body.get("errors", [])}

    def __str__(self) -> str:
        return f"{self.service} answered {self.status}: {self.body.get('detail') or self.body.get('title')}"


def outgoing_headers(token: str | None) -> dict[str, str]:
    headers = inject_trace_headers()
    if correlation_id := current_correlation_id():
        headers[CORRELATION_HEADER] = correlation_id
    if token:
        headers["authorization"] = f"Bearer {token}"
    return headers


def problem_body(response: httpx.Response) -> Mapping[str, Any]:
    """The refusal's problem document; a stand-in when it is none (a proxy's error page, say)."""
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        return body
    return {"title": response.reason_phrase, "status": response.status_code}
