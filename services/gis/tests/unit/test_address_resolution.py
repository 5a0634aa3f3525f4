"""Resolving an import's written addresses: exact street and number, narrowed by postcode and city, ambiguity
across towns, near misses, Swedish and Danish letters, and addresses outside every grid area."""

import pytest
from shapely import box

from gis.domain import address_resolution
from gis.domain.address_resolution import AddressLookup, Resolution, ResolutionStatus
from gis.domain.address_search import AddressEntry, AddressIndex
from gis.domain.routing import GridAreaIndex, Routed
from gis.domain.written_address import WrittenAddress, parse_street

WEST = Routed("area-west", "dso-sund")
EAST = Routed("area-east", "dso-kraft")
_ROWS = [  # (street, number, postcode, town, longitude): west of 12.8 is WEST, east of it EAST
    ("Solgatan", "1", "252 25", "Helsingborg", 12.70),
    ("Solgatan", "1A", "252 25", "Helsingborg", 12.70),
    ("Solgatan", "2", "252 25", "Helsingborg", 12.70),
    ("Solgatan", "10", "252 25", "Helsingborg", 12.71),
    ("Solgatan", "12B", "252 25", "Helsingborg", 12.71),
    ("Solgatan", "1", "263 31", "Höganäs", 12.90),
    ("Solgatan", "1", "263 39", "Höganäs", 12.91),  # one town, two postcodes
    ("Askgatan", "1", "252 26", "Helsingborg", 12.72),
    ("Åskgatan", "7", "252 26", "Helsingborg", 12.72),
    ("Höganäsvägen", "3", "263 31", "Höganäs", 12.92),
    ("Søndergade", "9", "6200", "Aabenraa", 12.93),
    ("Fælledvej", "3", "2200", "København N", 12.94),
    ("1:a Långgatan", "5", "413 03", "Göteborg", 12.73),
    ("Ödevägen", "4", "999 99", "Utanför", 14.00),  # in no grid area
]
ENTRIES = [
    AddressEntry(f"addr-{n}", street, number, postcode, town, lon, 56.04)
    for n, (street, number, postcode, town, lon) in enumerate(_ROWS)
]
ROUTING = GridAreaIndex.build(
    [
        (WEST.area_id, WEST.dso_id, box(12.6, 55.9, 12.8, 56.2)),
        (EAST.area_id, EAST.dso_id, box(12.8, 55.9, 13.0, 56.2)),
    ]
)
LOOKUP = AddressLookup.build(ENTRIES, ROUTING, AddressIndex.build(ENTRIES))


def resolve(street: str, postcode: str | None = None, city: str | None = None) -> Resolution:
    return LOOKUP.resolve_many([WrittenAddress(street, postcode, city)])[0]


def found_id(street: str, postcode: str | None = None, city: str | None = None) -> str | None:
    resolution = resolve(street, postcode, city)
    assert resolution.status is ResolutionStatus.FOUND, resolution
    return resolution.address.id if resolution.address else None


def labels(resolution: Resolution) -> list[str]:
    return [candidate.label for candidate in resolution.candidates]


def test_a_known_street_and_number_is_found_and_routed_to_its_grid_area() -> None:
    resolution = resolve("Solgatan 2")

    assert resolution == Resolution(ResolutionStatus.FOUND, address=ENTRIES[2], grid_area=WEST)
    assert resolve("Höganäsvägen 3").grid_area == EAST


@pytest.mark.parametrize(
    "street", ["Solgatan 2", "  SOLGATAN   2 ", "solgatan, 2", "Solgatan2", "Solgatan 2 lgh 1101"]
)
def test_case_spaces_punctuation_and_an_apartment_do_not_matter(street: str) -> None:
    assert found_id(street) == "addr-2"


@pytest.mark.parametrize("street", ["Solgatan 12B", "solgatan 12 b", "Solgatan12b", "SOLGATAN 12-B"])
def test_a_house_letter_is_found_written_together_or_apart(street: str) -> None:
    assert found_id(street) == "addr-4"


def test_a_number_without_its_letter_or_a_letter_too_many_is_not_found_but_near() -> None:
    without = resolve("Solgatan 12")
    extra = resolve("Solgatan 2C")

    assert without.status is extra.status is ResolutionStatus.NOT_FOUND
    assert without.address is None and without.grid_area is None
    assert labels(without) == [
        "Solgatan 12B, 252 25 Helsingborg",
        "Solgatan 10, 252 25 Helsingborg",
        "Solgatan 2, 252 25 Helsingborg",
    ]
    assert labels(extra)[0] == "Solgatan 2, 252 25 Helsingborg"


def test_the_same_street_and_number_in_several_towns_is_ambiguous_never_guessed() -> None:
    resolution = resolve("Solgatan 1")

    assert resolution.status is ResolutionStatus.AMBIGUOUS
    assert resolution.address is None and resolution.grid_area is None
    assert labels(resolution) == [
        "Solgatan 1, 252 25 Helsingborg",
        "Solgatan 1, 263 31 Höganäs",
        "Solgatan 1, 263 39 Höganäs",
    ]
    assert resolve("Solgatan 1", city="Höganäs").status is ResolutionStatus.AMBIGUOUS  # two postcodes


def test_candidates_come_in_the_same_order_whatever_order_the_addresses_were_stored_in() -> None:
    reversed_entries = ENTRIES[::-1]
    stored_backwards = AddressLookup.build(reversed_entries, ROUTING, AddressIndex.build(reversed_entries))

    assert stored_backwards.resolve_many([WrittenAddress("Solgatan 1")]) == [resolve("Solgatan 1")]


