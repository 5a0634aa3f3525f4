"""Company registration numbers: Swedish organisationsnummer and Danish CVR, checked with python-stdnum."""

from typing import Literal

from stdnum.dk import cvr
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import orgnr, personnummer

Country = Literal["SE", "DK"]


class InvalidOrganisationNumber(ValueError):
    pass


def normalise_organisation_number(value: str, country: Country) -> str:
    """The number in its compact form, or InvalidOrganisationNumber saying why."""
    module = orgnr if country == "SE" else cvr
    try:
        number = str(module.validate(value))
    except StdnumValidationError as error:
        label = "organisation number" if country == "SE" else "CVR number"
        raise InvalidOrganisationNumber(f"not a valid {label}: {error}") from None
    # A Swedish sole trader's "organisation number" is their personnummer (a legal entity's has a third
    # digit of 2 or more). It would travel in events and be shown to others: refuse it here.
    if country == "SE" and number[2] in "01" and personnummer.is_valid(number):
        raise InvalidOrganisationNumber(
            "this is a personal identity number, which is never shown or passed on; give the company's "
            "organisation number (a sole trader's personal number goes in personal_number)"
        )
    return number
