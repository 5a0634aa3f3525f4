"""The template a user downloads: labels in their language, Excel's own checks on every column it can
check, and instructions; and the export of a project's cases, which no cell can turn into a formula."""

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from projects.adapters.excel_template import case_list_workbook, safe_text, template_workbook

from .excel_fixtures import SV_COLUMNS, template


def _sheets(data: bytes) -> list[Worksheet]:
    sheets = load_workbook(io.BytesIO(data)).worksheets
    assert all(isinstance(sheet, Worksheet) for sheet in sheets)
    return sheets  # type: ignore[return-value]


def _texts(sheet: Worksheet) -> list[str]:
    return [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]


def test_the_address_sheet_comes_first_with_labels_marks_and_a_frozen_header() -> None:
    addresses, instructions, lists = _sheets(template("sv"))

    assert (addresses.title, instructions.title, lists.sheet_state) == ("Adresser", "Instruktioner", "hidden")
    assert [cell.value for cell in addresses[1]][:4] == [
        "Gatuadress *",
        "Postnummer *",
        "Anläggnings-id",
        "Huvudsäkring *",
    ]
    assert addresses.freeze_panes == "A3"
    assert all((addresses.column_dimensions[letter].width or 0) >= 12 for letter in "ABCDEFGHI")


def test_machine_names_sit_in_a_hidden_second_row() -> None:
    addresses = _sheets(template("da"))[0]

    assert [cell.value for cell in addresses[2]][:3] == ["street", "postcode", "ean"]
    assert addresses.row_dimensions[2].hidden


def test_a_danish_user_gets_danish_sheets_and_labels() -> None:
    addresses, instructions, _ = _sheets(template("da"))

    assert (addresses.title, instructions.title) == ("Adresser", "Vejledning")
    assert addresses["A1"].value == "Vejnavn og husnummer *"
    assert any("oprettes der ingen sager" in text for text in _texts(instructions))


def _validations(sheet: Worksheet) -> dict[str, Any]:
    return {
        str(validation.sqref).split(":")[0][0]: validation
        for validation in sheet.data_validations.dataValidation
    }


def test_excel_checks_every_column_it_can_over_all_rows() -> None:
    sheets = _sheets(template("sv"))
    by_column = _validations(sheets[0])

    # A street (max 200), B postcode (max 10), C EAN, D fuse, E apartments, F power, G date, H boolean
    assert {letter: (v.type, v.operator) for letter, v in by_column.items()} == {
        "A": ("textLength", "lessThanOrEqual"),
        "B": ("textLength", "lessThanOrEqual"),
        "C": ("textLength", "equal"),
        "D": ("list", None),
        "E": ("whole", "between"),
        "F": ("decimal", "between"),
        "G": ("date", "between"),
        "H": ("list", None),
    }  # I, a text without a limit, has no check
    assert str(by_column["E"].sqref) == "E3:E10002"
    assert (by_column["A"].formula1, by_column["C"].formula1) == ("200", "18")
    assert (by_column["E"].formula1, by_column["E"].formula2) == ("1", "500")
    assert by_column["F"].formula1 == "0"
    assert by_column["H"].formula1 == '"ja,nej"'
    lists = sheets[2]
    assert by_column["D"].formula1 == "'Lists'!$D$1:$D$3"
    assert [lists.cell(row, 4).value for row in (1, 2, 3)] == ["16", "20", "25"]
    assert all(v.allow_blank and v.showErrorMessage for v in by_column.values())
    assert by_column["E"].error == "Antal lägenheter: minst 1, högst 500"


def test_columns_that_hold_codes_are_formatted_as_text_so_leading_zeros_survive() -> None:
    dimensions = _sheets(template("sv"))[0].column_dimensions

    assert [dimensions[letter].number_format for letter in "ABCDHI"] == ["@"] * 6
    assert dimensions["G"].number_format == "yyyy-mm-dd"
    assert dimensions["E"].number_format == "General"


def test_the_instructions_explain_every_column_and_the_rules() -> None:
    instructions = _sheets(template("sv"))[1]
    rows = [row for row in instructions.iter_rows(values_only=True) if row[0]]
    texts = _texts(instructions)

    assert rows[0][0] == "Säkringsbyte – Kv. Eken etapp 1"
    assert ("Huvudsäkring *", "Ja", "Val ur lista", "En av: 16, 20, 25") in rows
    assert ("Antal lägenheter", "Nej", "Heltal", "minst 1, högst 500") in rows
    assert ("Anläggnings-id", "Nej", "Anläggnings-id (EAN, 18 siffror)", "exakt 18 tecken") in rows
    assert any("YYYY-MM-DD" in text for text in texts)
    assert any("inga ärenden alls" in text for text in texts)
    assert "Högst 10000 adresser (rader) per fil." in texts


def test_text_typed_by_people_never_becomes_a_formula_in_the_template() -> None:
    data = template_workbook(
        SV_COLUMNS, language="en", case_type_label="=cmd|' /C calc'!A0", group_name="Block\x07 A"
    )
    instructions = _sheets(data)[1]

    assert instructions["A1"].value == "=cmd|' /C calc'!A0 – Block A"
    assert instructions["A1"].data_type == "s"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+46 70 123 45 67", "'+46 70 123 45 67"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Storgatan 1", "Storgatan 1"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_text_prefixes_what_a_spreadsheet_could_run(value: str, shown: str) -> None:
    assert safe_text(value) == shown


def test_the_case_export_holds_no_formula_and_keeps_numbers() -> None:
    rows: list[list[str | int | None]] = [
        ["OKAB-0000001", '=HYPERLINK("http://evil","x")', 12],
        ["OKAB-0000002", "@SUM(1+1)*cmd|' /C calc'!A0", None],
        ["OKAB-0000003", "Storgatan\x0b 1", -3],
    ]
    data = case_list_workbook(["Case", "=Address", "Apartments"], iter(rows))  # streamed, as from a query
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]

    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert [cell.value for cell in sheet[1]] == ["Case", "'=Address", "Apartments"]
    assert sheet["B2"].value == '\'=HYPERLINK("http://evil","x")'
    assert sheet["B3"].value == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert (sheet["B4"].value, sheet["C2"].value, sheet["C3"].value, sheet["C4"].value) == (
        "Storgatan 1",
        12,
        None,
        -3,
    )
    assert sheet.freeze_panes == "A2"
