"""Checks of one typed form value against its field's kind and limits.

Values arrive as the text the user typed; a draft may hold anything partly typed, so these checks only
say whether the text can be what the field asks for, never whether it is missing.
"""

import enum
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from cases.domain.ean import is_valid_ean
from cases.domain.texts import Texts

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
) -> Texts | None:
    """What is wrong with a non-empty `text` for a field of this kind, in the three languages, or None.
    The English is what the API's problem bodies say; an import's error table shows the user's own."""
    if max_length is not None and len(text) > max_length:
        return _texts(
            "får vara högst {n} tecken",
            "må højst være {n} tegn",
            "must be at most {n} characters",
            n=max_length,
        )
    match kind:
        case FieldKind.TEXT:
            return None
        case FieldKind.INTEGER:
            if not _INTEGER.fullmatch(text):
                return Texts("måste vara ett heltal", "skal være et helt tal", "must be a whole number")
            return _range_error(Decimal(text), minimum, maximum)
        case FieldKind.DECIMAL:
            number = parse_decimal(text)
            if number is None:
                return Texts(
                    "måste vara ett tal, t.ex. 3,5",
                    "skal være et tal, f.eks. 3,5",
                    "must be a number, e.g. 3,5",
                )
            return _range_error(number, minimum, maximum)
        case FieldKind.CHOICE:
            listed = ", ".join(choices)
            return (
                None
                if text in choices
                else _texts("måste vara något av {c}", "skal være en af {c}", "must be one of {c}", c=listed)
            )
        case FieldKind.DATE:
            return (
                None
                if _is_date(text)
                else Texts(
                    "måste vara ett datum som ÅÅÅÅ-MM-DD",
                    "skal være en dato som ÅÅÅÅ-MM-DD",
                    "must be a date as YYYY-MM-DD",
                )
            )
        case FieldKind.EAN:
            return (
                None
                if is_valid_ean(text)
                else Texts(
                    "måste vara ett 18-siffrigt anläggnings-id (EAN) med giltig kontrollsiffra",
                    "skal være et 18-cifret målepunkts-id (EAN) med gyldigt kontrolciffer",
                    "must be an 18-digit facility id (EAN) with a valid check digit",
                )
            )
        case FieldKind.BOOLEAN:
            return (
                None
                if text in BOOLEANS
                else Texts(
                    "måste vara true eller false", "skal være true eller false", "must be true or false"
                )
            )


def _range_error(number: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> Texts | None:
    if minimum is not None and number < minimum:
        return _texts("måste vara minst {m}", "skal være mindst {m}", "must be at least {m}", m=minimum)
    if maximum is not None and number > maximum:
        return _texts("får vara högst {m}", "må højst være {m}", "must be at most {m}", m=maximum)
    return None


def _texts(sv: str, da: str, en: str, **values: object) -> Texts:
    return Texts(sv.format(**values), da.format(**values), en.format(**values))


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
