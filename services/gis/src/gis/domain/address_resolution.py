"""Written addresses (an import's rows) resolved to known addresses and their grid areas, many at once.

Exact, never fuzzy: street name and house number must equal a known address's once folded as the search
folds them (case, spaces and punctuation, æ/ø as ä/ö, other accents dropped; "12 B" is 12B). A name
written without å ä ö ("Hoganasvagen") is read as the name with them, but only when no street really is
spelt so. A postcode (its digits) and a city narrow the matches and must both agree; when several
addresses remain the row is ambiguous, never guessed. A row not found gets near misses instead: the same
address at another postcode or in another town, or the nearest numbers on the street (for a misspelt
name, on the streets the search suggests).

Every key and every address's grid area is computed once when the lookup is built, so resolving a row is
a few dict lookups.
"""

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from gis.domain.address_search import AddressEntry, AddressIndex
from gis.domain.routing import NOWHERE, GridAreaIndex, Routed
from gis.domain.text_normalisation import ascii_fold
from gis.domain.written_address import (
    WrittenAddress,
    house_number_key,
    house_number_value,
    parse_street,
    postcode_key,
    street_key,
    town_key,
)

MAX_CANDIDATES = 3
# A misspelt street name is looked up with the typo-tolerant search (up to a millisecond): once per name
# and batch, and for at most this many names, so a file of garbage cannot take seconds. The rows after
# that are still answered, without suggestions.
MAX_SEARCHES_PER_BATCH = 200
_SUGGESTION_HITS = 20  # addresses the search returns, to find a few distinct streets among them
T = TypeVar("T")


