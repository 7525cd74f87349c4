"""Writing .xlsx files from a :class:`Spec`: templates and exports (data sheet, instructions,
hidden drop-down lists), and an upload annotated with its errors."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.text import nfc, without_sample_flag
from thidua.interchange.xlsx.cells import NO, YES, cell_text
from thidua.interchange.xlsx.spec import (
    EXAMPLE_MARKER,
    VALIDATION_ROWS,
    Column,
    RowError,
    Spec,
    empty_run,
    max_rows,
)

logger = logging.getLogger(__name__)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")


def _header_cell(ws, value: str) -> WriteOnlyCell:
    cell = text_cell(ws, value)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    return cell


# Text starting with these is taken for a formula by Excel or LibreOffice (at once for "=", when
# the cell is edited for the others); a name like "=HYPERLINK(…)" must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Any) -> Any:
    """The cell with text that looks like a formula kept as text: stored as a string (never
    written as a formula) and quote-prefixed (still text when the cell is edited). Every
    .xlsx the app writes passes its text cells here."""
    value = cell.value
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def text_cell(ws, value: Any) -> WriteOnlyCell:
    """A write-only cell holding ``value``, a formula-looking text kept as text."""
    return as_text(WriteOnlyCell(ws, value=value))


def _value_cell(ws, column: Column, value: Any, font: Font | None = None) -> WriteOnlyCell:
    cell = text_cell(ws, value)
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
            str(YES) if column.required else str(NO),
            str(column.help_text),
            cell_text(column.example()) if column.example else "",
        ]
        row = []
        for value in cells:
            cell = text_cell(ws, value)
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
        _("At most %(max)s rows per file.")
        % {"max": number_format(max_rows(), force_grouping=True)},
        _("%(count)s empty rows in a row end the sheet; rows below them are not read.")
        % {"count": number_format(empty_run(), force_grouping=True)},
        _(
            "A formula counts by the value Excel computed; a formula without a computed value "
            "is refused: copy the cells and paste them as values."
        ),
    ):
        cell = text_cell(ws, note)
        ws.append([cell])


def annotate(data: bytes, sheet_title: str, errors: Iterable[RowError]) -> bytes | None:
    """The uploaded workbook with every bad cell filled light red and commented (a cell inside
    a merged range marks the range's top-left cell, the only one that can carry a comment).

    None if openpyxl cannot rewrite this particular file, or if its worksheets are too large
    to load whole (``settings.IMPORT_ANNOTATE_MAX_BYTES``): the error table still stands.
    """
    try:
        if _worksheets_size(data) > settings.IMPORT_ANNOTATE_MAX_BYTES:
            return None
        return _annotate(data, sheet_title, errors)
    except Exception:  # a convenience must not turn a clear error report into a crash
        logger.warning("Could not annotate an uploaded workbook", exc_info=True)
        return None


def _worksheets_size(data: bytes) -> int:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return sum(
            info.file_size
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/")
        )


def _anchor(ws, row: int, col: int) -> tuple[int, int]:
    """The cell that shows (row, col): the top-left one of a merged range holding it."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, col


def _annotate(data: bytes, sheet_title: str, errors: Iterable[RowError]) -> bytes:
    workbook = load_workbook(BytesIO(data))
    ws = workbook[sheet_title] if sheet_title in workbook.sheetnames else workbook.worksheets[0]
    by_cell: dict[tuple[int, int], list[str]] = {}
    for error in errors:
        by_cell.setdefault(_anchor(ws, error.row, error.col or 1), []).append(error.message)
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


_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\r\n]+')


def safe_filename(name: str) -> str:
    return _UNSAFE_FILENAME.sub("-", without_sample_flag(nfc(name))) or "file"
