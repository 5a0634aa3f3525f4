""" "Hämta anl-data": the overwrite rules field by field, and "copy from owner"."""

import pytest

from cases.domain.facility_fill import copy_owner_to_payer, fill_from_facility

FACILITY = {
    "ean": "735999123456789018",
    "technical_number": "T-4711",
    "meter_number": "M-0815",
    "street": "Storgatan 1",
    "owner_name": "Anna Andersson",
    "owner_phone": "+46701234567",
}
TYPED = {
    "ean": "735999000000000013",
    "technical_number": "T-0001",
    "meter_number": "M-0001",
    "street": "Storgatan 1A",
    "owner_name": "",
    "owner_phone": None,
}


@pytest.mark.parametrize(
    ("field", "overwrite", "expected"),
    [
        # Facility ids always follow the registry.
        ("ean", False, FACILITY["ean"]),
        ("ean", True, FACILITY["ean"]),
        ("technical_number", False, FACILITY["technical_number"]),
        ("technical_number", True, FACILITY["technical_number"]),
        ("meter_number", False, FACILITY["meter_number"]),
        ("meter_number", True, FACILITY["meter_number"]),
        # Other typed values are kept unless the installer chose to overwrite.
        ("street", False, TYPED["street"]),
        ("street", True, FACILITY["street"]),
        # Empty (blank or absent) fields are filled either way.
        ("owner_name", False, FACILITY["owner_name"]),
        ("owner_name", True, FACILITY["owner_name"]),
        ("owner_phone", False, FACILITY["owner_phone"]),
        ("owner_phone", True, FACILITY["owner_phone"]),
    ],
)
def test_overwrite_rules_field_by_field(field: str, overwrite: bool, expected: str) -> None:
    assert fill_from_facility(TYPED, FACILITY, overwrite=overwrite).values[field] == expected


def test_overwrite_no_names_exactly_the_fields_that_changed() -> None:
    result = fill_from_facility(TYPED, FACILITY, overwrite=False)
    assert result.changed_fields == ("ean", "technical_number", "meter_number", "owner_name", "owner_phone")


def test_overwrite_yes_changes_every_differing_field() -> None:
    result = fill_from_facility(TYPED, FACILITY, overwrite=True)
    assert result.changed_fields == tuple(FACILITY)
    assert result.values == FACILITY


def test_a_fetched_value_equal_to_the_typed_one_is_not_a_change() -> None:
    result = fill_from_facility({"ean": FACILITY["ean"]}, {"ean": FACILITY["ean"]}, overwrite=True)
    assert result.changed_fields == ()


def test_fields_the_facility_does_not_know_are_left_alone() -> None:
    current = {"new_main_fuse": "25", "comment": None}
    result = fill_from_facility(current, FACILITY, overwrite=True)
    assert result.values["new_main_fuse"] == "25"
    assert result.values["comment"] is None


@pytest.mark.parametrize("overwrite", [True, False])
def test_an_empty_fetched_value_never_erases_a_typed_one(overwrite: bool) -> None:
    result = fill_from_facility(
        {"street": "Storgatan 1A", "meter_number": "M-1"},
        {"street": "", "meter_number": " "},
        overwrite=overwrite,
    )
    assert result.values == {"street": "Storgatan 1A", "meter_number": "M-1"}
    assert result.changed_fields == ()


@pytest.mark.parametrize("overwrite", [True, False])
@pytest.mark.parametrize("field", ["owner_personal_number", "payer_personal_number", "personal_number"])
def test_personal_numbers_are_never_taken_from_facility_data(field: str, overwrite: bool) -> None:
    result = fill_from_facility({field: None}, {field: "19800101-0001"}, overwrite=overwrite)
    assert result.values[field] is None
    assert result.changed_fields == ()


def test_the_input_is_not_modified() -> None:
    current = dict(TYPED)
    fill_from_facility(current, FACILITY, overwrite=True)
    assert current == TYPED


def test_copy_from_owner_makes_the_payer_the_owner() -> None:
    current = {
        "owner_name": "Anna Andersson",
        "owner_personal_number": "19800101-0001",
        "owner_street": "Storgatan 1",
        "owner_postcode": "252 25",
        "owner_city": "Helsingborg",
        "owner_phone": "",
        "payer_name": "Bertil Bengtsson",
        "payer_phone": "+46709999999",
        "payer_city": "Helsingborg",
    }
    result = copy_owner_to_payer(current)
    assert {k: v for k, v in result.values.items() if k.startswith("payer_")} == {
        "payer_name": "Anna Andersson",
        "payer_personal_number": "19800101-0001",  # typed by the installer, so it may be copied
        "payer_street": "Storgatan 1",
        "payer_postcode": "252 25",
        "payer_city": "Helsingborg",
        "payer_phone": None,
    }
    assert result.changed_fields == (
        "payer_name",
        "payer_personal_number",
        "payer_street",
        "payer_postcode",
        "payer_phone",
    )
