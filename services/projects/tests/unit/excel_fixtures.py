"""A case type as the cases service sends it (sv and da labels), and workbooks written the way users or
attackers would: with openpyxl on our template, or as raw zip parts where openpyxl would be too slow."""

import io
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from projects.adapters.excel_template import template_workbook
from projects.domain.columns import Column, columns_from_case_type

EAN = "735999123456789018"


def _field(name: str, kind: str, label: str, mandatory: bool = False, **limits: Any) -> dict[str, Any]:
    # The shape of FieldOut.model_dump(mode="json") in the cases service: Decimals arrive as strings.
    return {
        "name": name,
        "kind": kind,
        "label": label,
        "mandatory": mandatory,
        "choices": [],
        "minimum": None,
        "maximum": None,
        "max_length": None,
    } | limits


def case_type_fields(language: str = "sv") -> list[dict[str, Any]]:
    sv = language == "sv"
    return [
        _field("street", "text", "Gatuadress" if sv else "Vejnavn og husnummer", True, max_length=200),
        _field("postcode", "text", "Postnummer", True, max_length=10),
        _field("ean", "ean", "Anläggnings-id" if sv else "Målepunkts-id"),
        _field(
            "main_fuse", "choice", "Huvudsäkring" if sv else "Hovedsikring", True, choices=["16", "20", "25"]
        ),
        _field(
            "apartments",
            "integer",
            "Antal lägenheter" if sv else "Antal lejligheder",
            minimum="1",
            maximum="500",
        ),
        _field("power_kw", "decimal", "Effekt (kW)", minimum="0"),
        _field("ready_on", "date", "Klart datum" if sv else "Færdig dato"),
        _field("temporary", "boolean", "Tillfällig" if sv else "Midlertidig"),
        _field("comment", "text", "Övrigt" if sv else "Bemærkninger"),
    ]


SV_COLUMNS: tuple[Column, ...] = columns_from_case_type(case_type_fields("sv"))
DA_COLUMNS: tuple[Column, ...] = columns_from_case_type(case_type_fields("da"))


def template(language: str = "sv") -> bytes:
    columns = SV_COLUMNS if language == "sv" else DA_COLUMNS
    return template_workbook(
        columns,
        language="sv" if language == "sv" else "da",
        case_type_label="Säkringsbyte",
        group_name="Kv. Eken etapp 1",
    )


def filled(
    data: bytes, rows: Iterable[list[Any]], *, first_row: int = 3, delete_key_row: bool = False
) -> bytes:
    """The template with `rows` typed into the address sheet from `first_row` on, saved as Excel would."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    if delete_key_row:
        sheet.delete_rows(2)
    for row_number, values in enumerate(rows, start=first_row):
        for column_number, value in enumerate(values, start=1):
            sheet.cell(row=row_number, column=column_number, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Adresser" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData>'
)


def raw_workbook(sheet_data: Iterable[bytes], *, after: bytes = b"", prolog: bytes = b"") -> bytes:
    """A minimal real .xlsx whose one sheet's <sheetData> is streamed from `sheet_data` chunks; `after`
    goes between </sheetData> and </worksheet>, `prolog` before the root element."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_START.replace(b"?><", b"?>" + prolog + b"<", 1))
            for chunk in sheet_data:
                sheet.write(chunk)
            sheet.write(b"</sheetData>" + after + b"</worksheet>")
    return buffer.getvalue()


def inline_row(number: int, *texts: str) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in texts)
    return f'<row r="{number}">{cells}</row>'.encode()
