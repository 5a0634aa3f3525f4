""" "Hämta anl-data" and "Kopiera från ägare": how fetched or copied values meet what the installer typed.

Overwrite yes: every fetched value replaces the case's. Overwrite no: only empty fields are filled,
except the facility ids, which always follow the registry because a wrong id sends the work to the
wrong meter. Personal identity numbers never come from facility data (privacy law); the installer
asks the customer.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from cases.domain.field_values import is_empty
from cases.domain.party_fields import FACILITY_IDS, PARTY_FIELDS

ALWAYS_OVERWRITTEN = frozenset(FACILITY_IDS)


@dataclass(frozen=True, slots=True)
class FillResult:
    values: dict[str, str | None]
    changed_fields: tuple[str, ...]  # in the order they were applied, to highlight in the form


def is_personal_number(field: str) -> bool:
    return field == "personal_number" or field.endswith("_personal_number")


def fill_from_facility(
    current: Mapping[str, str | None], facility: Mapping[str, str], overwrite: bool
) -> FillResult:
    """The case's values after fetching facility data, and which fields that changed."""
    values = dict(current)
    changed: list[str] = []
    for field, fetched in facility.items():
        # An empty registry value is no information: it must not erase what the installer typed.
        if is_personal_number(field) or is_empty(fetched):
            continue
        if not (overwrite or field in ALWAYS_OVERWRITTEN or is_empty(values.get(field))):
            continue
        if values.get(field) != fetched:
            values[field] = fetched
            changed.append(field)
    return FillResult(values, tuple(changed))


def copy_owner_to_payer(current: Mapping[str, str | None]) -> FillResult:
    """The payer becomes the owner, field by field, blanks included: the button means "same as owner"."""
    values = dict(current)
    changed: list[str] = []
    for field in PARTY_FIELDS:
        owner_value = current.get(f"owner_{field}")
        owner_value = None if is_empty(owner_value) else owner_value
        payer_field = f"payer_{field}"
        if values.get(payer_field) != owner_value:
            values[payer_field] = owner_value
            changed.append(payer_field)
    return FillResult(values, tuple(changed))
