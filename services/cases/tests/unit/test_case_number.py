"""DSO case numbers look like the ones users quote: `OK-0003826`."""

import pytest

from cases.domain.case_number import InvalidCaseNumber, format_case_number, parse_case_number


@pytest.mark.parametrize(
    ("prefix", "sequence", "expected"),
    [("OK", 3826, "OK-0003826"), ("OK", 1, "OK-0000001"), ("ELN", 9_999_999, "ELN-9999999")],
)
def test_case_numbers_are_prefix_dash_seven_digits(prefix: str, sequence: int, expected: str) -> None:
    assert format_case_number(prefix, sequence) == expected


def test_numbers_past_seven_digits_grow_instead_of_colliding() -> None:
    assert format_case_number("OK", 10_000_000) == "OK-10000000"


@pytest.mark.parametrize(("prefix", "sequence"), [("ok", 1), ("", 1), ("O-K", 1), ("OK", 0), ("OK", -5)])
def test_bad_prefixes_and_numbers_are_refused(prefix: str, sequence: int) -> None:
    with pytest.raises(InvalidCaseNumber):
        format_case_number(prefix, sequence)


def test_a_typed_case_number_is_read_back() -> None:
    assert parse_case_number(" ok-0003826 ") == ("OK", 3826)
    assert parse_case_number(format_case_number("ELN", 42)) == ("ELN", 42)


@pytest.mark.parametrize("typed", ["OK3826", "OK-382", "OK-0000000", "3826"])
def test_what_is_not_a_case_number_says_so(typed: str) -> None:
    with pytest.raises(InvalidCaseNumber, match="OK-0003826"):
        parse_case_number(typed)
