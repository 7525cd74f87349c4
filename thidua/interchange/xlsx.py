"""Shared machinery to import and export tables as .xlsx (openpyxl).

A table is described once by a :class:`Spec` (its columns, their parsers, formats and help),
and the same description builds the template, reads an upload, annotates a bad upload and
writes an export, so the four always agree.

Reading is all or nothing: every cell of every row is checked and the errors are collected
as :class:`RowError` (with the real Excel row number: the header is row 1) before anything
is written. Headers are matched by their text in any configured language (or the English
msgid), in any order, ignoring case, accents, extra spaces and a trailing "*". The template's
example row is recognised by the key column starting with :data:`EXAMPLE_MARKER` and skipped.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc

logger = logging.getLogger(__name__)

# A row whose key cell starts with this is the template's example: it is never imported.
EXAMPLE_MARKER = "VD:"
# Beyond this the request would take too long; a province fits well within it.
MAX_ROWS = 10_000
# Data validations cover this many rows below the header.
VALIDATION_ROWS = MAX_ROWS
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
_DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")

StrOrPromise = str | Promise
Parser = Callable[[Any], Any]


class WorkbookError(ApplicationError):
    """The file as a whole cannot be imported (unreadable, no data rows, missing columns)."""


class CellError(ValueError):
    """A parser refused a cell; ``code`` lets tests and callers tell the reasons apart."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class RowError:
    row: int
    column: str
    message: str
    code: str = "invalid"
    col: int | None = None  # 1-based column index in the uploaded sheet, to mark the cell

    def __str__(self) -> str:
        return _("Row %(row)s, column «%(column)s»: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    annotated: bytes | None = None  # the upload with bad cells marked, when there are errors
    details: list[Any] = field(default_factory=list)  # per-import extras (e.g. credentials)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportPlan:
    """What an import does with parsed rows: ``check`` collects row errors, ``apply`` writes."""

    errors: list[RowError]

    def check(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def apply(self, actor, result: ImportResult) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def run_import(
    *,
    actor,
    upload,
    spec: Spec,
    plan_factory: Callable[..., ImportPlan],
    conflict_message: str,
) -> ImportResult:
    """Check the whole file, then apply it in one transaction; with any row error nothing is
    written and the result carries the upload annotated with the errors."""
    data = read_upload(upload)
    sheet = read_sheet(data, spec)
    rows, errors = parse_rows(sheet, spec)
    result = ImportResult(total=len(rows))
    plan = plan_factory(actor=actor, sheet=sheet, rows=rows)
    plan.check()
    result.errors = sorted([*errors, *plan.errors], key=lambda e: (e.row, e.col or 0))
    if result.errors:
        result.annotated = annotate(data, sheet.title, result.errors)
        return result
    try:
        with transaction.atomic():
            plan.apply(actor, result)
    except IntegrityError:
        # Someone changed the same data between our checks and the writes.
        raise WorkbookError(conflict_message)
    return result


# --- cell parsers -----------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as clean text: NFC, single spaces, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def text(max_length: int, validators: Sequence[Callable[[str], None]] = ()) -> Parser:
    def parse(value: Any) -> str:
        result = cell_text(value)
        if len(result) > max_length:
            raise CellError(
                _("At most %(max)s characters (this one has %(length)s).")
                % {"max": max_length, "length": len(result)},
                "too_long",
            )
        for validator in validators:
            try:
                validator(result)
            except ValidationError as error:
                raise CellError(" ".join(error.messages), "invalid")
        return result

    return parse


def email(value: Any) -> str:
    result = text(254)(value)
    try:
        validate_email(result)
    except ValidationError:
        raise CellError(_("Enter a valid e-mail address."), "invalid_email")
    return result


def date_value(value: Any) -> date:
    """A real Excel date, or text written as dd/mm/yyyy."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        for pattern in _DATE_PATTERNS:
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
    raise CellError(
        _("«%(value)s» is not a date; write it as dd/mm/yyyy.") % {"value": cell_text(value)},
        "bad_date",
    )


def _each_language(func: Callable[[], str]) -> set[str]:
    """The value of ``func`` under every configured language and the untranslated msgids."""
    values = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values.add(func())
    with translation.override(None):
        values.add(func())
    return values


def _key(value: Any) -> str:
    """Comparison key for headers and labels: accents, case, spaces and a trailing * ignored."""
    return fold(cell_text(value).rstrip("* ").strip())


def choice(choices: type[models.TextChoices]) -> Parser:
    """A label in any language, or the stored code value."""

    @functools.cache  # labels in every language: the same for the life of the process
    def lookup() -> dict[str, str]:
        table: dict[str, str] = {}
        for value, label in choices.choices:
            table[_key(value)] = value
            for text_ in _each_language(lambda label=label: str(label)):
                table.setdefault(_key(text_), value)
        return table

    def parse(value: Any) -> str:
        found = lookup().get(_key(value))
        if found is None:
            raise CellError(
                _("«%(value)s» is not one of: %(choices)s.")
                % {"value": cell_text(value), "choices": ", ".join(choice_labels(choices)())},
                "unknown_choice",
            )
        return found

    return parse


def choice_labels(choices: type[models.TextChoices]) -> Callable[[], list[str]]:
    return lambda: [str(label) for label in choices.labels]


_YES = gettext_lazy("yes")
_NO = gettext_lazy("no")
# Besides the translated yes/no: what people actually type in Vietnamese and English sheets.
_TRUE = {"1", "x", "true", "yes", "co", "c", "y"}
_FALSE = {"0", "false", "no", "khong", "k", "n"}


@functools.cache
def _yes_no() -> tuple[set[str], set[str]]:
    yes = _TRUE | {_key(t) for t in _each_language(lambda: str(_YES))}
    no = _FALSE | {_key(t) for t in _each_language(lambda: str(_NO))}
    return yes, no


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = _key(value)
    yes, no = _yes_no()
    if key in yes:
        return True
    if key in no:
        return False
    raise CellError(_("Write «%(yes)s» or «%(no)s».") % {"yes": _YES, "no": _NO}, "bad_boolean")


def boolean_labels() -> list[str]:
    return [str(_YES), str(_NO)]


# --- table description ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: StrOrPromise
    parse: Parser
    required: bool = False
    help_text: StrOrPromise = ""
    width: int = 18
    options: Callable[[], list[str]] | None = None  # drop-down list in the template
    number_format: str = TEXT_FORMAT
    example: Callable[[], Any] | None = None
    empty: Any = ""  # the value of a blank optional cell

    def aliases(self) -> set[str]:
        return {_key(h) for h in _each_language(lambda: str(self.header))}


@dataclass(frozen=True)
class Spec:
    sheet_title: StrOrPromise
    columns: tuple[Column, ...]
    key: str  # the column that identifies a row and carries the example marker

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass
class SheetRow:
    number: int  # the Excel row number
    cells: dict[str, Any]  # column key → raw value, only for columns present in the file


@dataclass
class Sheet:
    title: str
    positions: dict[str, int]  # column key → 1-based column index in the upload
    rows: list[SheetRow]

    def has(self, key: str) -> bool:
        return key in self.positions


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]  # only valid cells of columns present in the file
    failed: set[str] = field(default_factory=set)  # keys of cells that did not parse


# --- reading ----------------------------------------------------------------------------


def _map_headers(spec: Spec, header: Sequence[Any]) -> dict[str, int]:
    by_alias = {alias: column for column in spec.columns for alias in column.aliases()}
    positions: dict[str, int] = {}
    for index, value in enumerate(header, start=1):
        column = by_alias.get(_key(value)) if not is_blank(value) else None
        if column is None:
            continue  # extra columns (notes, formulas) are allowed and ignored
        if column.key in positions:
            raise WorkbookError(
                _("The column «%(column)s» appears twice in the header row.")
                % {"column": column.header}
            )
        positions[column.key] = index
    return positions


def _missing(spec: Spec, positions: dict[str, int]) -> list[str]:
    return [str(c.header) for c in spec.columns if c.required and c.key not in positions]


def _is_example(spec: Spec, cells: dict[str, Any]) -> bool:
    return cell_text(cells.get(spec.key)).upper().startswith(EXAMPLE_MARKER)


def read_sheet(data: bytes, spec: Spec) -> Sheet:
    """The data rows of the first sheet that has the spec's required columns.

    Raises WorkbookError for an unreadable file, missing columns or no data rows.
    """
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged or foreign files
        raise WorkbookError(
            _("The file could not be read as an Excel workbook (.xlsx); it may be damaged.")
        )
    try:
        return _read_first_matching(workbook, spec)
    finally:
        workbook.close()


def _read_first_matching(workbook, spec: Spec) -> Sheet:
    first_missing: list[str] | None = None
    for worksheet in workbook.worksheets:
        worksheet.reset_dimensions()  # some writers store wrong dimensions; read to the end
        header = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        positions = _map_headers(spec, header)
        missing = _missing(spec, positions)
        if missing:
            first_missing = missing if first_missing is None else first_missing
            continue
        rows = list(_data_rows(worksheet, spec, positions))
        if not rows:
            raise WorkbookError(
                _("The sheet «%(sheet)s» has no data rows below the header.")
                % {"sheet": worksheet.title}
            )
        return Sheet(title=worksheet.title, positions=positions, rows=rows)
    raise WorkbookError(
        _("No sheet has the required columns; missing: %(columns)s.")
        % {"columns": ", ".join(f"«{c}»" for c in first_missing or [])}
    )


def _data_rows(worksheet, spec: Spec, positions: dict[str, int]) -> Iterator[SheetRow]:
    count = 0
    for number, values in enumerate(worksheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = {
            key: values[index - 1] if index <= len(values) else None
            for key, index in positions.items()
        }
        if all(is_blank(v) for v in cells.values()) or _is_example(spec, cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise WorkbookError(
                _("The file has more than %(max)s rows; split it into several files.")
                % {"max": MAX_ROWS}
            )
        yield SheetRow(number=number, cells=cells)


def parse_rows(sheet: Sheet, spec: Spec) -> tuple[list[ParsedRow], list[RowError]]:
    """Run every cell through its column's parser; collect all errors."""
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    for row in sheet.rows:
        result = ParsedRow(number=row.number, values={})
        for key, raw in row.cells.items():
            column = spec.column(key)
            try:
                result.values[key] = parse_cell(column, raw)
            except CellError as error:
                result.failed.add(key)
                errors.append(
                    RowError(
                        row.number,
                        str(column.header),
                        error.message,
                        error.code,
                        sheet.positions[key],
                    )
                )
        parsed.append(result)
    return parsed, errors


def parse_cell(column: Column, raw: Any) -> Any:
    if is_blank(raw):
        if column.required:
            raise CellError(_("This cell is required."), "required")
        return column.empty
    return column.parse(raw)


def row_error(sheet: Sheet, spec: Spec, row: int, key: str, message: str, code: str) -> RowError:
    """An error found by a rule across cells or rows, pinned to one cell of the upload."""
    return RowError(row, str(spec.column(key).header), message, code, sheet.positions.get(key))


# --- writing ----------------------------------------------------------------------------


def _header_cell(ws, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    return cell


def _value_cell(ws, column: Column, value: Any, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = column.number_format
    if font is not None:
        cell.font = font
    return cell


def _add_validations(ws, lists_title: str, spec: Spec) -> None:
    """Drop-down lists read from a hidden sheet (inline lists are limited to 255 characters)."""
    list_column = 0
    for index, column in enumerate(spec.columns, start=1):
        if column.options is None:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        count = len(column.options())
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(lists_title)}!${letter}$1:${letter}${count}",
            allow_blank=not column.required,
            showErrorMessage=True,
            errorStyle="warning",  # still allow a code value typed by hand
            errorTitle=str(column.header),
            error=_("Choose a value from the list."),
        )
        target = get_column_letter(index)
        validation.add(f"{target}2:{target}{VALIDATION_ROWS + 1}")
        ws.data_validations.append(validation)


def _option_rows(spec: Spec) -> list[list[str | None]]:
    columns = [c.options() for c in spec.columns if c.options is not None]
    height = max((len(c) for c in columns), default=0)
    return [[c[i] if i < len(c) else None for c in columns] for i in range(height)]


def build_workbook(
    spec: Spec, rows: Iterable[Sequence[Any]], *, template: bool = False, instructions: bool = True
) -> bytes:
    """A write-only workbook: data sheet, instructions and (hidden) drop-down lists.

    ``template`` adds the example row; ``instructions`` adds the sheet that explains the
    columns and the import rules (pointless for a file that is not meant to be imported).
    """
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(spec.sheet_title)[:31])
    for index, column in enumerate(spec.columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.number_format = column.number_format  # cells typed in later keep the format
    ws.freeze_panes = "A2"
    lists_title = str(_("Lists"))[:31]
    _add_validations(ws, lists_title, spec)
    ws.append([_header_cell(ws, str(c.header)) for c in spec.columns])
    if template:
        example = [c.example() if c.example else None for c in spec.columns]
        ws.append(
            [
                _value_cell(ws, c, v, _EXAMPLE_FONT)
                for c, v in zip(spec.columns, example, strict=True)
            ]
        )
    for row in rows:
        ws.append([_value_cell(ws, c, v) for c, v in zip(spec.columns, row, strict=True)])
    if instructions:
        _write_instructions(workbook, spec)
    option_rows = _option_rows(spec)
    if option_rows:
        lists_ws = workbook.create_sheet(lists_title)
        lists_ws.sheet_state = "hidden"
        for option_row in option_rows:
            lists_ws.append(option_row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_instructions(workbook: Workbook, spec: Spec) -> None:
    ws = workbook.create_sheet(str(_("Instructions"))[:31])
    for letter, width in zip("ABCD", (28, 12, 70, 30), strict=True):
        ws.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append(
        [
            _header_cell(ws, _("Column")),
            _header_cell(ws, _("Required")),
            _header_cell(ws, _("Format and rules")),
            _header_cell(ws, _("Example")),
        ]
    )
    for column in spec.columns:
        cells = [
            str(column.header),
            str(_YES) if column.required else str(_NO),
            str(column.help_text),
            cell_text(column.example()) if column.example else "",
        ]
        row = []
        for value in cells:
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = wrap
            row.append(cell)
        ws.append(row)
    ws.append([])
    key_header = str(spec.column(spec.key).header)
    for note in (
        _(
            "Row 1 holds the column headers; their order does not matter and extra columns are "
            "ignored. Data starts on row 2; error messages give the real Excel row number."
        ),
        _(
            "Rows whose «%(column)s» starts with «%(marker)s» are examples and are never imported; "
            "delete or overwrite the example row."
        )
        % {"column": key_header, "marker": EXAMPLE_MARKER},
        _("Dates are written dd/mm/yyyy (for example 01/07/2025) or entered as Excel dates."),
        _("A list column accepts the label shown in the drop-down or its code."),
        _(
            "The import is all or nothing: if any row has an error, nothing is saved and you can "
            "download the file with the wrong cells marked in red, each with a comment."
        ),
        _("At most %(max)s rows per file.") % {"max": MAX_ROWS},
    ):
        cell = WriteOnlyCell(ws, value=note)
        ws.append([cell])


def annotate(data: bytes, sheet_title: str, errors: Iterable[RowError]) -> bytes | None:
    """The uploaded workbook with every bad cell filled light red and commented.

    None if openpyxl cannot rewrite this particular file: the error table still stands.
    """
    try:
        return _annotate(data, sheet_title, errors)
    except Exception:  # a convenience must not turn a clear error report into a crash
        logger.warning("Could not annotate an uploaded workbook", exc_info=True)
        return None


def _annotate(data: bytes, sheet_title: str, errors: Iterable[RowError]) -> bytes:
    workbook = load_workbook(BytesIO(data))
    ws = workbook[sheet_title] if sheet_title in workbook.sheetnames else workbook.worksheets[0]
    by_cell: dict[tuple[int, int], list[str]] = {}
    for error in errors:
        by_cell.setdefault((error.row, error.col or 1), []).append(error.message)
    for (row, col), messages in by_cell.items():
        cell = ws.cell(row=row, column=col)
        cell.fill = _ERROR_FILL
        comment = Comment("\n".join(messages), "Thi đua")
        comment.width = 300
        comment.height = 40 + 20 * len(messages)
        cell.comment = comment
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def chunked(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices for ``__in`` lookups that stay under every database's parameter limit."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\r\n]+')


def safe_filename(name: str) -> str:
    return _UNSAFE_FILENAME.sub("-", nfc(name)) or "file"
