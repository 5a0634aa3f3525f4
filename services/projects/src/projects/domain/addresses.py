"""An import's addresses as GIS resolves them (`POST /addresses/resolve`), and what is wrong with a row whose
address was not found, is ambiguous, or lies outside the project's grid company's areas.

A project's cases all go to its team's grid company (ADR 0007), so an address routed to another grid
company is as wrong as one not found: cases would refuse it when the job is already running.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from projects.domain.imports import RowError, RowValues

STREET, POSTCODE, CITY = "street", "postcode", "city"
# GIS refuses the whole batch beyond these; a longer value is wrong anyway and cases says so.
_MAX_STREET, _MAX_POSTCODE, _MAX_CITY = 200, 20, 100


class AddressStatus(enum.StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    OUTSIDE_GRID_AREAS = "outside_grid_areas"


@dataclass(frozen=True, slots=True)
class WrittenAddress:
    row_number: int  # GIS echoes it as the row's `ref`
    street: str  # street name and house number
    postcode: str | None
    city: str | None


@dataclass(frozen=True, slots=True)
class ResolvedAddress:
    row_number: int
    status: str  # an AddressStatus; a status GIS adds later is an error like any other not found
    label: str | None = None  # the address found: "Solgatan 20, 252 20 Helsingborg"
    lon: float | None = None
    lat: float | None = None
    grid_area_id: str | None = None
    grid_area_name: str | None = None
    dso_id: str | None = None
    candidates: tuple[str, ...] = ()  # near misses, as labels

    @property
    def located(self) -> bool:
        return self.status == AddressStatus.FOUND and self.lon is not None and self.lat is not None


_TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        AddressStatus.NOT_FOUND: "Adressen finns inte",
        AddressStatus.AMBIGUOUS: "Adressen kan vara flera; ange postnummer eller ort",
        AddressStatus.OUTSIDE_GRID_AREAS: "Adressen ligger utanför alla nätområden",
        "other_dso": "Adressen ligger i ett annat nätbolags nätområde ({area})",
        "candidates": "menade du: {candidates}?",
    },
    "da": {
        AddressStatus.NOT_FOUND: "Adressen findes ikke",
        AddressStatus.AMBIGUOUS: "Adressen kan være flere; angiv postnummer eller by",
        AddressStatus.OUTSIDE_GRID_AREAS: "Adressen ligger uden for alle netområder",
        "other_dso": "Adressen ligger i et andet netselskabs netområde ({area})",
        "candidates": "mente du: {candidates}?",
    },
    "en": {
        AddressStatus.NOT_FOUND: "No such address",
        AddressStatus.AMBIGUOUS: "The address could be several; add the postcode or the town",
        AddressStatus.OUTSIDE_GRID_AREAS: "The address lies outside every grid area",
        "other_dso": "The address lies in another grid company's area ({area})",
        "candidates": "did you mean: {candidates}?",
    },
}


def written_addresses(rows: Iterable[RowValues]) -> list[WrittenAddress]:
    """What to ask GIS: the rows with a street. A row without one, or with one too long, is reported by
    cases (mandatory, max length); asking GIS about it would fail the whole batch."""
    asked = []
    for row in rows:
        street = row.values.get(STREET, "").strip()
        if street and len(street) <= _MAX_STREET:
            asked.append(
                WrittenAddress(
                    row.row_number,
                    street,
                    _within(row.values.get(POSTCODE), _MAX_POSTCODE),
                    _within(row.values.get(CITY), _MAX_CITY),
                )
            )
    return asked


def address_errors(
    rows: Iterable[RowValues],
    resolved: Mapping[int, ResolvedAddress],
    *,
    dso_id: str,
    street_label: str,
    language: str,
) -> list[RowError]:
    """One error on the street column per row not found and routed to the project's grid company. A row
    GIS was not asked about (no street) gets one too: no case can be made without a place."""
    texts = _TEXTS.get(language, _TEXTS["en"])
    errors = []
    for row in rows:
        found = resolved.get(row.row_number, ResolvedAddress(row.row_number, AddressStatus.NOT_FOUND))
        if found.located and found.dso_id == dso_id:
            continue
        if found.located:
            message = texts["other_dso"].format(area=found.grid_area_name or found.grid_area_id)
        else:
            message = texts.get(found.status, texts[AddressStatus.NOT_FOUND])
            if found.candidates:
                message += ": " + texts["candidates"].format(candidates="; ".join(found.candidates))
        errors.append(RowError(row.row_number, STREET, street_label, message))
    return errors


def by_row(resolved: Iterable[ResolvedAddress]) -> dict[int, ResolvedAddress]:
    return {found.row_number: found for found in resolved}


def _within(text: str | None, limit: int) -> str | None:
    text = (text or "").strip()
    return text if text and len(text) <= limit else None
