"""An import's refusals as problem details that name the cell: the row as Excel shows it, the column letter
in the very file uploaded, the field, its label in the user's language and what is wrong."""

from collections.abc import Mapping
from typing import Any

from projects.adapters.excel_upload import UploadRejected
from projects.domain.imports import RowError
from servicekit.problems import FieldError, InvalidInput, Problem

# Every wrong row is listed; only a file wrong in nearly every cell of 10,000 rows reaches this, and a
# list of megabytes helps nobody more than its first part and the count.
MAX_LISTED_CELLS = 20_000


class InvalidRows(InvalidInput):
    """422 whose `errors` are cells: `{"field", "message", "row", "column", "label"}`."""

    def __init__(self, detail: str, cells: list[dict[str, Any]], **extensions: Any) -> None:
        super().__init__(detail, **extensions)
        self.cells = cells

    def body(self, instance: str | None = None) -> dict[str, Any]:
        return super().body(instance) | {"errors": self.cells}


class PayloadTooLarge(Problem):
    status, title, slug = 413, "Payload too large", "payload-too-large"


def rows_problem(errors: list[RowError], letters: Mapping[str, str]) -> InvalidRows:
    rows = len({error.row_number for error in errors})
    return InvalidRows(
        f"{rows} row(s) have errors ({len(errors)} value(s) in all); nothing was imported. Correct them "
        "and upload the file again.",
        [
            {
                "field": error.field,
                "message": error.message,
                "row": error.row_number,
                "column": letters.get(error.field),
                "label": error.label,
            }
            for error in errors[:MAX_LISTED_CELLS]
        ],
        code="invalid_rows",
        row_count=rows,
        error_count=len(errors),
    )


def values_problem(errors: list[RowError]) -> InvalidInput:
    """One address's wrong fields, named as in the request body (`values.main_fuse`), as cases does."""
    return InvalidInput(
        "; ".join(f"{error.label}: {error.message}" for error in errors[:5]),
        errors=[FieldError(f"values.{error.field}", error.message) for error in errors],
    )


def upload_problem(rejected: UploadRejected) -> Problem:
    """A file that cannot be read as addresses: its stable `code`, the message and the cells at fault."""
    cells = [
        {"field": "file", "message": problem.message, "row": problem.row, "column": problem.column}
        for problem in rejected.problems
    ] or [{"field": "file", "message": rejected.message, "row": None, "column": None}]
    if rejected.code == "too_large":
        return PayloadTooLarge(rejected.message, code=rejected.code)
    return InvalidRows(rejected.message, cells, code=rejected.code)
