"""Mobile numbers, kept in international (E.164) form so mails and SMS gateways need no guessing.

Accepted: international form (`+46 70 123 45 67`, `0046…`), or the national form of the DSO's country
(Swedish `070-123 45 67`, Danish `20 12 34 56`).
"""

import re

from identity.domain.organisation_number import Country

_SEPARATORS = re.compile(r"[\s\-().\u00a0/]")
# Digits after the country code: Sweden 7 to 9 without the trunk 0, Denmark always 8.
_NATIONAL = {"46": re.compile(r"[1-9]\d{6,8}"), "45": re.compile(r"[2-9]\d{7}")}
_INTERNATIONAL = re.compile(r"[1-9]\d{7,14}")  # E.164: at most 15 digits with the country code


class InvalidPhoneNumber(ValueError):
    pass


def normalise_phone_number(value: str, country: Country) -> str:
    """`+46701234567`, or InvalidPhoneNumber saying what is expected."""
    number = _SEPARATORS.sub("", value)
    if number.startswith("00"):
        number = "+" + number[2:]
    if number.startswith("+"):
        digits = number[1:]
    elif country == "SE" and number.startswith("0"):
        digits = "46" + number[1:]
    elif country == "DK" and len(number) == 8:
        digits = "45" + number
    else:
        raise InvalidPhoneNumber("give the number with its country code, e.g. +46 70 123 45 67")
    national_rule = next((rule for code, rule in _NATIONAL.items() if digits.startswith(code)), None)
    if not digits.isdigit() or not _INTERNATIONAL.fullmatch(digits):
        raise InvalidPhoneNumber("not a phone number")
    if national_rule is not None and not national_rule.fullmatch(digits[2:]):
        raise InvalidPhoneNumber("not a Swedish or Danish phone number")
    return "+" + digits