@pytest.mark.parametrize("postcode", ["252 25", "25225", " 252-25 "])
def test_a_postcode_with_or_without_a_space_decides(postcode: str) -> None:
    assert found_id("Solgatan 1", postcode=postcode) == "addr-0"


@pytest.mark.parametrize("city", ["Helsingborg", "HELSINGBORG", " helsingborg "])
def test_a_city_decides(city: str) -> None:
    assert found_id("Solgatan 1", city=city) == "addr-0"


def test_postcode_and_city_narrow_together_and_a_city_may_lack_its_letters() -> None:
    assert found_id("Solgatan 1", postcode="263 39", city="Hoganas") == "addr-6"
    assert resolve("Solgatan 1", postcode="26331", city="Höganäs").grid_area == EAST


def test_an_address_not_at_the_postcode_or_city_given_is_not_found_the_others_are_its_candidates() -> None:
    wrong_postcode = resolve("Solgatan 2", postcode="263 31")
    contradiction = resolve("Solgatan 1", postcode="252 25", city="Höganäs")

    assert wrong_postcode.status is contradiction.status is ResolutionStatus.NOT_FOUND
    assert labels(wrong_postcode) == ["Solgatan 2, 252 25 Helsingborg"]
    assert len(contradiction.candidates) == 3


@pytest.mark.parametrize("street", ["Sollgatan 2", "Solgatn 2", "Solgaten 2"])
def test_a_misspelt_street_is_not_found_but_the_search_suggests_it(street: str) -> None:
    resolution = resolve(street)

    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert resolution.address is None
    assert "Solgatan 2, 252 25 Helsingborg" in labels(resolution)


def test_a_street_without_a_number_is_not_found_its_first_addresses_are_candidates() -> None:
    resolution = resolve("Solgatan", city="Helsingborg")

    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert labels(resolution) == [
        "Solgatan 1, 252 25 Helsingborg",
        "Solgatan 1A, 252 25 Helsingborg",
        "Solgatan 2, 252 25 Helsingborg",
    ]


@pytest.mark.parametrize("street", ["Xyzzyvägen 1", "12", "", " , "])
def test_no_name_or_nothing_like_it_is_not_found_without_candidates(street: str) -> None:
    assert resolve(street) == Resolution(ResolutionStatus.NOT_FOUND)


@pytest.mark.parametrize(
    ("street", "city", "expected"),
    [
        ("Åskgatan 7", None, "addr-8"),
        ("Hoganasvagen 3", None, "addr-9"),  # written without å ä ö
        ("Høganæsvägen 3", None, "addr-9"),  # a Dane's keyboard: ø and æ are ö and ä
        ("Søndergade 9", "Aabenraa", "addr-10"),
        ("Sondergade 9", None, "addr-10"),
        ("Fælledvej 3", "København", "addr-11"),  # the town's first word
        ("1:a Långgatan 5", None, "addr-12"),  # a number that begins the name
    ],
)
def test_swedish_and_danish_letters_and_names_with_numbers(
    street: str, city: str | None, expected: str
) -> None:
    assert found_id(street, city=city) == expected


def test_a_name_in_ascii_is_not_read_as_another_street_that_really_is_spelt_so() -> None:
    resolution = resolve("Askgatan 7")  # Askgatan exists; Åskgatan 7 does too, but that is another street

    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert labels(resolution) == ["Askgatan 1, 252 26 Helsingborg"]
    assert found_id("Askgatan 1") == "addr-7"


def test_an_address_outside_every_grid_area_is_found_but_not_routed() -> None:
    resolution = resolve("Ödevägen 4")

    assert resolution == Resolution(ResolutionStatus.OUTSIDE_GRID_AREAS, address=ENTRIES[13])


def test_a_batch_answers_in_order() -> None:
    rows = [WrittenAddress("Solgatan 10"), WrittenAddress("Sollgatan 2"), WrittenAddress("Solgatan 1")]

    statuses = [resolution.status for resolution in LOOKUP.resolve_many(rows)]

    assert statuses == [ResolutionStatus.FOUND, ResolutionStatus.NOT_FOUND, ResolutionStatus.AMBIGUOUS]
    assert LOOKUP.resolve_many([]) == []


def test_a_misspelt_name_is_looked_up_once_per_batch_and_only_within_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(address_resolution, "MAX_SEARCHES_PER_BATCH", 1)
    rows = [WrittenAddress("Sollgatan 2"), WrittenAddress("SOLLGATAN 10"), WrittenAddress("Solgatn 2")]

    first, same_name, over_budget = LOOKUP.resolve_many(rows)

    assert labels(first)[0] == "Solgatan 2, 252 25 Helsingborg"
    assert labels(same_name)[0] == "Solgatan 10, 252 25 Helsingborg"
    assert over_budget == Resolution(ResolutionStatus.NOT_FOUND)  # answered all the same
    assert labels(LOOKUP.resolve_many(rows[2:])[0]) != []  # the next batch has its own budget


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Solgatan 12B", ("solgatan", "12b")),
        ("Solgatan 12 b", ("solgatan", "12b")),
        ("Solgatan12B", ("solgatan", "12b")),
        ("Gamla Kungsvägen 8", ("gamla kungsvägen", "8")),
        ("1:a Långgatan 5", ("1 a långgatan", "5")),
        ("Storgatan 5 LGH 1101", ("storgatan", "5")),
        ("Storgatan", ("storgatan", None)),
        ("5", None),
        ("", None),
    ],
)
def test_the_street_field_is_read_as_a_name_and_a_house_number(
    text: str, expected: tuple[str, str | None] | None
) -> None:
    assert parse_street(text) == expected
