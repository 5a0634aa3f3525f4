"""A sole trader's personal identity number: Swedish personnummer or Danish CPR (python-stdnum).

The number is sensitive (privacy law): it is stored encrypted and only ever shown masked,
with the birth date and never the last four digits.
"""

from stdnum.dk import cpr
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import personnummer

from identity.domain.organisation_number import Country


class InvalidPersonalNumber(ValueError):
    pass


def normalise_personal_number(value: str, country: Country) -> str:
    """SE: `YYYYMMDD-NNNN` (the century made explicit); DK: `DDMMYY-NNNN`. Never echoes the value."""
    try:
        if country == "SE":
            compact = personnummer.compact(personnummer.validate(value))
            century = personnummer.get_birth_date(compact).year // 100
            digits = "".join(ch for ch in compact if ch.isdigit())[-10:]
            return f"{century}{digits[:6]}-{digits[6:]}"
        compact = cpr.validate(value)
        return f"{compact[:6]}-{compact[6:]}"
    except (StdnumValidationError, ValueError):
        label = "Swedish personal identity number" if country == "SE" else "CPR number"
        raise InvalidPersonalNumber(f"not a valid {label}") from None


def mask_personal_number(normalised: str) -> str:
    """`19800101-****`: enough to recognise, too little to use."""
    return normalised.split("-", 1)[0] + "-****"
