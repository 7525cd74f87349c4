"""Reading an upload against a :class:`Spec` and running an import: all or nothing, every
cell of every row checked and the errors collected (with the real Excel row number: the
header is row 1) before anything is written."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from thidua.core.files import zip_names
from thidua.interchange.xlsx.cells import CellError, cell_text, is_blank, match_key
from thidua.interchange.xlsx.sheets import FORMULA, RowStream
from thidua.interchange.xlsx.spec import (
    EXAMPLE_MARKER,
    Column,
    ImportResult,
    ParsedRow,
    RowError,
    Sheet,
    SheetRow,
    Spec,
    WorkbookError,
    empty_run,
    max_rows,
)
from thidua.interchange.xlsx.writing import annotate


class ImportPlan(Protocol):
    """What an import does with parsed rows: ``check`` collects row errors, ``apply`` writes.

    ``actor`` is the acting account; its type lives in ``accounts``, a floor above this one,
    so here it is ``Any`` and each app's plan names it."""

    errors: list[RowError]

    def check(self) -> None: ...

    def apply(self, actor: Any, result: ImportResult) -> None: ...


def run_import(
    *,
    actor: Any,
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


def _map_headers(spec: Spec, header: Sequence[Any]) -> dict[str, int]:
    by_alias = {alias: column for column in spec.columns for alias in column.aliases()}
    positions: dict[str, int] = {}
    for index, value in enumerate(header, start=1):
        column = by_alias.get(match_key(value)) if not is_blank(value) else None
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

    Memory stays bounded by the upload's size: the zip's directory is checked first (no part,
    nor the whole, may unpack past the limits, nor a part be packed like a bomb), the workbook
    is opened read-only and its rows streamed (only the rows stored in the file, only the
    spec's columns kept), and the reading stops at the row limit (an error) or at a long run of
    empty rows (the end of the sheet).

    Raises WorkbookError for an unreadable file, missing columns, no data rows or too many.
    """
    unreadable = _("The file could not be read as an Excel workbook (.xlsx); it may be damaged.")
    try:
        names = zip_names(BytesIO(data))
    except ValidationError as error:
        if error.code == "not_zip":
            raise WorkbookError(unreadable)
        raise WorkbookError(" ".join(error.messages))
    if "xl/workbook.xml" not in names:
        raise WorkbookError(unreadable)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged or foreign files
        raise WorkbookError(unreadable)
    try:
        return _read_first_matching(workbook, spec)
    except WorkbookError:
        raise
    except Exception:  # a sheet's XML damaged past what the workbook's opening checked
        raise WorkbookError(unreadable)
    finally:
        workbook.close()


def _read_first_matching(workbook, spec: Spec) -> Sheet:
    first_missing: list[str] | None = None
    for worksheet in workbook.worksheets:
        stream = RowStream(worksheet)
        rows = iter(stream)
        first = next(rows, None)
        header = _header_values(first[1] if first is not None and first[0] == 1 else {})
        positions = _map_headers(spec, header)
        missing = _missing(spec, positions)
        if missing:
            first_missing = missing if first_missing is None else first_missing
            continue
        stream.max_col = max(positions.values(), default=1)  # columns right of it never kept
        if first is not None and first[0] != 1:
            rows = itertools.chain([first], rows)
        data = list(_data_rows(rows, spec, positions))
        if not data:
            raise WorkbookError(
                _("The sheet «%(sheet)s» has no data rows below the header.")
                % {"sheet": worksheet.title}
            )
        return Sheet(title=worksheet.title, positions=positions, rows=data)
    raise WorkbookError(
        _("No sheet has the required columns; missing: %(columns)s.")
        % {"columns": ", ".join(f"«{c}»" for c in first_missing or [])}
    )


def _header_values(cells: dict[int, Any]) -> list[Any]:
    return [cells.get(index) for index in range(1, max(cells, default=0) + 1)]


def _data_rows(
    rows: Iterable[tuple[int, dict[int, Any]]], spec: Spec, positions: dict[str, int]
) -> Iterator[SheetRow]:
    """The data rows below the header, streamed: blank rows and the example are skipped;
    ``settings.IMPORT_MAX_EMPTY_RUN`` empty rows in a row (stored or not) end the sheet, and
    the row past the limit ends the reading with an error naming the limit."""
    count = 0
    limit = max_rows()
    empty_run_limit = empty_run()
    empty = 0
    previous = 1
    for number, values in rows:
        if number <= previous:
            continue  # a header repeated, or rows stored out of order: never read twice
        empty += number - previous - 1  # rows absent from the file are empty rows
        previous = number
        if empty >= empty_run_limit:
            return
        cells = {key: values.get(index) for key, index in positions.items()}
        if all(is_blank(v) for v in cells.values()):
            empty += 1
            if empty >= empty_run_limit:
                return
            continue
        empty = 0
        if _is_example(spec, cells):
            continue
        count += 1
        if count > limit:
            raise WorkbookError(
                _("The file has more than %(max)s rows; split it into several files.")
                % {"max": number_format(limit, force_grouping=True)}
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
    if raw is FORMULA:
        raise CellError(_("This cell holds a formula; paste its value instead."), "formula")
    if is_blank(raw):
        if column.required:
            raise CellError(_("This cell is required."), "required")
        return column.empty
    return column.parse(raw)


def row_error(sheet: Sheet, spec: Spec, row: int, key: str, message: str, code: str) -> RowError:
    """An error found by a rule across cells or rows, pinned to one cell of the upload."""
    return RowError(row, str(spec.column(key).header), message, code, sheet.positions.get(key))


def read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def chunked(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices for ``__in`` lookups that stay under every database's parameter limit."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
