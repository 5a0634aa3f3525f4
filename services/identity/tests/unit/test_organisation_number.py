"""Organisation numbers are checked the way the registries define them (python-stdnum)."""

import pytest

from identity.domain.organisation_number import InvalidOrganisationNumber, normalise_organisation_number


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("556036-0793", "SE", "5560360793"),
        ("5560360793", "SE", "5560360793"),
        ("DK 13585628", "DK", "13585628"),
    ],
)
def test_valid_numbers_are_normalised(raw: str, country: str, expected: str) -> None:
    assert normalise_organisation_number(raw, country) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "country", "says"),
    [
        ("556036-0794", "SE", "organisation number"),
        ("12345", "SE", "organisation number"),
        ("13585627", "DK", "CVR"),
    ],
)
def test_invalid_numbers_say_why(raw: str, country: str, says: str) -> None:
    with pytest.raises(InvalidOrganisationNumber, match=says):
        normalise_organisation_number(raw, country)  # type: ignore[arg-type]
