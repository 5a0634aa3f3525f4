"""What an address query says: words (street, town), a house number and a postcode, in any order.

Some tokens can be read two ways, and the search tries the readings in turn until one finds addresses:
a lone letter after the house number is its letter ("1 a" is 1A) or begins a word ("1 h" while typing
Helsingborg); three digits alone are a house number or the beginning of a postcode ("263" of 263 31).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product


@dataclass(frozen=True, slots=True)
class AddressQuery:
    words: tuple[str, ...]  # folded (text_normalisation.fold)
    number: str | None  # folded, letter included: "1a"
    postcode: str | None  # digits only, perhaps the beginning


def readings(tokens: list[str]) -> Iterator[AddressQuery]:
    """The readings of folded tokens, the likeliest first, each once."""
    seen: set[AddressQuery] = set()
    for joins, postcode_first in product((True, False), (False, True)):
        reading = _read(tokens, letter_joins_number=joins, three_digits_are_postcode=postcode_first)
        if reading not in seen:
            seen.add(reading)
            yield reading


def _read(tokens: list[str], *, letter_joins_number: bool, three_digits_are_postcode: bool) -> AddressQuery:
    words: list[str] = []
    number: str | None = None
    postcode: str | None = None
    previous = ""
    position = 0
    while position < len(tokens):
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if len(token) == 3 and token.isdigit() and len(following) == 2 and following.isdigit():
            postcode = token + following  # Swedish postcodes are written "252 25"
            position += 1
        elif token[0].isdigit():
            postcode_first = three_digits_are_postcode and len(token) == 3 and token.isdigit()
            if number is None and len(digits(token)) <= 3 and not postcode_first:  # 4 digits: a postcode
                number = token
            elif postcode is None:
                postcode = digits(token)
        elif letter_joins_number and len(token) == 1 and previous == number and number.isdigit():
            number += token
        else:
            words.append(token)
        previous = token
        position += 1
    return AddressQuery(tuple(words), number, postcode)


def digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())
