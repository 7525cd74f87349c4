"""What an .xlsx table is: its :class:`Spec` (columns, their parsers, formats and help), the
sheet read from an upload, and what an import reports back (row errors, counts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from thidua.core.errors import ApplicationError
from thidua.interchange.xlsx.cells import Parser, each_language, match_key

# A row whose key cell starts with this is the template's example: it is never imported.
EXAMPLE_MARKER = "VD:"
# Data validations cover this many rows below the header.
VALIDATION_ROWS = 10_000
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

StrOrPromise = str | Promise


def max_rows() -> int:
    """Data rows one file may hold (``settings.IMPORT_MAX_ROWS``; beyond it the request would
    take too long, and a province fits well within 10,000)."""
    return int(settings.IMPORT_MAX_ROWS)


def empty_run() -> int:
    """Empty rows in a row that end a sheet (``settings.IMPORT_MAX_EMPTY_RUN``)."""
    return int(settings.IMPORT_MAX_EMPTY_RUN)


class WorkbookError(ApplicationError):
    """The file as a whole cannot be imported (unreadable, no data rows, missing columns)."""


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
        return {match_key(h) for h in each_language(lambda: str(self.header))}


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