class ResolutionStatus(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    OUTSIDE_GRID_AREAS = "outside_grid_areas"


@dataclass(frozen=True, slots=True)
class Resolution:
    status: ResolutionStatus
    address: AddressEntry | None = None  # found, or outside every grid area
    grid_area: Routed | None = None  # found only
    candidates: tuple[AddressEntry, ...] = ()  # ambiguous or not found: up to MAX_CANDIDATES


class AddressLookup:
    def __init__(self, entries: list[AddressEntry], areas: list[Routed | None], search: AddressIndex) -> None:
        self._entries = entries
        self._areas = areas
        self._search = search
        self._by_id = {entry.id: index for index, entry in enumerate(entries)}
        # Streets, towns, postcodes and numbers repeat thousands of times: each distinct one folded once.
        self._postcodes = _each_once(postcode_key, [entry.postcode for entry in entries])
        streets = _each_once(street_key, [entry.street for entry in entries])
        numbers = _each_once(house_number_key, [entry.number for entry in entries])
        self._towns = _each_once(town_key, [entry.town for entry in entries])
        self._street_keys = streets
        self._number_values = [house_number_value(number) for number in numbers]
        self._exact: dict[tuple[str, str], list[int]] = {}
        self._plain: dict[tuple[str, str], list[int]] = {}  # the name in ASCII: "hoganasvagen"
        self._streets: dict[str, list[int]] = {}
        self._plain_streets: dict[str, list[int]] = {}
        # Lists in natural order (Solgatan 2 before Solgatan 10), then by postcode, town and id: candidates
        # come in the same order whatever order the addresses were stored in.
        ids = [entry.id for entry in entries]
        order = list(
            zip(streets, self._number_values, numbers, self._postcodes, self._towns, ids, strict=True)
        )
        natural = sorted(range(len(entries)), key=order.__getitem__)
        plain_streets = _each_once(ascii_fold, streets)
        for index in natural:
            street, plain, number = streets[index], plain_streets[index], numbers[index]
            self._exact.setdefault((street, number), []).append(index)
            self._plain.setdefault((plain, number), []).append(index)
            self._streets.setdefault(street, []).append(index)
            self._plain_streets.setdefault(plain, []).append(index)

    @classmethod
    def build(
        cls, entries: Iterable[AddressEntry], routing: GridAreaIndex, search: AddressIndex
    ) -> "AddressLookup":
        """Every address routed in one vectorised call; `search` suggests names for misspelt ones."""
        entry_list = list(entries)
        routed = routing.route_many([e.lon for e in entry_list], [e.lat for e in entry_list])
        known = [routing.area(area) for area in range(len(routing))]
        areas = [None if area == NOWHERE else known[area] for area in routed.tolist()]
        return cls(entry_list, areas, search)

    def resolve_many(self, rows: Iterable[WrittenAddress]) -> list[Resolution]:
        """One resolution per row, in order."""
        suggestions = _Suggestions(self)
        return [self._resolve(row, suggestions) for row in rows]

    def suggest_streets(self, name: str) -> list[str]:
        """The streets the search finds for a misspelt name, best first."""
        hits = self._search.search(name, _SUGGESTION_HITS)
        return list(dict.fromkeys(self._street_keys[self._by_id[hit.id]] for hit in hits))[:MAX_CANDIDATES]

    def _resolve(self, row: WrittenAddress, suggestions: "_Suggestions") -> Resolution:
        parsed = parse_street(row.street)
        if parsed is None:
            return Resolution(ResolutionStatus.NOT_FOUND)
        street, number = parsed
        postcode = postcode_key(row.postcode or "") or None
        town = town_key(row.city or "") or None
        matches = self._matching(street, number) if number is not None else []
        if not matches:
            on_street = self._on_street(street)
            streets = [on_street] if on_street else [self._streets[s] for s in suggestions.streets(street)]
            near = [i for addresses in streets for i in self._nearest(addresses, number, postcode, town)]
            return self._not_found(near)
        narrowed = [i for i in matches if self._fits(i, postcode, town)]
        if not narrowed:  # the address exists, but not at the postcode or in the city given
            return self._not_found(matches)
        if len(narrowed) > 1:
            return Resolution(ResolutionStatus.AMBIGUOUS, candidates=self._candidates(narrowed))
        address, area = self._entries[narrowed[0]], self._areas[narrowed[0]]
        if area is None:
            return Resolution(ResolutionStatus.OUTSIDE_GRID_AREAS, address=address)
        return Resolution(ResolutionStatus.FOUND, address=address, grid_area=area)

    def _matching(self, street: str, number: str) -> list[int]:
        if found := self._exact.get((street, number)):
            return found
        if street in self._streets:  # "Askgatan" is a street of its own, not Åskgatan without its ring
            return []
        return self._plain.get((ascii_fold(street), number), [])

    def _on_street(self, street: str) -> list[int]:
        return self._streets.get(street) or self._plain_streets.get(ascii_fold(street), [])

    def _nearest(
        self, addresses: list[int], number: str | None, postcode: str | None, town: tuple[str, ...] | None
    ) -> list[int]:
        """A street's addresses nearest the number, in the postcode and town given if it has any there."""
        nearby = [i for i in addresses if self._fits(i, postcode, town)] or addresses
        if number is None:
            return nearby[:MAX_CANDIDATES]
        value = house_number_value(number)
        return heapq.nsmallest(MAX_CANDIDATES, nearby, key=lambda i: abs(self._number_values[i] - value))

    def _fits(self, index: int, postcode: str | None, town: tuple[str, ...] | None) -> bool:
        # A city names the postal town, or its first words: "København" for København N.
        return (postcode is None or self._postcodes[index] == postcode) and (
            town is None or self._towns[index][: len(town)] == town
        )

    def _not_found(self, candidates: list[int]) -> Resolution:
        return Resolution(ResolutionStatus.NOT_FOUND, candidates=self._candidates(candidates))

    def _candidates(self, indexes: list[int]) -> tuple[AddressEntry, ...]:
        return tuple(self._entries[index] for index in indexes[:MAX_CANDIDATES])


class _Suggestions:
    """One batch's suggestions for misspelt street names: each name looked up once, within a budget."""

    def __init__(self, lookup: AddressLookup) -> None:
        self._lookup = lookup
        self._found: dict[str, list[str]] = {}
        self._searches_left = MAX_SEARCHES_PER_BATCH

    def streets(self, name: str) -> list[str]:
        if name not in self._found:
            if self._searches_left <= 0:
                return []  # not remembered: none looked for, so a later batch may still find some
            self._searches_left -= 1
            self._found[name] = self._lookup.suggest_streets(name)
        return self._found[name]


def _each_once(function: Callable[[str], T], texts: list[str]) -> list[T]:
    done: dict[str, T] = {}
    return [done[text] if text in done else done.setdefault(text, function(text)) for text in texts]
