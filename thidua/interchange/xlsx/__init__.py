"""Shared machinery to import and export tables as .xlsx (openpyxl).

A table is described once by a :class:`Spec` (its columns, their parsers, formats and help),
and the same description builds the template, reads an upload, annotates a bad upload and
writes an export, so the four always agree.

Reading is all or nothing: every cell of every row is checked and the errors are collected
as :class:`RowError` (with the real Excel row number: the header is row 1) before anything
is written. Headers are matched by their text in any configured language (or the English
msgid), in any order, ignoring case, accents, extra spaces and a trailing "*". The template's
example row is recognised by the key column starting with :data:`EXAMPLE_MARKER` and skipped.

The package, by job: ``cells`` (parsers), ``spec`` (the table, the sheet read, the result,
the row limits), ``sheets`` (a worksheet's stored rows streamed, formulas without a value told
apart), ``reading`` (an upload's zip checked, read, checked and imported) and ``writing``
(templates, exports and the annotated upload; ``text_cell``/``as_text`` keep formula-looking
text as text in every workbook the app writes). Every name is re-exported here: callers write
``xlsx.Name``.
"""

from thidua.interchange.xlsx.cells import (
    CellError,
    Parser,
    boolean,
    boolean_labels,
    cell_text,
    choice,
    choice_labels,
    date_value,
    email,
    is_blank,
    shown,
    text,
)
from thidua.interchange.xlsx.reading import (
    ImportPlan,
    chunked,
    parse_cell,
    parse_rows,
    read_sheet,
    read_upload,
    row_error,
    run_import,
)
from thidua.interchange.xlsx.spec import (
    DATE_FORMAT,
    EXAMPLE_MARKER,
    TEXT_FORMAT,
    VALIDATION_ROWS,
    XLSX_CONTENT_TYPE,
    Column,
    ImportResult,
    ParsedRow,
    RowError,
    Sheet,
    SheetRow,
    Spec,
    StrOrPromise,
    WorkbookError,
    empty_run,
    max_rows,
)
from thidua.interchange.xlsx.writing import (
    annotate,
    as_text,
    build_workbook,
    safe_filename,
    text_cell,
)

__all__ = [
    "CellError",
    "Column",
    "DATE_FORMAT",
    "EXAMPLE_MARKER",
    "ImportPlan",
    "ImportResult",
    "ParsedRow",
    "Parser",
    "RowError",
    "Sheet",
    "SheetRow",
    "Spec",
    "StrOrPromise",
    "TEXT_FORMAT",
    "VALIDATION_ROWS",
    "WorkbookError",
    "XLSX_CONTENT_TYPE",
    "annotate",
    "as_text",
    "boolean",
    "boolean_labels",
    "build_workbook",
    "cell_text",
    "choice",
    "choice_labels",
    "chunked",
    "date_value",
    "email",
    "empty_run",
    "is_blank",
    "max_rows",
    "parse_cell",
    "parse_rows",
    "read_sheet",
    "read_upload",
    "row_error",
    "run_import",
    "safe_filename",
    "shown",
    "text",
    "text_cell",
]
