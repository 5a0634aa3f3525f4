"""The gateway's client of the GIS service (ADR 0004, "GIS HTTP API"). Every call carries the signed-in
user's access token: GIS decides which layers and data that user may see, never the gateway."""

from collections.abc import Mapping
from typing import Any

import httpx

from servicekit.correlation import CORRELATION_HEADER, current_correlation_id
from servicekit.telemetry import inject_trace_headers


class GisProblem(Exception):
    """GIS refused: `status` and its problem body (`errors` name the fields). A plain exception, as
    IdentityProblem, so tracebacks can be attached to it."""

    def __init__(self, status: int, body: Mapping[str, Any]) -> None:
        super().__init__(status, body)
        self.status, self.body = status, body

    def field_errors(self) -> dict[str, str]:
        return {error["field"]: error["message"] for error in self.body.get("errors", [])}

    def __str__(self) -> str:
        return f"GIS answered {self.status}: {self.body.get('detail') or self.body.get('title')}"


class GisUnavailable(Exception):
    """GIS did not answer (down, timeout)."""


class GisClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str,
        params: Mapping[str, str | int | float] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """GIS's successful answer; GisProblem for a refusal, GisUnavailable when it does not answer."""
        headers = inject_trace_headers()
        if correlation_id := current_correlation_id():
            headers[CORRELATION_HEADER] = correlation_id
        headers["authorization"] = f"Bearer {token}"
        headers["accept"] = "application/json"
        try:
            response = await self._http.request(method, path, headers=headers, params=params, json=json)
        except httpx.HTTPError as error:
            raise GisUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = None
            if not isinstance(body, Mapping):  # not a problem document: a proxy's page, say
                body = {"title": response.reason_phrase, "status": response.status_code}
            raise GisProblem(response.status_code, body)
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """GIS's JSON answer, or None for an empty one (204)."""
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None
