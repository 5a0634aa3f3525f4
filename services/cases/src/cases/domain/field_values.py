"""Checks of one typed form value against its field's kind and limits.

Values arrive as the text the user typed; a draft may hold anything partly typed, so these checks only
say whether the text can be what the field asks for, never whether it is missing.
"""

import enum
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from cases.domain.ean import is_valid_ean

_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(?:[.,]\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BOOLEANS = {"true": True, "false": False}


class FieldKind(enum.StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    CHOICE = "choice"
    DATE = "date"
    EAN = "ean"
    BOOLEAN = "boolean"


def is_empty(value: str | None) -> bool:
    return value is None or not value.strip()


def parse_decimal(text: str) -> Decimal | None:
    """Comma or point as decimal separator: Swedes and Danes type `3,5`."""
    if not _DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes it
        return None


def kind_error(
    kind: FieldKind,
    text: str,
    *,
    choices: tuple[str, ...],
    minimum: Decimal | None,
    maximum: Decimal | None,
    max_length: int | None,
) -> str | None:
    """What is wrong with a non-empty `text` for a field of this kind, or None."""
    if max_length is not None and len(text) > max_length:
        return f"must be at most {max_length} characters"
    match kind:
        case FieldKind.TEXT:
            return None
        case FieldKind.INTEGER:
            if not _INTEGER.fullmatch(text):
                return "must be a whole number"
            return _range_error(Decimal(text), minimum, maximum)
        case FieldKind.DECIMAL:
            number = parse_decimal(text)
            if number is None:
                return "must be a number, e.g. 3,5"
            return _range_error(number, minimum, maximum)
        case FieldKind.CHOICE:
            return None if text in choices else "must be one of " + ", ".join(choices)
        case FieldKind.DATE:
            return None if _is_date(text) else "must be a date as YYYY-MM-DD"
        case FieldKind.EAN:
            return (
                None
                if is_valid_ean(text)
                else "must be an 18-digit facility id (EAN) with a valid check digit"
            )
        case FieldKind.BOOLEAN:
            return None if text in BOOLEANS else "must be true or false"


def _range_error(number: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> str | None:
    if minimum is not None and number < minimum:
        return f"must be at least {minimum}"
    if maximum is not None and number > maximum:
        return f"must be at most {maximum}"
    return None


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
