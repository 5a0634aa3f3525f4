"""What projects asks the cases service about case types, as a port the use cases depend on."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from projects.domain.imports import RowError, RowValues


@dataclass(frozen=True, slots=True)
class CaseTypeName:
    code: str
    name: str  # in the caller's language


class CasesUnavailable(RuntimeError):
    """Cases did not answer: nothing is decided without it."""


class CaseTypes(Protocol):
    async def project_types(self, *, token: str, language: str) -> list[CaseTypeName]:
        """The project-capable types the caller's grid company takes."""
        ...

    async def schema(self, code: str, *, token: str, language: str) -> dict[str, Any] | None:
        """The type's current form (cases' `GET /case-types/{code}`), None if the DSO does not take it."""
        ...

    async def validate(
        self, code: str, rows: Sequence[RowValues], *, token: str, language: str
    ) -> list[RowError] | None:
        """Every wrong value of the rows as cases' form of the type judges it (cases'
        `POST /case-types/{code}/validate`), in row order; None if the DSO does not take the type."""
        ...
