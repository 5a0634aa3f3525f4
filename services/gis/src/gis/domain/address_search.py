"""Address search as the user types, and the nearest address to a point.

A query is words (street and town, matched by prefix, with typo tolerance when a word matches nothing), a
house number (prefix: "1" finds 1, then 1A, then 10, 11 …) and a postcode (prefix) in any order, with
commas and spaces as the user likes. Words are looked up among the few thousand distinct words of the
streets and towns (see street_words.py), then house numbers among the streets that matched, never among
all addresses. Results are ranked by a score and ties broken by the label in natural order (Solgatan 2
before Solgatan 10), so the same query always gives the same list.
"""

import heapq
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import STRtree

from gis.domain.address_query import AddressQuery, digits, readings
from gis.domain.street_words import StreetWords
from gis.domain.text_normalisation import fold, tokens

_NUMBER = re.compile(r"(\d+)(\D*)")
_LETTER_AFTER_NUMBER = 0.05  # "1" → "1A": the same house number, after the plain one
_LONGER_NUMBER = 0.1  # "1" → "12": another number that begins the same way
_UNTYPED_STREET_WORD = 0.02  # a word of the street's name the user did not type ("Lilla" Solgatan)
_METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True, slots=True)
class AddressEntry:
    id: str
    street: str
    number: str  # may carry a letter: "12B"
    postcode: str  # as written: "252 25"
    town: str
    lon: float
    lat: float

    @property
    def label(self) -> str:
        return f"{self.street} {self.number}, {self.postcode} {self.town}"


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    label: str
    score: float  # 1.0 for a query that names the address in full; lower for prefixes and typos
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class _Group:
    """The addresses of one street in one postcode and town: what a word match narrows to."""

    postcode: str  # digits only
    street_words: int  # "Lilla Solgatan": 2
    members: list[int]  # address indexes in natural label order
    numbers: list[str]  # folded house numbers, sorted as strings for prefix lookup…
    by_number: list[int]  # …and the address index of each


