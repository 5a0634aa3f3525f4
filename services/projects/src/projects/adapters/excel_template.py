"""The Excel template a group's addresses are filled into, and the export of a project's cases.

Row 1 of the address sheet holds the labels in the downloader's language and hidden row 2 the fields'
machine names, so an upload maps its columns whatever language its template was downloaded in.
"""

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from projects.adapters.excel_texts import TEXTS, ExcelTexts, Language
from projects.domain.columns import MAX_UPLOAD_ROWS, Column

if TYPE_CHECKING:  # openpyxl keeps the class in a private module
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

LABEL_ROW, KEY_ROW, FIRST_DATA_ROW = 1, 2, 3
MANDATORY_MARK = " *"
EAN_LENGTH = 18
_LISTS_SHEET = "Lists"  # hidden: a choice list of any length or content, which an inline list is not
_TEXT_KINDS = frozenset({"text", "ean", "choice", "boolean"})  # "@" keeps leading zeros and long digits
_EXCEL_LIMIT = Decimal(999_999_999_999_999)  # Excel keeps 15 significant digits
_FIRST_DAY, _LAST_DAY = 1, 2_958_465  # Excel's serial numbers of 1900-01-01 and 9999-12-31
_WIDTHS = {"ean": 22, "date": 13, "integer": 10, "decimal": 10, "boolean": 8}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def template_workbook(
    columns: tuple[Column, ...],
    *,
    language: Language,
    case_type_label: str,
    group_name: str,
    max_rows: int = MAX_UPLOAD_ROWS,
) -> bytes:
    """An .xlsx to fill with one address per row: address sheet, instructions, hidden choice lists."""
    texts = TEXTS[language]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = texts.addresses_sheet
    instructions = workbook.create_sheet(texts.instructions_sheet)
    lists = workbook.create_sheet(_LISTS_SHEET)
    lists.sheet_state = "hidden"
    last_row = FIRST_DATA_ROW + max_rows - 1
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        heading = column.label + (MANDATORY_MARK if column.mandatory else "")
        label = _put(sheet, LABEL_ROW, index, heading)
        label.font, label.fill = _BOLD, _HEADER_FILL
        _put(sheet, KEY_ROW, index, column.name)
        dimension = sheet.column_dimensions[letter]
        dimension.width = min(max(len(heading) + 3, _WIDTHS.get(column.kind, 20)), 60)
        if column.kind in _TEXT_KINDS:
            dimension.number_format = "@"
        elif column.kind == "date":
            dimension.number_format = "yyyy-mm-dd"
        if validation := _validation(column, texts, _choice_list(lists, index, column)):
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
            sheet.add_data_validation(validation)
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    _write_instructions(instructions, columns, texts, f"{case_type_label} – {group_name}", max_rows)
    return _saved(workbook)


def allowed_values(column: Column, texts: ExcelTexts) -> str:
    """What a column accepts, as the instructions and Excel's error box say it."""
    match column.kind:
        case "choice":
            return texts.one_of.format(choices=", ".join(column.choices))
        case "boolean":
            return f"{texts.yes} / {texts.no}"
        case "date":
            return "YYYY-MM-DD"
        case "ean":
            return texts.exact_length.format(length=EAN_LENGTH)
        case "integer" | "decimal":
            limits = []
            if column.minimum is not None:
                limits.append(texts.at_least.format(minimum=_number(column.minimum)))
            if column.maximum is not None:
                limits.append(texts.at_most.format(maximum=_number(column.maximum)))
            return ", ".join(limits)
    return texts.max_length.format(max_length=column.max_length) if column.max_length else ""


def _validation(column: Column, texts: ExcelTexts, choice_list: str | None) -> DataValidation | None:
    low = _number(_EXCEL_LIMIT if column.minimum is None else column.minimum, negate=column.minimum is None)
    high = _number(_EXCEL_LIMIT if column.maximum is None else column.maximum)
    match column.kind:
        case "choice" if choice_list:
            validation = DataValidation(type="list", formula1=choice_list)
        case "boolean":
            validation = DataValidation(type="list", formula1=f'"{texts.yes},{texts.no}"')
        case "integer":
            validation = DataValidation(type="whole", operator="between", formula1=low, formula2=high)
        case "decimal":
            validation = DataValidation(type="decimal", operator="between", formula1=low, formula2=high)
        case "date":
            validation = DataValidation(
                type="date", operator="between", formula1=str(_FIRST_DAY), formula2=str(_LAST_DAY)
            )
        case "ean":
            validation = DataValidation(type="textLength", operator="equal", formula1=str(EAN_LENGTH))
        case "text" if column.max_length:
            validation = DataValidation(
                type="textLength", operator="lessThanOrEqual", formula1=str(column.max_length)
            )
        case _:
            return None
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = texts.invalid_title
    validation.error = f"{column.label}: {allowed_values(column, texts)}"[:255]  # Excel's limit
    return validation


def _choice_list(lists: Worksheet, index: int, column: Column) -> str | None:
    if column.kind != "choice" or not column.choices:
        return None
    for row, choice in enumerate(column.choices, start=1):
        _put(lists, row, index, choice)
    letter = get_column_letter(index)
    return f"'{_LISTS_SHEET}'!${letter}$1:${letter}${len(column.choices)}"


def _write_instructions(
    sheet: Worksheet, columns: tuple[Column, ...], texts: ExcelTexts, title: str, max_rows: int
) -> None:
    _put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    row = 3
    for rule in texts.rules:
        _put(sheet, row, 1, rule.format(max_rows=max_rows))
        row += 1
    row += 1
    for index, heading in enumerate(texts.table_heading, start=1):
        cell = _put(sheet, row, index, heading)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for column in columns:
        row += 1
        _put(sheet, row, 1, column.label + (MANDATORY_MARK if column.mandatory else ""))
        _put(sheet, row, 2, (texts.yes if column.mandatory else texts.no).capitalize())
        _put(sheet, row, 3, texts.kinds[column.kind])
        _put(sheet, row, 4, allowed_values(column, texts)).alignment = Alignment(wrap_text=True)
    for letter, width in zip("ABCD", (36, 14, 32, 70), strict=True):
        sheet.column_dimensions[letter].width = width


def _put(sheet: Worksheet, row: int, column: int, text: str) -> Cell:
    # Labels, choices and group names are typed by people: always a string cell, never a formula.
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a fresh sheet has no merged cells
    cell.value = _printable(text)
    cell.data_type = "s"
    return cell


def _number(value: Decimal, *, negate: bool = False) -> str:
    return format(-value if negate else value, "f")


def safe_text(value: str) -> str:
    """The text with a leading apostrophe if a spreadsheet could take it for a formula (OWASP)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def case_list_workbook(
    headers: list[str], rows: Iterable[list[str | int | None]], *, title: str = "Cases"
) -> bytes:
    """A project's cases as an .xlsx, streamed row by row; no string in it can run as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    header = [_export_cell(sheet, text) for text in headers]
    for cell in header:
        cell.font = _BOLD
    sheet.append(header)
    for row in rows:
        sheet.append([_export_cell(sheet, value) if isinstance(value, str) else value for value in row])
    return _saved(workbook)


def _export_cell(sheet: "WriteOnlyWorksheet", text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=safe_text(_printable(text)))
    cell.data_type = "s"  # belt and braces: openpyxl would store any "=…" string as a formula
    return cell


def _printable(text: str) -> str:
    # Control characters are not allowed in the file's XML: openpyxl would refuse the whole workbook.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _saved(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
