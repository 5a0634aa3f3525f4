"""The gateway's client of the identity service (ADR 0003). Identity's problem answers become typed
errors the pages turn into messages; the browser never sees identity's tokens."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from gateway.adapters.service_calls import ServiceProblem, problem_body
from servicekit.correlation import outgoing_headers


class IdentityProblem(ServiceProblem):
    """Identity refused: `status`, its problem body (`errors` name the fields) and, when throttled, the
    seconds to wait."""

    service = "identity"

    def __init__(self, status: int, body: Mapping[str, Any], retry_after: int | None = None) -> None:
        super().__init__(status, body)
        self.retry_after = retry_after


class IdentityUnavailable(Exception):
    """Identity did not answer (down, timeout)."""


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    expires_in: int
    refresh_token: str
    session_id: str
    user: Mapping[str, Any]


class IdentityClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        params: Mapping[str, Any] | None = None,
        client_ip: str | None = None,
    ) -> httpx.Response:
        headers = outgoing_headers(token)
        if client_ip:
            headers["x-forwarded-for"] = client_ip
        try:
            response = await self._http.request(
                method, path, headers=headers, json=json, data=data, files=files, params=params
            )
        except httpx.HTTPError as error:
            raise IdentityUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            retry_after = response.headers.get("retry-after")
            raise IdentityProblem(
                response.status_code, problem_body(response), int(retry_after) if retry_after else None
            )
        return response

    async def login(self, email: str, password: str, client_ip: str | None) -> Tokens:
        response = await self.call(
            "POST", "/sessions", json={"email": email, "password": password}, client_ip=client_ip
        )
        return _tokens(response.json())

    async def refresh(self, refresh_token: str) -> Tokens:
        response = await self.call("POST", "/sessions/refresh", json={"refresh_token": refresh_token})
        return _tokens(response.json(), refresh_token=refresh_token)

    async def logout(self, session_id: str, token: str) -> None:
        await self.call("DELETE", f"/sessions/{uuid.UUID(session_id)}", token=token)

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None


def _tokens(body: Mapping[str, Any], refresh_token: str | None = None) -> Tokens:
    return Tokens(
        access_token=body["access_token"],
        expires_in=int(body["expires_in"]),
        refresh_token=body.get("refresh_token") or refresh_token or "",
        session_id=str(body.get("session_id", "")),
        user=body.get("user", {}),
    )
