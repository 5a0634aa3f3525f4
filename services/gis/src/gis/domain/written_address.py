"""What an import's row says: a street name and house number in one field, perhaps a postcode and a city.

Everything folded as the search folds it (text_normalisation.py), so "SOLGATAN 12 b" and "Solgatan 12B"
are the same address.
"""

import functools
import re
from dataclasses import dataclass

from gis.domain.text_normalisation import ascii_fold, tokens

_LEADING_DIGITS = re.compile(r"\d+")
_GLUED_NUMBER = re.compile(r"(\D+)(\d+\D?)")  # "solgatan12b"
_NOT_DIGIT = re.compile(r"\D+")


@dataclass(frozen=True, slots=True)
class WrittenAddress:
    street: str  # street name and house number: "Solgatan 20", "Solgatan 12 B"
    postcode: str | None = None  # "252 25" or "25225"
    city: str | None = None


def parse_street(text: str) -> tuple[str, str | None] | None:
    """(street name, house number or None) folded; None without a name."""
    words = tokens(text)
    if words and (glued := _GLUED_NUMBER.fullmatch(words[-1])):
        words = [*words[:-1], *glued.groups()]  # the space forgotten: "Solgatan12B"
    if len(words) >= 2 and words[-2] == "lgh" and words[-1].isdigit():
        words = words[:-2]  # an apartment ("lgh 1101") shares its building's address
    if len(words) >= 3 and len(words[-1]) == 1 and words[-1].isalpha() and words[-2].isdigit():
        words = [*words[:-2], words[-2] + words[-1]]  # a letter written apart: "12 B"
    # A number may also begin the name ("1:a Långgatan 5"), so only the last word is the house number.
    if len(words) >= 2 and words[-1][0].isdigit():
        return " ".join(words[:-1]), words[-1]
    if words and not words[-1][0].isdigit():
        return " ".join(words), None
    return None


def street_key(name: str) -> str:
    return " ".join(tokens(name))


def house_number_key(number: str) -> str:
    return "".join(tokens(number))


def house_number_value(number: str) -> int:
    found = _LEADING_DIGITS.match(number)
    return int(found.group()) if found else 0


def postcode_key(postcode: str) -> str:
    """Digits only: "252 25" is 25225."""
    return _NOT_DIGIT.sub("", postcode)


@functools.lru_cache(maxsize=4096)  # an import names a few towns thousands of times
def town_key(town: str) -> tuple[str, ...]:
    # Diacritics only ever narrow here, never decide a match alone: lenient is safe.
    return tuple(ascii_fold(word) for word in tokens(town))
