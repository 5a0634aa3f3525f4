"""Address search as the user types: prefixes, typos, Swedish and Danish letters, ranking; nearest address."""

import pytest

from gis.domain.address_search import AddressEntry, AddressIndex

_ROWS = [
    ("Solgatan", "1", "252 25", "Helsingborg"),
    ("Solgatan", "1A", "252 25", "Helsingborg"),
    ("Solgatan", "1B", "252 25", "Helsingborg"),
    ("Solgatan", "2", "252 25", "Helsingborg"),
    ("Solgatan", "10", "252 25", "Helsingborg"),
    ("Solgatan", "12", "252 25", "Helsingborg"),
    ("Solgatan", "100", "252 25", "Helsingborg"),
    ("Solgatan", "3", "263 31", "Höganäs"),
    ("Solvägen", "5", "252 30", "Helsingborg"),
    ("Molngatan", "4", "252 25", "Helsingborg"),
    ("Åskgatan", "7", "252 26", "Helsingborg"),
    ("Askgatan", "1", "252 26", "Helsingborg"),
    ("Regngatan", "14", "263 32", "Höganäs"),
    ("Gamla Kungsvägen", "8", "252 27", "Helsingborg"),
    ("Søndergade", "9", "6200", "Aabenraa"),
    ("Fælledvej", "3", "2200", "København N"),
    ("Åbakken", "2", "3000", "Helsingør"),
]
ADDRESSES = [
    AddressEntry(f"addr-{n}", street, number, postcode, town, 12.70 + n * 0.001, 56.04)
    for n, (street, number, postcode, town) in enumerate(_ROWS)
]
INDEX = AddressIndex.build(ADDRESSES)


def labels(query: str, limit: int = 10) -> list[str]:
    return [hit.label for hit in INDEX.search(query, limit)]


def test_a_street_prefix_finds_the_street() -> None:
    found = labels("solg")

    assert found[0] == "Solgatan 1, 252 25 Helsingborg"
    assert all(label.startswith("Solgatan") for label in found)


def test_the_house_number_typed_ranks_first_then_its_letters_then_longer_numbers() -> None:
    assert labels("solgatan 1") == [
        "Solgatan 1, 252 25 Helsingborg",
        "Solgatan 1A, 252 25 Helsingborg",
        "Solgatan 1B, 252 25 Helsingborg",
        "Solgatan 10, 252 25 Helsingborg",
        "Solgatan 12, 252 25 Helsingborg",
        "Solgatan 100, 252 25 Helsingborg",
    ]


@pytest.mark.parametrize("query", ["Solgatan 1A", "solgatan 1 a", "SOLGATAN 1a, helsingborg"])
def test_a_house_letter_is_found_written_together_or_apart(query: str) -> None:
    assert labels(query)[0] == "Solgatan 1A, 252 25 Helsingborg"


def test_a_letter_after_the_number_may_also_begin_the_town() -> None:
    assert labels("solgatan 1 h")[0] == "Solgatan 1, 252 25 Helsingborg"


@pytest.mark.parametrize("query", ["solgatan 263", "solgatan, 263 31", "solgatan höganäs", "solg hög"])
def test_a_postcode_or_town_narrows_the_street(query: str) -> None:
    assert labels(query) == ["Solgatan 3, 263 31 Höganäs"]


def test_case_commas_and_spaces_do_not_matter_and_a_full_address_scores_one() -> None:
    hits = INDEX.search("  SOLGATAN ,1 ,  252 25   helsingborg ")

    assert hits[0].label == "Solgatan 1, 252 25 Helsingborg"
    assert hits[0].score == 1.0
    assert hits[0].id == "addr-0"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sollgatan", "Solgatan 1, 252 25 Helsingborg"),
        ("sollgatan 12", "Solgatan 12, 252 25 Helsingborg"),
        ("Molngtan", "Molngatan 4, 252 25 Helsingborg"),
        ("regngaatn 14", "Regngatan 14, 263 32 Höganäs"),
        ("solgatan helsinborg", "Solgatan 1, 252 25 Helsingborg"),
    ],
)
def test_one_or_two_typos_still_find_the_street_but_score_lower(query: str, expected: str) -> None:
    hits = INDEX.search(query)

    assert hits[0].label == expected
    assert hits[0].score < 0.9


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hoganas", "Höganäs"),
        ("hoeganaes", "Höganäs"),
        ("Høganæs", "Höganäs"),  # a Dane's keyboard: ø and æ are ö and ä
        ("sondergade", "Søndergade"),
        ("soendergade", "Søndergade"),
        ("faelledvej", "Fælledvej"),
        ("aabakken", "Åbakken"),
        ("abakken", "Åbakken"),
        ("helsingor", "Helsingør"),
    ],
)
def test_ascii_spellings_find_swedish_and_danish_letters(query: str, expected: str) -> None:
    assert expected in labels(query)[0]


def test_an_ascii_query_finds_both_spellings_the_plain_one_first() -> None:
    assert labels("askgatan") == ["Askgatan 1, 252 26 Helsingborg", "Åskgatan 7, 252 26 Helsingborg"]


def test_the_letters_typed_are_matched_exactly() -> None:
    assert labels("åskgatan") == ["Åskgatan 7, 252 26 Helsingborg"]


def test_a_later_word_of_the_street_finds_it() -> None:
    assert labels("kungsv") == ["Gamla Kungsvägen 8, 252 27 Helsingborg"]


def test_results_are_limited_ranked_and_the_same_every_time() -> None:
    hits = INDEX.search("s", limit=5)

    assert len(hits) == 5
    assert hits == INDEX.search("s", limit=5)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert [hit.label for hit in INDEX.search("solgatan", limit=3)] == [
        "Solgatan 1, 252 25 Helsingborg",
        "Solgatan 1A, 252 25 Helsingborg",
        "Solgatan 1B, 252 25 Helsingborg",
    ]


def test_nothing_typed_or_nothing_like_it_finds_nothing() -> None:
    assert INDEX.search("   , ") == []
    assert INDEX.search("xyzzyvägen") == []
    assert INDEX.search("solgatan 999") == []


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        INDEX.search("solgatan", limit=0)


def test_the_nearest_address_to_a_point() -> None:
    solvagen = ADDRESSES[8]

    assert INDEX.nearest(solvagen.lon + 0.0001, solvagen.lat + 0.0001) == solvagen
    assert INDEX.nearest(13.5, 57.0, max_metres=500) is None
    assert AddressIndex.build([]).nearest(12.7, 56.0) is None


def test_a_street_typed_in_full_comes_before_streets_that_only_contain_it() -> None:
    index = AddressIndex.build(
        [
            AddressEntry("1", "Lilla Solgatan", "1", "253 79", "Helsingborg", 12.70, 56.04),
            AddressEntry("2", "Norra Solgatan", "2", "253 79", "Helsingborg", 12.70, 56.04),
            AddressEntry("3", "Solgatan", "9", "252 25", "Helsingborg", 12.70, 56.04),
        ]
    )
    assert [hit.id for hit in index.search("Solgatan")] == ["3", "1", "2"]
    assert [hit.id for hit in index.search("lilla solgatan")] == ["1"]
