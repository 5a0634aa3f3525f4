"""An import's rows on their way to becoming cases: every wrong cell is collected before anything is written,
so the user corrects the whole file at once (ADR 0007: all or nothing)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# What cases takes per value when checking rows; no form allows more, and one longer value would make
# cases refuse the whole batch rather than name the cell.
MAX_VALUE_LENGTH = 5_000
_TOO_LONG = {"sv": "högst {n} tecken", "da": "højst {n} tegn", "en": "at most {n} characters"}


@dataclass(frozen=True, slots=True)
class RowValues:
    """One address to create a case for: its filled-in fields as text (empty cells left out)."""

    row_number: int  # as Excel shows it; 1 for an address added on its own
    values: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RowError:
    """What is wrong with one cell: `field` is the machine name, `label` as the user's template names it."""

    row_number: int
    field: str
    label: str
    message: str


def filled(values: Mapping[str, str | None]) -> dict[str, str]:
    """The cells that hold something: an empty cell is no value (cases reports missing mandatory ones)."""
    return {name: text for name, text in values.items() if text is not None and text.strip()}


def within_limits(
    rows: Sequence[RowValues], labels: Mapping[str, str], language: str
) -> tuple[list[RowValues], list[RowError]]:
    """The rows with every value cut to MAX_VALUE_LENGTH, and an error for each value cut."""
    message = _TOO_LONG.get(language, _TOO_LONG["en"]).format(n=MAX_VALUE_LENGTH)
    errors = [
        RowError(row.row_number, name, labels.get(name, name), message)
        for row in rows
        for name, text in row.values.items()
        if len(text) > MAX_VALUE_LENGTH
    ]
    if not errors:
        return list(rows), []
    cut = [
        RowValues(row.row_number, {name: text[:MAX_VALUE_LENGTH] for name, text in row.values.items()})
        for row in rows
    ]
    return cut, errors


def every_error(*sources: Iterable[RowError], field_order: Sequence[str]) -> list[RowError]:
    """Each wrong cell once, by row and then in the template's column order. A later source's word on a
    cell wins: cases' "street is mandatory" explains more than GIS's "no such address"."""
    by_cell: dict[tuple[int, str], RowError] = {}
    for source in sources:
        for error in source:
            by_cell[error.row_number, error.field] = error
    place = {name: index for index, name in enumerate(field_order)}
    return sorted(
        by_cell.values(),
        key=lambda error: (error.row_number, place.get(error.field, len(place)), error.field),
    )
