"""The gateway's client of the GIS service (ADR 0004, "GIS HTTP API"). Every call carries the signed-in
user's access token: GIS decides which layers and data that user may see, never the gateway."""

from collections.abc import Mapping
from typing import Any

import httpx

from gateway.adapters.service_calls import ServiceProblem, outgoing_headers, problem_body


class GisProblem(ServiceProblem):
    """GIS refused: `status` and its problem body (`errors` name the fields)."""

    service = "GIS"


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
        headers = outgoing_headers(token)
        headers["accept"] = "application/json"
        try:
            response = await self._http.request(method, path, headers=headers, params=params, json=json)
        except httpx.HTTPError as error:
            raise GisUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            raise GisProblem(response.status_code, problem_body(response))
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """GIS's JSON answer, or None for an empty one (204)."""
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None
