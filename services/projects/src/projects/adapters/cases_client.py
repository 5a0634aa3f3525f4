"""The cases service's case-type API, called with the user's own token (cases checks the same rights)."""

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from projects.domain.imports import RowError, RowValues
from projects.service_layer.case_types import CasesUnavailable, CaseTypeName


class CasesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def project_types(self, *, token: str, language: str) -> list[CaseTypeName]:
        found = await self._call("GET", "/case-types", token, language)
        return [
            CaseTypeName(item["code"], item["name"]) for item in found or [] if item.get("project_capable")
        ]

    async def schema(self, code: str, *, token: str, language: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = await self._call("GET", f"/case-types/{code}", token, language)
        return found

    async def validate(
        self, code: str, rows: Sequence[RowValues], *, token: str, language: str
    ) -> list[RowError] | None:
        body = {"rows": [{"row_number": row.row_number, "values": dict(row.values)} for row in rows]}
        answer = await self._call("POST", f"/case-types/{code}/validate", token, language, body)
        return None if answer is None else row_errors(answer)

    async def _call(
        self, method: str, path: str, token: str, language: str, body: Mapping[str, Any] | None = None
    ) -> Any:
        try:
            response = await self._http.request(
                method,
                path,
                json=body,
                headers={"authorization": f"Bearer {token}", "accept-language": language},
            )
        except httpx.HTTPError as error:
            raise CasesUnavailable(f"cases did not answer: {type(error).__name__}") from error
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise CasesUnavailable(f"cases answered {response.status_code}")
        return response.json()


def row_errors(answer: Mapping[str, Any]) -> list[RowError]:
    """The wrong values of a validation answer, one per row and field: `{"invalid": [{"row_number": 3,
    "errors": [{"field": "main_fuse", "label": "Main fuse (A)", "message": "…"}]}]}`."""
    try:
        return [
            RowError(
                int(row["row_number"]),
                str(error["field"]),
                str(error.get("label") or error["field"]),
                str(error["message"]),
            )
            for row in answer.get("invalid") or ()
            for error in row.get("errors") or ()
        ]
    except (KeyError, TypeError, ValueError) as error:
        # An answer we cannot read must not pass for "all rows are right".
        raise CasesUnavailable(f"cases answered a validation we cannot read: {error!r}") from error
