"""A DSO's case number as users quote it on the phone: `OK-0003826` (prefix, dash, seven digits).

Only the format lives here; the next number comes from the database so concurrent sends never share one.
"""

import re

_PREFIX = re.compile(r"[A-Z]{1,6}")
_CASE_NUMBER = re.compile(r"([A-Z]{1,6})-(\d{7,})")
DIGITS = 7


class InvalidCaseNumber(ValueError):
    pass


def format_case_number(prefix: str, sequence: int) -> str:
    """`OK-0003826`; past 9,999,999 the number simply grows a digit rather than wrap or collide."""
    if not _PREFIX.fullmatch(prefix):
        raise InvalidCaseNumber(f"a case prefix is 1 to 6 capital letters A-Z, not {prefix!r}")
    if sequence < 1:
        raise InvalidCaseNumber(f"case numbers start at 1, not {sequence}")
    return f"{prefix}-{sequence:0{DIGITS}d}"


def parse_case_number(value: str) -> tuple[str, int]:
    """(prefix, sequence) of a case number typed by a user; spaces and lower case are forgiven."""
    match = _CASE_NUMBER.fullmatch(value.strip().upper())
    if match is None or int(match.group(2)) < 1:
        raise InvalidCaseNumber(f"not a case number like OK-0003826: {value!r}")
    return match.group(1), int(match.group(2))
