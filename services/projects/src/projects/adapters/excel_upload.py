"""Reading a filled-in template into address rows, refusing files that cannot be one.

A hostile file costs bounded memory: it is judged from the zip's central directory and one streamed pass
over the address sheet's XML before python-calamine loads anything (calamine holds a sheet as a dense
grid, so a single value at XFD1048576 would cost gigabytes). Only the file is judged here: a wrongly typed
value comes through as text, and the cases service judges each row's values.
"""

import io
import posixpath
import pyexpat
import re
import zipfile
import zlib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import IO, Literal

from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from projects.adapters.excel_template import KEY_ROW, LABEL_ROW, MANDATORY_MARK
from projects.adapters.excel_texts import BOOLEAN_WORDS
from projects.domain.columns import MAX_UPLOAD_ROWS, Column

MAX_FILE_BYTES = 20 * 2**20
MAX_UNPACKED_BYTES = 50 * 2**20  # calamine needs about twice the sheet's XML in memory
MAX_ENTRIES = 1_000  # a workbook has a dozen parts; zipfile builds an object for each one listed
MAX_RATIO, RATIO_FROM_BYTES = 100, 2**20  # sheet XML packs about 10:1; zeros pack 1000:1
MAX_COLUMNS = 100
MAX_SHEET_ELEMENTS = 2_000_000  # 10,000 rows of 60-odd text cells; bounds the time a hostile sheet costs
MAX_LISTED_FORMULAS = 20
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_CELL_REF = re.compile(r"([A-Za-z]+)(\d+)")  # as loosely as calamine reads it: "b7", "AAAA2"
_BEYOND = 10**9  # the column of a reference with more letters than any real one

# Expat from 2.4.1 on stops entity expansion attacks even where a declaration slips past _parse.
if pyexpat.version_info < (2, 4, 1):  # pragma: no cover - CPython 3.11 ships a newer expat
    raise ImportError(f"expat {pyexpat.EXPAT_VERSION} is open to XML entity attacks; 2.4.1 or newer needed")

RejectionCode = Literal[
    "not_xlsx", "too_large", "zip_bomb", "formulas", "too_many_rows", "bad_header", "empty"
]
# What zipfile and expat raise on a broken archive or XML: a missing part is a KeyError, an encrypted
# entry or unknown compression a RuntimeError.
_DAMAGED = (
    zipfile.BadZipFile,
    pyexpat.ExpatError,
    zlib.error,
    OSError,
    LookupError,
    ValueError,
    RuntimeError,
)
CellValue = int | float | str | bool | time | date | datetime | timedelta  # what calamine gives


@dataclass(frozen=True, slots=True)
class CellProblem:
    """What is wrong where: `row` as Excel numbers it, `column` as its letter; None for the whole file."""

    row: int | None
    column: str | None
    message: str


class UploadRejected(Exception):
    """The file as a whole cannot be read as addresses; `code` is stable, `message` is for the user."""

    def __init__(self, code: RejectionCode, message: str, problems: list[CellProblem] | None = None):
        super().__init__(message)
        self.code: RejectionCode = code
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class UploadRow:
    row_number: int  # as Excel shows it, for "row 7: …" messages
    values: dict[str, str | None]  # every column's machine name -> the text a user would have typed


@dataclass(frozen=True, slots=True)
class Upload:
    rows: list[UploadRow]
    # Each field's column letter in this very file (a user may have moved columns), for "C7: …" messages.
    letters: dict[str, str] = field(default_factory=dict)


