"""Metering point ids (EAN/GSRN, "Anläggnings-ID"): 18 digits, the last a GS1 check digit."""

import re

_EAN = re.compile(r"\d{18}")


def is_valid_ean(value: str) -> bool:
    """True for 18 digits whose GS1 mod-10 check digit is right; spaces are allowed (as printed)."""
    digits = value.replace(" ", "")
    if not _EAN.fullmatch(digits):
        return False
    return int(digits[-1]) == gs1_check_digit(digits[:-1])


def gs1_check_digit(body: str) -> int:
    # GS1: weights 3 and 1 alternate from the rightmost digit of the body.
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10
