"""Reading an upload against a :class:`Spec` and running an import: all or nothing, every
cell of every row checked and the errors collected (with the real Excel row number: the
header is row 1) before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from thidua.interchange.xlsx.cells import CellError, cell_text, is_blank, match_key
from thidua.interchange.xlsx.spec import (
    EXAMPLE_MARKER,
    MAX_ROWS,
    Column,
    ImportResult,
    ParsedRow,
    RowError,
    Sheet,
    SheetRow,
    Spec,
    WorkbookError,
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

    Memory stays bounded: the workbook is opened read-only (rows are streamed from the file,
    never loaded as a whole), only the spec's columns of each row are kept, and the reading
    stops with an error as soon as a row past :data:`MAX_ROWS` appears.

    Raises WorkbookError for an unreadable file, missing columns, no data rows or too many.
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
    """The data rows, streamed: blank rows and the example are skipped; the row past
    :data:`MAX_ROWS` ends the reading with an error naming the limit."""
    count = 0
    last = max(positions.values(), default=1)  # columns right of it are never loaded
    rows = worksheet.iter_rows(min_row=2, max_col=last, values_only=True)
    for number, values in enumerate(rows, start=2):
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
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
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


def read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def chunked(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices for ``__in`` lookups that stay under every database's parameter limit."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