def read_upload(data: bytes, columns: tuple[Column, ...], *, max_rows: int = MAX_UPLOAD_ROWS) -> Upload:
    """The non-empty rows of the first sheet, keyed by column name; UploadRejected for a bad file."""
    _check_container(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            _scan_sheet(archive, _first_sheet_part(archive), last_row=max_rows + KEY_ROW, max_rows=max_rows)
    except _DAMAGED as error:
        raise UploadRejected("not_xlsx", "The file is damaged: it cannot be read. " + _SAVE_AS) from error
    grid = _first_sheet(data)
    if not grid:
        raise UploadRejected("empty", "The address sheet is empty: it has neither headings nor addresses.")
    header = _header(grid, columns)
    rows = [
        UploadRow(index + 1, _values(grid[index], header, columns))
        for index in range(header.first_row, len(grid))
    ]
    rows = [row for row in rows if any(value is not None for value in row.values.values())]
    if problems := header.problems + _unheaded_values(grid, header):
        raise UploadRejected(
            "bad_header",
            "The headings of the address sheet do not match the template of this case type.",
            problems,
        )
    if len(rows) > max_rows:
        raise UploadRejected("too_many_rows", _too_many(max_rows))
    if not rows:
        raise UploadRejected("empty", "The address sheet has no addresses under its headings.")
    return Upload(rows, {column.name: get_column_letter(at + 1) for at, column in header.mapped.items()})


def _check_container(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise UploadRejected("too_large", f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected("not_xlsx", _not_xlsx(data))
    # Counted before zipfile reads the directory: each signature is at most one entry it would build.
    if data.count(b"PK\x01\x02") > MAX_ENTRIES:
        raise UploadRejected("too_large", f"The file has more than {MAX_ENTRIES} parts: no template has.")


def _check_directory(archive: zipfile.ZipFile) -> None:
    """Judge the sizes the central directory declares; zipfile never unpacks more than those."""
    for info in archive.infolist():
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * info.compress_size:
            raise UploadRejected(
                "zip_bomb",
                f"The file unpacks to far more than it holds ({info.filename}); it is refused as a zip bomb.",
            )
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise UploadRejected("too_large", f"The file unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB.")
    if "xl/workbook.xml" not in archive.namelist():
        raise UploadRejected("not_xlsx", "The file is a zip archive but not an Excel workbook. " + _SAVE_AS)


def _first_sheet_part(archive: zipfile.ZipFile) -> str:
    """The zip part of the workbook's first sheet, which calamine's sheet 0 is too."""
    relations: list[str] = []  # r:id of each sheet, whatever the prefix of its namespace
    links: dict[str, str] = {}

    def sheet(name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "sheet":
            relations.extend(value for key, value in attributes.items() if ":" in key and _local(key) == "id")

    def link(name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            links.setdefault(attributes.get("Id", ""), attributes.get("Target", ""))

    with archive.open("xl/workbook.xml") as stream:
        _parse(stream, sheet)
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        _parse(stream, link)
    target = links.get(relations[0], "") if relations else ""
    part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    if not target or part not in archive.namelist():
        raise UploadRejected("not_xlsx", "The workbook has no sheet to read. " + _SAVE_AS)
    return part


class _SheetScan:
    """One pass over a sheet's XML, refusing formulas and values below `last_row` or right of MAX_COLUMNS.

    Like calamine, it takes names without their prefix, at any depth, in the first sheetData only; so
    it sees every cell calamine would load. This runs once per element: it is kept lean.
    """

    def __init__(self, *, last_row: int, max_rows: int) -> None:
        self.last_row, self.max_rows = last_row, max_rows
        self.elements = self.formula_count = 0
        self.row = self.cell_row = self.column = 0  # the cell's own reference wins, as in calamine
        self.in_sheet_data = False
        self.formulas: list[CellProblem] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_SHEET_ELEMENTS:
            raise UploadRejected("too_large", "The address sheet holds more than can be read in one upload.")
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "row":
            self.row, self.column = int(attributes.get("r") or self.row + 1), 0
        elif name == "c":
            reference = _CELL_REF.fullmatch(attributes.get("r", ""))
            if reference is None:
                self.cell_row, self.column = self.row, self.column + 1
            else:
                self.cell_row, self.column = int(reference[2]), _column_number(reference[1])
        elif name in ("v", "is", "f") and self.in_sheet_data:
            self._value(name == "f")
        elif name == "sheetData":
            self.in_sheet_data = True

    def end(self, name: str) -> None:
        if self.in_sheet_data and name.rpartition(":")[2] == "sheetData":
            raise _SheetDataEnd  # calamine reads no further

    def _value(self, formula: bool) -> None:
        if formula:
            self.formula_count += 1
            if len(self.formulas) < MAX_LISTED_FORMULAS:
                self.formulas.append(CellProblem(self.cell_row, _letters(self.column), "holds a formula"))
        if self.cell_row > self.last_row:
            raise UploadRejected("too_many_rows", _too_many(self.max_rows))
        if self.column > MAX_COLUMNS:
            raise UploadRejected(
                "too_large",
                f"The address sheet has values in column {_letters(self.column)}; a template has "
                f"at most {MAX_COLUMNS} columns.",
            )


class _SheetDataEnd(Exception):
    pass


def _scan_sheet(archive: zipfile.ZipFile, part: str, *, last_row: int, max_rows: int) -> None:
    scan = _SheetScan(last_row=last_row, max_rows=max_rows)
    with archive.open(part) as stream, suppress(_SheetDataEnd):
        _parse(stream, scan.start, scan.end)
    if scan.formulas:
        raise UploadRejected(
            "formulas",
            f"The address sheet has {scan.formula_count} cell(s) with a formula, and formulas are not read. "
            "Copy those cells, paste them as values and upload the file again.",
            scan.formulas,
        )


def _parse(
    stream: IO[bytes],
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
) -> None:
    """Stream XML through expat's callbacks: no tree is built, so memory stays flat (ElementTree's
    iterparse takes three times as long). No workbook part declares a document type, which entity
    attacks need: one is refused."""
    parser = pyexpat.ParserCreate()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.ParseFile(stream)


def _refuse_doctype(*_: object) -> None:
    raise UploadRejected("not_xlsx", "The file holds XML that no workbook has. " + _SAVE_AS)


def _first_sheet(data: bytes) -> list[list[CellValue]]:
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            # Keep empty leading rows and columns, so positions are Excel's row numbers and letters.
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except CalamineError as error:
        raise UploadRejected("not_xlsx", "The workbook cannot be read. " + _SAVE_AS) from error


@dataclass(frozen=True, slots=True)
class _Header:
    mapped: dict[int, Column]  # position in the row -> its column
    unheaded: list[int]  # positions with neither label nor machine name
    first_row: int  # index in the grid of the first address row
    problems: list[CellProblem]


def _header(grid: list[list[CellValue]], columns: tuple[Column, ...]) -> _Header:
    """The hidden row of machine names wins; without it (deleted, or a sheet of one's own) row 1's
    labels are matched in the language `columns` were fetched in, or as machine names."""
    by_name = {column.name: column for column in columns}
    by_label = {_label_key(column.label): column for column in columns} | by_name
    labels = [_text(value) for value in grid[LABEL_ROW - 1]]
    keys = [_text(value) for value in grid[KEY_ROW - 1]] if len(grid) >= KEY_ROW else []
    keys = keys if _is_key_row(keys, by_name) else [None] * len(labels)
    mapped: dict[int, Column] = {}
    seen: dict[str, int] = {}
    unheaded: list[int] = []
    problems: list[CellProblem] = []
    for at, (label, key) in enumerate(zip(labels, keys, strict=True)):
        letter = get_column_letter(at + 1)
        column = by_name.get(key) if key else by_label.get(_label_key(label)) if label else None
        if column is None and not (key or label):
            unheaded.append(at)
        elif column is None:
            problems.append(
                CellProblem(LABEL_ROW, letter, f'"{label or key}" is not a column of this template')
            )
        elif column.name in seen:
            twin = get_column_letter(seen[column.name] + 1)
            problems.append(CellProblem(LABEL_ROW, letter, f'"{column.label}" is also column {twin}'))
        else:
            mapped[at], seen[column.name] = column, at
    problems += [
        CellProblem(None, None, f'The mandatory column "{column.label}" ({column.name}) is missing')
        for column in columns
        if column.mandatory and column.name not in seen
    ]
    first_row = KEY_ROW if any(keys) else LABEL_ROW
    return _Header(mapped, unheaded, first_row, problems)


def _values(cells: list[CellValue], header: _Header, columns: tuple[Column, ...]) -> dict[str, str | None]:
    values: dict[str, str | None] = dict.fromkeys((column.name for column in columns), None)
    for at, column in header.mapped.items():
        text = _text(cells[at]) if at < len(cells) else None
        values[column.name] = (
            BOOLEAN_WORDS.get(text.casefold(), text) if text and column.kind == "boolean" else text
        )
    return values


def _unheaded_values(grid: list[list[CellValue]], header: _Header) -> list[CellProblem]:
    """Where a column without heading first has a value: it would be dropped without a word."""
    problems = []
    for at in header.unheaded:
        row = next((index for index in range(header.first_row, len(grid)) if _text(grid[index][at])), None)
        if row is not None:
            problems.append(CellProblem(row + 1, get_column_letter(at + 1), "has a value under no heading"))
    return problems


def _is_key_row(keys: list[str | None], by_name: dict[str, Column]) -> bool:
    present = [key for key in keys if key]
    return any(key in by_name for key in present) and all(_NAME.fullmatch(key) for key in present)


def _text(value: CellValue | None) -> str | None:
    """The cell as the text a user would have typed: 16 not 16.0, dates as YYYY-MM-DD, empty as None."""
    match value:
        case None:
            return None
        case bool():
            return "true" if value else "false"
        case datetime():
            return value.date().isoformat()
        case date() | time():
            return value.isoformat()
        case int():
            return str(value)
        case float() if value.is_integer():
            return str(int(value))
        case float():
            return format(Decimal(repr(value)), "f")  # repr is the shortest text that reads back the same
        case str():
            return value.strip() or None
    return str(value)


def _label_key(label: str | None) -> str:
    text = (label or "").strip()
    return text.removesuffix(MANDATORY_MARK.strip()).strip().casefold()


def _column_number(letters: str) -> int:
    if len(letters) > 4:  # a million letters would make a number slow to build
        return _BEYOND
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _letters(column: int) -> str:
    # openpyxl has letters up to ZZZ only; a hostile reference may lie beyond
    return get_column_letter(column) if 1 <= column <= 18_278 else "beyond XFD"


def _local(name: str) -> str:
    return name.rpartition(":")[2]  # without namespace processing expat gives "prefix:name"


def _too_many(max_rows: int) -> str:
    return f"The address sheet has more than {max_rows} rows of addresses. Split them over several files."


def _not_xlsx(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "The file is a PDF, not an Excel workbook (.xlsx). " + _SAVE_AS
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "The file is an old Excel 97-2003 workbook (.xls) or is protected with a password. " + _SAVE_AS
    return "The file is not an Excel workbook (.xlsx); a CSV or text file cannot be read. " + _SAVE_AS


_SAVE_AS = "Open it in Excel, save it as an Excel Workbook (.xlsx) without a password, and upload it again."
