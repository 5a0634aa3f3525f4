"""HTTP: many rows of values checked against a project case type at once (projects' imports)."""

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from cases.entrypoints.api.deps import CurrentActor, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.drafts import UnknownCaseType
from cases.service_layer.row_checks import MAX_ROWS, check_rows
from servicekit.problems import NotFound

router = APIRouter(tags=["case types"])

FieldValue = Annotated[str | None, Field(max_length=5000)]


class RowIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row_number: int = Field(ge=1, description="How the caller names the row (its spreadsheet row).")
    values: dict[str, FieldValue] = Field(max_length=300)


class RowsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[RowIn] = Field(min_length=1, max_length=MAX_ROWS)


class FieldProblemOut(BaseModel):
    field: str
    label: str = Field(description="The field's label in the caller's language.")
    message: str


class RowProblemsOut(BaseModel):
    row_number: int
    errors: list[FieldProblemOut]


class RowChecksOut(BaseModel):
    case_type_version: int = Field(description="The version of the form the rows were checked against.")
    invalid: list[RowProblemsOut] = Field(description="Only the rows that could not be sent, in row order.")


@router.post("/case-types/{code}/validate")
async def validate_rows(
    code: str, body: RowsIn, request: Request, actor: CurrentActor, uow: UowFactory
) -> RowChecksOut:
    """Would each row make a complete case of this project type? Nothing is stored."""
    with answered_as_problems(request, actor):
        try:
            version, invalid = await check_rows(
                uow(), actor, code, [(row.row_number, row.values) for row in body.rows]
            )
        except UnknownCaseType:
            raise NotFound("the grid company takes no project cases of this type") from None
    return RowChecksOut(
        case_type_version=version,
        invalid=[
            RowProblemsOut(
                row_number=row.row_number,
                errors=[
                    FieldProblemOut(field=p.field, label=p.label, message=p.message) for p in row.problems
                ],
            )
            for row in invalid
        ],
    )
