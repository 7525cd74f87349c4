"""The rows of an uploaded worksheet, streamed, with a formula that has no value told apart.

openpyxl's read-only worksheet fills every row missing from the file with an empty one (a stray
cell on row 1,048,576 would make a million) and, with ``data_only``, reads a formula Excel never
computed as an empty cell. Here the worksheet's XML is parsed by openpyxl's own parser, row by
row, yielding only the rows stored in the file with their Excel number (the caller counts the
gaps), and a formula without a cached value comes back as :data:`FORMULA`.

It reaches into openpyxl's read-only worksheet (``_get_source``, ``_shared_strings``) and its
worksheet parser; openpyxl is pinned in ``requirements.txt`` and the pipeline's tests cover it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser


class Formula:
    """A cell holding a formula with no computed value (as written by programs that do not
    calculate, or by Excel with calculation off); it reads as text ""."""

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "FORMULA"


FORMULA = Formula()


class _Parser(WorkSheetParser):
    """openpyxl's parser reading cached values (``data_only``), with formulas told apart."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cached = element.findtext(VALUE_TAG)
            # Excel stores a formula's empty text result as t="str" with an empty <v>; an
            # empty <v> otherwise (openpyxl writes one) means it was never computed.
            if cached is None or (cached == "" and element.get("t") != "str"):
                cell["value"] = FORMULA
        return cell


class RowStream:
    """Iterates ``(Excel row number, {column index: value})`` over the rows stored in a
    read-only worksheet; empty cells are left out, and so are columns right of ``max_col``
    once it is set (after the header is read)."""

    def __init__(self, worksheet: Any) -> None:
        self.worksheet = worksheet
        self.max_col: int | None = None

    def __iter__(self) -> Iterator[tuple[int, dict[int, Any]]]:
        workbook = self.worksheet.parent
        with self.worksheet._get_source() as source:
            parser = _Parser(
                source,
                self.worksheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                limit = self.max_col
                yield (
                    number,
                    {
                        cell["column"]: cell["value"]
                        for cell in cells
                        if cell["value"] is not None and (limit is None or cell["column"] <= limit)
                    },
                )
