"""EANs of metering points: 18 digits, GS1 check digit."""

import pytest

from gis.domain.ean import InvalidEan, check_digits, is_valid_ean, validate_ean, with_check_digit

VALID = "735999501211736147"


def test_a_valid_ean_is_returned_without_spaces() -> None:
    assert validate_ean(VALID) == VALID
    assert validate_ean("735999 501211 736147") == VALID


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("735999501211736148", "check digit"),
        ("73599950121173614", "18 digits, not 17"),
        ("7359995012117361470", "18 digits, not 19"),
        ("73599950121173614X", "only digits"),
    ],
)
def test_a_malformed_ean_says_what_is_wrong(value: str, message: str) -> None:
    with pytest.raises(InvalidEan, match=message):
        validate_ean(value)
    assert not is_valid_ean(value)


def test_check_digits_agree_with_stdnum_one_by_one() -> None:
    bodies = [f"735999{serial:011d}" for serial in range(0, 10**11, 7_654_321_987)]
    assert [body + str(digit) for body, digit in zip(bodies, check_digits(bodies), strict=True)] == [
        with_check_digit(body) for body in bodies
    ]
