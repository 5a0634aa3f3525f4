"""The utilities a team or resource may work on ("Behörighet"), in the order the portal lists them."""

from collections.abc import Iterable

AUTHORISATIONS = ("electricity", "district_heating", "biogas")


def in_order(codes: Iterable[str]) -> list[str]:
    """Known codes in the portal's order (El, Fjärrvärme/Fjärrkyla, Biogas); identity sorts by name."""
    held = set(codes)
    return [code for code in AUTHORISATIONS if code in held]
