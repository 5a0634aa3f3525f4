"""What the gateway's clients of backend services share: calls with the headers every call carries (trace,
correlation id, the user's token; servicekit's `outgoing_headers`) and reading a refusal as an RFC 9457
problem."""

from collections.abc import Mapping
from typing import Any

import httpx

from servicekit.correlation import outgoing_headers


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


def problem_body(response: httpx.Response) -> Mapping[str, Any]:
    """The refusal's problem document; a stand-in when it is none (a proxy's error page, say)."""
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        return body
    return {"title": response.reason_phrase, "status": response.status_code}


class ServiceClient:
    """A backend service called with the signed-in user's token (the service decides what that user may
    see), and optionally the language the portal shows. Subclasses name their refusal and outage types."""

    problem: type[ServiceProblem] = ServiceProblem
    unavailable: type[Exception] = ConnectionError

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str,
        language: str | None = None,
        params: Mapping[str, str | int | float] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        files: Any = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        """The successful answer; `problem` for a refusal, `unavailable` when the service does not answer."""
        headers = outgoing_headers(token) | {"accept": "application/json"}
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
            raise self.unavailable(type(error).__name__) from error
        if response.status_code >= 400:
            raise self.problem(response.status_code, problem_body(response))
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON answer, or None for an empty one (204)."""
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None
