"""The gateway's client of the cases service (ADR 0005, "Cases HTTP API"). Every call carries the signed-in
user's access token, so cases decides which team's or DSO's cases that user may see, never the gateway;
and the reader's language, in which cases names types, fields and statuses."""

from collections.abc import Mapping
from typing import Any

import httpx

from gateway.adapters.service_calls import ServiceProblem, outgoing_headers, problem_body


class CasesProblem(ServiceProblem):
    """Cases refused: `status` and its problem body (`errors` name fields, `missing` what a send lacks)."""

    service = "cases"


class CasesUnavailable(Exception):
    """Cases did not answer (down, timeout)."""


class CasesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str,
        language: str | None = None,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        files: Any = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        """Cases' successful answer; CasesProblem for a refusal, CasesUnavailable when it does not answer."""
        headers = outgoing_headers(token)
        headers["accept"] = "application/json"
        if language:
            headers["accept-language"] = language
        try:
            response = await self._http.request(
                method,
                path,
                headers=headers,
                params=params,
                json=json,
                data=data,
                files=files,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.HTTPError as error:
            raise CasesUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            raise CasesProblem(response.status_code, problem_body(response))
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Cases' JSON answer, or None for an empty one (204)."""
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None
