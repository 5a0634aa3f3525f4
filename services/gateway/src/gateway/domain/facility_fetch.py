""" "Hämta anl-data": what the form asks cases to fetch, and which fields the fetch (or "Kopiera från
ägare") changed, to mark them in the form."""

from collections.abc import Iterable
from typing import Any, Literal

from gateway.domain.case_form import Field


def changed_fields(fields: Iterable[Field], named: str | None) -> list[Field]:
    """The fields a fetch or copy changed, from the page's `andrade=ean,meter_number` (kept in the address
    after the redirect, so a reload shows the same marks); unknown names are ignored."""
    wanted = [name for name in (named or "").split(",") if name]
    by_name = {field.name: field for field in fields}
    return [by_name[name] for name in dict.fromkeys(wanted) if name in by_name]


LookupBy = Literal["ean", "meter_number"]


def facility_lookup(by: str | None, number: str | None, overwrite: str | None) -> dict[str, Any] | None:
    """`POST /cases/{id}/facility-data`'s body (without the version), or None when no number was typed.
    An EAN is sent as printed (cases allows the spaces); the overwrite choice defaults to yes, as the
    seed's form does for an empty case."""
    typed = " ".join((number or "").split())
    if not typed:
        return None
    key: LookupBy = "meter_number" if by == "meter_number" else "ean"
    return {key: typed, "overwrite": overwrite != "no"}
