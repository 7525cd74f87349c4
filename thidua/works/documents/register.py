"""The consolidated register of works (issue 4, 3): «Tổng hợp đăng ký công trình, phần việc»,
one row per work visible to the user, in its own layout (title rows, header, total). It is a
report, not meant to be imported again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from thidua.accounts.models import User
from thidua.interchange import xlsx
from thidua.movements.models import Movement
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit
from thidua.works import selectors
from thidua.works.imports.spec import MONEY_FORMAT, field_header
from thidua.works.models import RegistrationStatus, Schedule, Work


@dataclass(frozen=True)
class ExportColumn:
    header: Callable[[], str]
    value: Callable[[Work], Any]
    width: int = 16
    number_format: str = xlsx.TEXT_FORMAT


def _commune_name(work: Work) -> str:
    """The commune or town of the unit (itself if it is one); blank for district agencies."""
    node: Unit | None = work.unit
    for _level in range(3):  # the unit, its parent and grandparent are selected with it
        if node is None:
            return ""
        if node.kind in COMMUNE_LEVEL_KINDS:
            return node.name
        node = node.parent if node.parent_id else None
    return ""


def _yes(value: bool) -> str:
    return str(_("yes")) if value else ""


def _late(work: Work) -> str:
    if not work.is_late:
        return ""
    if work.registered_at is None:
        return _yes(True)
    when = timezone.localdate(work.registered_at).strftime("%d/%m/%Y")
    return f"{_yes(True)} ({when})"


def _registered_on(work: Work) -> date | None:
    return timezone.localdate(work.registered_at) if work.registered_at else None


def _schedule(work: Work) -> str:
    code = getattr(work, "schedule_code", None) or work.schedule()
    return "" if code == Schedule.NONE else str(Schedule(code).label)


def _export_columns() -> list[ExportColumn]:
    money, day = MONEY_FORMAT, xlsx.DATE_FORMAT
    label = field_header
    return [
        ExportColumn(lambda: _("No. (STT)"), lambda w: None, 6, "0"),
        ExportColumn(lambda: _("Commune, town"), _commune_name, 18),
        ExportColumn(lambda: _("Unit"), lambda w: w.unit.name, 24),
        ExportColumn(lambda: label("kind"), lambda w: w.get_kind_display(), 12),
        ExportColumn(lambda: label("name"), lambda w: w.name, 40),
        ExportColumn(lambda: label("volume"), lambda w: w.volume, 22),
        ExportColumn(lambda: label("site"), lambda w: w.site, 22),
        ExportColumn(lambda: label("estimated_value"), lambda w: w.estimated_value, 18, money),
        ExportColumn(lambda: label("funding_source"), lambda w: w.get_funding_source_display(), 24),
        ExportColumn(lambda: label("people_funded"), lambda w: _yes(w.people_funded), 12),
        ExportColumn(
            lambda: label("expected_completion"), lambda w: w.expected_completion, 14, day
        ),
        ExportColumn(lambda: _("Registered on"), _registered_on, 14, day),
        ExportColumn(lambda: label("is_late"), _late, 16),
        ExportColumn(lambda: label("status"), lambda w: w.get_status_display(), 16),
        ExportColumn(lambda: label("progress_percent"), lambda w: w.progress_percent, 12, "0"),
        ExportColumn(
            lambda: label("progress_status"), lambda w: w.get_progress_status_display(), 18
        ),
        ExportColumn(lambda: pgettext("works register", "Schedule"), _schedule, 16),
        ExportColumn(lambda: label("actual_completion"), lambda w: w.actual_completion, 14, day),
        ExportColumn(lambda: label("put_into_use"), lambda w: w.put_into_use, 14, day),
        ExportColumn(lambda: label("value_done"), lambda w: w.value_done, 18, money),
    ]


# 1-based positions of the columns summed in the total row.
_TOTALLED = (8, 20)
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
# The title rows above the header: the header is on this row of the sheet.
HEADER_ROW = 5


def exported_works(
    user: User, movement: Movement, filters: selectors.WorkFilters
) -> QuerySet[Work]:
    """The register's works: visible to the user, filtered like the list, cancelled ones only
    when asked for by status."""
    works = selectors.works_visible(user, movement)
    if filters.status != RegistrationStatus.CANCELLED:
        works = works.exclude(status=RegistrationStatus.CANCELLED)
    return selectors.filter_works(works, filters).select_related("unit__parent__parent")


def works_export(
    *, actor: User, movement: Movement, filters: selectors.WorkFilters | None = None
) -> bytes:
    """«Tổng hợp đăng ký công trình, phần việc» as .xlsx, in a fixed number of queries."""
    works = exported_works(actor, movement, filters or selectors.WorkFilters())
    return register_workbook(movement, works.iterator(chunk_size=2000))


def register_workbook(movement: Movement, works: Iterable[Work]) -> bytes:
    columns = _export_columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Register of works"))[:31])
    last = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    def text_cell(value: Any, font: Font | None = None) -> WriteOnlyCell:
        cell = xlsx.text_cell(ws, value)
        if font is not None:
            cell.font = font
        return cell

    ws.append([text_cell(_("CONSOLIDATED REGISTER OF WORKS"), _TITLE_FONT)])
    ws.append([text_cell(movement.title, _BOLD)])
    ws.append(
        [
            text_cell(
                _("Issued by %(unit)s; data as of %(date)s.")
                % {
                    "unit": movement.issuing_unit.name,
                    "date": timezone.localdate().strftime("%d/%m/%Y"),
                }
            )
        ]
    )
    ws.append([])
    for title_row in (1, 2, 3):
        ws.merged_cells.add(f"A{title_row}:{last}{title_row}")
    header = []
    for column in columns:
        cell = text_cell(column.header(), _BOLD)
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        cell.border = _BOX
        header.append(cell)
    ws.append(header)

    # Style each column once and copy the style index array into every cell: assigning
    # font/border objects per cell makes openpyxl hash them, which dominated the export time.
    prototypes = []
    for column in columns:
        prototype = WriteOnlyCell(ws)
        prototype.number_format = column.number_format
        prototype.border = _BOX
        prototype.alignment = _WRAP
        prototypes.append(prototype._style)
    totals = dict.fromkeys(_TOTALLED, Decimal(0))
    count = 0
    for count, work in enumerate(works, start=1):
        row = []
        for position, column in enumerate(columns, start=1):
            value = count if position == 1 else column.value(work)
            if position in totals and value is not None:
                totals[position] += value
            cell = WriteOnlyCell(ws, value=value if value != "" else None)
            cell._style = copy(prototypes[position - 1])
            row.append(xlsx.as_text(cell))  # after the style: it sets the quote prefix
        ws.append(row)

    total_row = []
    for position, column in enumerate(columns, start=1):
        total: Any = None
        if position == 2:
            total = _("Total: %(count)s works") % {"count": count}
        elif position in totals:
            total = totals[position]
        cell = text_cell(total, _BOLD)
        cell.number_format = column.number_format
        cell.border = _BOX
        total_row.append(cell)
    ws.append(total_row)
    if count:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
