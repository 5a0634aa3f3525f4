"""The cases service's case-type API, called with the user's own token (cases checks the same rights)."""

from typing import Any

import httpx

from projects.service_layer.case_types import CasesUnavailable, CaseTypeName


class CasesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def project_types(self, *, token: str, language: str) -> list[CaseTypeName]:
        found = await self._get("/case-types", token, language)
        return [
            CaseTypeName(item["code"], item["name"]) for item in found or [] if item.get("project_capable")
        ]

    async def schema(self, code: str, *, token: str, language: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = await self._get(f"/case-types/{code}", token, language)
        return found

    async def _get(self, path: str, token: str, language: str) -> Any:
        try:
            response = await self._http.get(
                path, headers={"authorization": f"Bearer {token}", "accept-language": language}
            )
        except httpx.HTTPError as error:
            raise CasesUnavailable(f"cases did not answer: {type(error).__name__}") from error
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise CasesUnavailable(f"cases answered {response.status_code}")
        return response.json()
