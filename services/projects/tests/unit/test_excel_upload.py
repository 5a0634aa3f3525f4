"""Reading a filled-in template: rows as the text the user typed, keyed by field name whatever language
the template was in; files that cannot be an address list are refused as a whole, with bounded memory."""

import io
import time
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from projects.adapters import excel_upload
from projects.adapters.excel_upload import UploadRejected, read_upload

from .excel_fixtures import DA_COLUMNS, EAN, SV_COLUMNS, filled, inline_row, raw_workbook, template

_HEADER = inline_row(1, "street", "postcode", "main_fuse")  # machine names serve as headings too
A_ROW = ["Storgatan 1", "252 25", EAN, "16", 12, 3.5, date(2025, 3, 1), "ja", "  Porten är låst  "]


def _rejected(data: bytes, max_rows: int = 10_000) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        read_upload(data, SV_COLUMNS, max_rows=max_rows)
    return caught.value


def test_a_filled_template_reads_back_as_the_text_the_user_typed() -> None:
    data = filled(
        template("sv"),
        [
            A_ROW,
            [None] * 9,  # an empty row between addresses is skipped
            ["Lillgatan 2", "01234", None, 20.0, 7.0, 2, datetime(2025, 4, 2, 13, 30), True, ""],
            ["Torget 3", "252 27", None, "25", "sexton", "3,5", "1/4", "kanske", None],
        ],
    )

    rows = read_upload(data, SV_COLUMNS).rows

    assert [row.row_number for row in rows] == [3, 5, 6]
    assert rows[0].values == {
        "street": "Storgatan 1",
        "postcode": "252 25",
        "ean": EAN,
        "main_fuse": "16",
        "apartments": "12",
        "power_kw": "3.5",
        "ready_on": "2025-03-01",
        "temporary": "true",
        "comment": "Porten är låst",
    }
    assert rows[1].values == {
        "street": "Lillgatan 2",
        "postcode": "01234",
        "ean": None,
        "main_fuse": "20",
        "apartments": "7",
        "power_kw": "2",
        "ready_on": "2025-04-02",
        "temporary": "true",
        "comment": None,
    }
    # Wrong values are the cases service's to judge, row by row: they come through as typed.
    assert (rows[2].values["apartments"], rows[2].values["power_kw"]) == ("sexton", "3,5")
    assert (rows[2].values["ready_on"], rows[2].values["temporary"]) == ("1/4", "kanske")


def test_a_template_downloaded_in_danish_is_read_for_a_swedish_user() -> None:
    data = filled(template("da"), [["Nørregade 1", "0800", EAN, "16", 4, None, None, "nej", None]])

    (row,) = read_upload(data, SV_COLUMNS).rows

    assert row.values["street"] == "Nørregade 1"
    assert row.values["postcode"] == "0800"
    assert row.values["temporary"] == "false"
    assert row.row_number == 3


def test_without_the_hidden_row_the_labels_of_the_users_language_are_matched() -> None:
    data = filled(template("da"), [["Nørregade 1", "0800", None, "16"]], first_row=2, delete_key_row=True)

    (row,) = read_upload(data, DA_COLUMNS).rows

    assert (row.row_number, row.values["street"], row.values["main_fuse"]) == (2, "Nørregade 1", "16")


def test_a_hand_written_workbook_is_read_too() -> None:
    data = raw_workbook([_HEADER, inline_row(2, "Storgatan 1", "252 25", "16")])

    (row,) = read_upload(data, SV_COLUMNS).rows

    assert (row.row_number, row.values["street"], row.values["comment"]) == (2, "Storgatan 1", None)


def test_a_template_without_addresses_is_empty() -> None:
    assert _rejected(template("sv")).code == "empty"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".xls"),
        (b"Gatuadress;Postnummer\nStorgatan 1;252 25\n", "CSV"),
        (b"", "not an Excel workbook"),
    ],
    ids=["pdf", "xls", "csv", "empty-file"],
)
def test_what_is_not_an_xlsx_is_refused_saying_what_it_is(data: bytes, says: str) -> None:
    rejected = _rejected(data)

    assert rejected.code == "not_xlsx"
    assert says in rejected.message
    assert "save it as an Excel Workbook (.xlsx)" in rejected.message


def test_a_zip_that_is_no_workbook_or_is_cut_short_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")  # an OpenDocument sheet, say

    assert _rejected(buffer.getvalue()).code == "not_xlsx"
    assert _rejected(template("sv")[:-200]).code == "not_xlsx"


