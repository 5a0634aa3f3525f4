"""A case type's fields as the columns of a project's Excel template, built from the cases service's JSON.

The cases service owns the fields and validates every value; projects only needs enough of each field to
lay out a template, guide the user in Excel and map an upload's columns back to field names.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, TypeGuard, get_args

ColumnKind = Literal["text", "integer", "decimal", "choice", "date", "ean", "boolean"]
KINDS: frozenset[str] = frozenset(get_args(ColumnKind))
MAX_UPLOAD_ROWS = 10_000  # addresses in one upload: a large housing project, not a whole grid area


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the field's machine name, e.g. "street"; what an upload is keyed by
    label: str  # in the language the case type was fetched in
    kind: ColumnKind
    mandatory: bool = False
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None


def columns_from_case_type(fields: list[dict[str, Any]]) -> tuple[Column, ...]:
    """The template's columns, in form order, from the `fields` of `GET /case-types/{code}`."""
    return tuple(_column(field) for field in fields)


def _column(field: Mapping[str, Any]) -> Column:
    name = field.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"a case type field has no name: {field!r}")
    kind = field.get("kind")
    max_length = field.get("max_length")
    return Column(
        name=name,
        label=str(field.get("label") or name),
        # A kind the cases service adds later still gets a plain text column: it validates values anyway.
        kind=kind if _is_kind(kind) else "text",
        mandatory=bool(field.get("mandatory", False)),
        choices=tuple(str(choice) for choice in field.get("choices") or ()),
        minimum=_decimal(field.get("minimum"), name),
        maximum=_decimal(field.get("maximum"), name),
        max_length=None if max_length is None else int(max_length),
    )


def _is_kind(kind: object) -> TypeGuard[ColumnKind]:
    return isinstance(kind, str) and kind in KINDS


def _decimal(value: object, name: str) -> Decimal | None:
    # Pydantic sends Decimals as JSON strings ("1.5"); a client parsing floats would send numbers.
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError(f"{name}: {value!r} is not a number") from error
