"""Facility ids (EAN) are checked the GS1 way, so a mistyped digit is caught before the DSO sees it."""

import pytest

from cases.domain.ean import gs1_check_digit, is_valid_ean


def test_check_digit_matches_a_published_gs1_example() -> None:
    assert gs1_check_digit("400638133393") == 1  # GTIN-13 4006381333931


@pytest.mark.parametrize("ean", ["735999123456789018", "571313100000000003", "735999 123456 789018"])
def test_valid_facility_ids_pass(ean: str) -> None:
    assert is_valid_ean(ean)


@pytest.mark.parametrize(
    "ean",
    [
        "735999123456789017",  # wrong check digit
        "735999123456789108",  # two digits swapped
        "73599912345678901",  # 17 digits
        "73599912345678901X",
        "",
    ],
)
def test_mistyped_facility_ids_fail(ean: str) -> None:
    assert not is_valid_ean(ean)