def _zip_of_zeros(entries: int, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(entries):
            with archive.open(f"xl/part{number}.xml", "w") as part:
                for _ in range(size // 2**20):
                    part.write(bytes(2**20))
                part.write(bytes(size % 2**20))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory_alone() -> None:
    data = _zip_of_zeros(1, 60 * 2**20)  # 60 MB of zeros in 60 KB

    assert len(data) < 100_000
    assert _rejected(data).code == "zip_bomb"


def test_a_file_that_unpacks_too_large_or_has_too_many_parts_is_refused() -> None:
    many_small = _zip_of_zeros(55, 2**20)  # each at most 1 MB, so no ratio applies; 55 MB in all
    many_parts = _zip_of_zeros(1_001, 0)

    assert _rejected(many_small).code == "too_large"
    assert _rejected(many_parts).code == "too_large"
    assert _rejected(b"PK\x03\x04" + bytes(21 * 2**20)).code == "too_large"


def test_formulas_are_refused_listing_the_first_twenty_cells() -> None:
    data = filled(template("sv"), [[*A_ROW[:4], f"=1+{number}"] for number in range(25)])

    rejected = _rejected(data)

    assert rejected.code == "formulas"
    assert "25 cell(s) with a formula" in rejected.message
    assert len(rejected.problems) == 20
    assert (rejected.problems[0].row, rejected.problems[0].column) == (3, "E")


def test_a_sheet_of_a_million_rows_is_refused_without_reading_it_all() -> None:
    def rows() -> Iterator[bytes]:
        yield inline_row(1, "street")
        for start in range(2, 1_000_003, 100_000):
            yield b"".join(
                b'<row r="%d"><c><v>1</v></c></row>' % r
                for r in range(start, min(start + 100_000, 1_000_003))
            )

    data = raw_workbook(rows())  # 37 MB of XML packed into 2.5 MB, under every size limit
    started = time.perf_counter()

    rejected = _rejected(data)

    assert len(data) < 3 * 2**20
    assert rejected.code == "too_many_rows"
    assert "more than 10000 rows" in rejected.message
    assert time.perf_counter() - started < 3  # reading on to the end would take many seconds


def test_one_value_far_down_or_far_right_is_refused_before_it_is_loaded() -> None:
    # python-calamine holds the whole rectangle up to the last value in memory: 17 billion cells here.
    one_address = filled(template("sv"), [A_ROW])

    assert _rejected(filled(one_address, [["x"]], first_row=1_048_576)).code == "too_many_rows"
    assert _rejected(filled(one_address, [[None] * 16_383 + ["x"]])).code == "too_large"


@pytest.mark.parametrize(
    "cell",
    [
        b'<row r="2"><c r="CV1048576"><v>1</v></c></row>',  # the cell's reference wins over its row's
        b'<row r="2"><c r="cv900000"><v>1</v></c></row>',
        b'<row r="2"><c xmlns="urn:elsewhere" r="A900000"><v>1</v></c></row>',
        b'<row r="2"><x:c xmlns:x="urn:elsewhere" r="A900000"><x:v>1</x:v></x:c></row>',
        b'<row r="2"><wrap><c r="A900000"><v>1</v></c></wrap></row>',
        b'<row r="2"><c r="AAAAAA2"><v>1</v></c></row>',
    ],
    ids=["row-attribute", "lower-case", "other-namespace", "prefixed", "nested", "beyond-xfd"],
)
def test_cells_written_to_slip_past_a_naive_scan_are_still_refused(cell: bytes) -> None:
    # python-calamine reads every one of these, so the scan must see them too.
    assert _rejected(raw_workbook([_HEADER, cell])).code in {"too_many_rows", "too_large"}


def test_what_excel_writes_after_the_cells_is_no_formula_and_no_row() -> None:
    # Excel keeps cross-sheet list checks as <xm:f> after the cells; a formatted empty row may sit far down.
    excel_extras = (
        b'<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        b"<x14:dataValidation><x14:formula1><xm:f>Lists!$D$1:$D$3</xm:f></x14:formula1><xm:sqref>D3:D10002"
        b"</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
    )
    cells = [
        _HEADER,
        inline_row(2, "Storgatan 1", "252 25", "16"),
        b'<row r="1048576" ht="30" customHeight="1"/>',
    ]

    (row,) = read_upload(raw_workbook(cells, after=excel_extras), SV_COLUMNS).rows

    assert row.values["main_fuse"] == "16"


def test_xml_with_a_document_type_is_refused_before_any_entity_is_expanded() -> None:
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = raw_workbook([inline_row(1, "&b;")], prolog=laughs)

    assert _rejected(data).code == "not_xlsx"


def test_a_sheet_of_endless_empty_cells_is_cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excel_upload, "MAX_SHEET_ELEMENTS", 1_000)
    data = raw_workbook([_HEADER, b'<row r="2">' + b'<c s="1"/>' * 2_000 + b"</row>"])

    assert _rejected(data).code == "too_large"


def test_the_row_limit_counts_addresses() -> None:
    five = filled(template("sv"), [A_ROW] * 5)

    assert len(read_upload(five, SV_COLUMNS, max_rows=5).rows) == 5
    assert _rejected(filled(five, [A_ROW], first_row=8), max_rows=5).code == "too_many_rows"


def test_headings_that_do_not_match_are_listed_together() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Gatuadress *", "Färg", "Gatuadress", "Postnummer", None, "Övrigt"])
    sheet.append(["Storgatan 1", "röd", "Storgatan 1", "252 25", "glömd", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rejected = _rejected(buffer.getvalue())

    assert rejected.code == "bad_header"
    assert [(problem.row, problem.column, problem.message) for problem in rejected.problems] == [
        (1, "B", '"Färg" is not a column of this template'),
        (1, "C", '"Gatuadress" is also column A'),
        (None, None, 'The mandatory column "Huvudsäkring" (main_fuse) is missing'),
        (2, "E", "has a value under no heading"),
    ]
