"""A case type's fields, as the cases service sends them, become the template's columns."""

from decimal import Decimal

import pytest

from projects.domain.columns import Column, columns_from_case_type

from .excel_fixtures import case_type_fields


def test_every_field_becomes_a_column_in_form_order_with_its_limits() -> None:
    columns = columns_from_case_type(case_type_fields("sv"))

    assert [column.name for column in columns][:4] == ["street", "postcode", "ean", "main_fuse"]
    by_name = {column.name: column for column in columns}
    assert by_name["street"] == Column("street", "Gatuadress", "text", mandatory=True, max_length=200)
    assert by_name["main_fuse"].choices == ("16", "20", "25")
    assert (by_name["apartments"].minimum, by_name["apartments"].maximum) == (Decimal(1), Decimal(500))
    assert by_name["power_kw"].minimum == Decimal(0)
    assert by_name["temporary"].kind == "boolean"


def test_numbers_sent_as_json_numbers_are_read_exactly() -> None:
    (column,) = columns_from_case_type([{"name": "amps", "kind": "decimal", "label": "A", "minimum": 0.5}])

    assert column.minimum == Decimal("0.5")
    assert not column.mandatory
    assert column.choices == ()


def test_a_kind_projects_does_not_know_yet_becomes_a_text_column() -> None:
    (column,) = columns_from_case_type([{"name": "phone", "kind": "phone", "label": "Telefon"}])

    assert column.kind == "text"


@pytest.mark.parametrize("field", [{"kind": "text", "label": "x"}, {"name": "x", "minimum": "many"}])
def test_a_field_that_cannot_be_a_column_is_refused(field: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"no name|not a number"):
        columns_from_case_type([field])