class AddressIndex:
    def __init__(self, entries: list[AddressEntry], groups: list[_Group], words: StreetWords) -> None:
        self._entries = entries
        self._groups = groups
        self._words = words
        self._rank = [0] * len(entries)  # position in natural label order: the tie-breaker
        for rank, index in enumerate(sorted(range(len(entries)), key=lambda i: _natural(entries[i]))):
            self._rank[index] = rank
        self._first_rank = [self._rank[group.members[0]] for group in groups]
        self._all_groups = sorted(
            ((g, 0.0) for g in range(len(groups))), key=lambda g: self._first_rank[g[0]]
        )
        # Nearest in metres, not degrees: longitude scaled by cos(latitude) around the data's middle.
        lons = np.array([entry.lon for entry in entries], dtype=np.float64)
        lats = np.array([entry.lat for entry in entries], dtype=np.float64)
        self._lon_scale = math.cos(math.radians(float(np.median(lats)))) if entries else 1.0
        self._tree = STRtree(np.asarray(shapely.points(lons * self._lon_scale, lats)))

    @classmethod
    def build(cls, addresses: Iterable[AddressEntry]) -> "AddressIndex":
        entries = list(addresses)
        keys: dict[tuple[str, str, str], list[int]] = {}
        for index, entry in enumerate(entries):
            keys.setdefault((entry.street, entry.postcode, entry.town), []).append(index)
        words = StreetWords()
        groups = []
        for group_id, ((street, postcode, town), members) in enumerate(sorted(keys.items())):
            words.add(group_id, street, town)
            members.sort(key=lambda i: _natural(entries[i]))
            numbered = sorted((_folded_number(entries[i].number), i) for i in members)
            groups.append(
                _Group(
                    postcode=digits(postcode),
                    street_words=len(street.split()),
                    members=members,
                    numbers=[number for number, _ in numbered],
                    by_number=[index for _, index in numbered],
                )
            )
        words.freeze()
        return cls(entries, groups, words)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best `limit` addresses for what the user typed so far, best first."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        query_tokens = tokens(query)
        if not query_tokens:
            return []
        for reading in readings(query_tokens):
            if found := self._search(reading, limit):
                return found
        return []

    def nearest(self, lon: float, lat: float, max_metres: float | None = None) -> AddressEntry | None:
        """The address nearest the point (reverse lookup); None if there is none within max_metres."""
        point = shapely.points((lon * self._lon_scale, lat))
        max_distance = None if max_metres is None else max_metres / _METRES_PER_DEGREE
        found = self._tree.query_nearest(point, max_distance=max_distance)
        if not found.size:
            return None
        # Equidistant addresses: the first in label order, so the answer never depends on tree layout.
        return self._entries[min((int(index) for index in found), key=self._rank.__getitem__)]

    def _search(self, query: AddressQuery, limit: int) -> list[Hit]:
        if query.words:
            matched = self._words.groups_matching(query.words)
            # "solgatan" names Solgatan in full and Lilla Solgatan only in part: the full name first.
            untyped = {
                g: p + _UNTYPED_STREET_WORD * max(0, self._groups[g].street_words - len(query.words))
                for g, p in matched.items()
            }
            groups = sorted(untyped.items(), key=lambda item: (item[1], self._first_rank[item[0]]))
        else:  # a number or postcode alone
            groups = self._all_groups
        if query.postcode is not None:
            groups = [(g, p) for g, p in groups if self._groups[g].postcode.startswith(query.postcode)]
        return [self._hit(index, penalty) for penalty, _, index in self._best(groups, query.number, limit)]

    def _best(
        self, groups: list[tuple[int, float]], number: str | None, limit: int
    ) -> list[tuple[float, int, int]]:
        """The best `limit` (penalty, rank, address index), from groups sorted by (penalty, first rank)."""
        kept: list[tuple[float, int, int]] = []  # negated: heapq's smallest is the worst kept
        for group_id, penalty in groups:
            # No address of this group or the following ones can beat the worst kept: a number only adds
            # to the group's penalty, and no member ranks before the group's first.
            if len(kept) == limit and (penalty, self._first_rank[group_id]) > (-kept[0][0], -kept[0][1]):
                break
            for extra, index in self._members(self._groups[group_id], number, limit):
                candidate = (-(penalty + extra), -self._rank[index], index)
                if len(kept) < limit:
                    heapq.heappush(kept, candidate)
                elif candidate > kept[0]:
                    heapq.heapreplace(kept, candidate)
        return sorted((-penalty, -rank, index) for penalty, rank, index in kept)

    @staticmethod
    def _members(group: _Group, number: str | None, limit: int) -> Iterator[tuple[float, int]]:
        """(penalty for the house number, address index) of the group's addresses the number fits."""
        if number is None:
            yield from ((0.0, index) for index in group.members[:limit])
            return
        start = bisect_left(group.numbers, number)
        for position in range(start, bisect_left(group.numbers, number + "\U0010ffff", start)):
            found = group.numbers[position]
            yield 0.0 if found == number else _number_penalty(number, found), group.by_number[position]

    def _hit(self, index: int, penalty: float) -> Hit:
        entry = self._entries[index]
        return Hit(entry.id, entry.label, round(max(0.0, 1.0 - penalty), 3), entry.lon, entry.lat)


def _number_penalty(typed: str, found: str) -> float:
    typed_digits = _NUMBER.match(typed)
    found_digits = _NUMBER.match(found)
    if typed_digits and found_digits and typed_digits.group(1) == found_digits.group(1):
        return _LETTER_AFTER_NUMBER
    return _LONGER_NUMBER


def _folded_number(number: str) -> str:
    return "".join(tokens(number))


def _natural(entry: AddressEntry) -> tuple[str, int, str, str, str, str]:
    """Sort key of a label with its house number compared as a number: Solgatan 2 before Solgatan 10."""
    number = _NUMBER.match(_folded_number(entry.number))
    value, letters = (int(number.group(1)), number.group(2)) if number else (0, _folded_number(entry.number))
    return (fold(entry.street), value, letters, digits(entry.postcode), fold(entry.town), entry.label)
