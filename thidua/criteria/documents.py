"""Generated files: the movement's ranking as an .xlsx report."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from thidua.criteria.evaluation import Verdict
from thidua.criteria.models import CandidateType
from thidua.criteria.selectors import RankingRow
from thidua.interchange import xlsx
from thidua.movements.models import Movement

_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 5


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Rank"), 6),
        (_("Candidate"), 32),
        (_("Candidate type"), 28),
        (_("Unit"), 24),
        (_("Commune or town"), 20),
        (_("Criterion set"), 30),
        (_("Met"), 8),
        (_("Not met"), 10),
        (_("Not yet known"), 12),
        (_("Criteria"), 10),
        (_("Criteria not met"), 24),
        (_("Criteria not yet known"), 24),
    ]


def _row(row: RankingRow) -> list:
    evaluation = row.evaluation
    candidate = evaluation.candidate
    criterion_set = evaluation.criterion_set
    type_label = str(CandidateType(candidate.type).label) if candidate.type else ""
    return [
        row.rank,
        candidate.name,
        type_label,
        candidate.home_unit.name if candidate.is_person else "",
        row.commune.name if row.commune else "",
        f"{criterion_set.name} (v{criterion_set.version})" if criterion_set else "",
        evaluation.met,
        evaluation.not_met,
        evaluation.unknown,
        evaluation.total,
        ", ".join(evaluation.codes(Verdict.NOT_MET)),
        ", ".join(evaluation.codes(Verdict.UNKNOWN)),
    ]


def ranking_workbook(movement: Movement, rows: list[RankingRow], filters_text: str = "") -> bytes:
    """The ranking as an .xlsx report: title rows, one header, one row per candidate."""
    columns = _columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Candidates"))[:31])
    last = get_column_letter(len(columns))
    for index, (_header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4

    def cell(value, font=None, fill=None, border=None, alignment=None) -> WriteOnlyCell:
        c = xlsx.text_cell(ws, value)
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if border is not None:
            c.border = border
        if alignment is not None:
            c.alignment = alignment
        return c

    ws.append([cell(_("CANDIDATES RANKED BY CRITERIA MET"), _TITLE_FONT)])
    ws.append([cell(movement.title, _BOLD)])
    subtitle = _("Data as of %(date)s.") % {"date": timezone.localdate().strftime("%d/%m/%Y")}
    if filters_text:
        subtitle += " " + filters_text
    ws.append([cell(subtitle)])
    ws.append([])
    for title_row in (1, 2, 3):
        ws.merged_cells.add(f"A{title_row}:{last}{title_row}")
    ws.append([cell(h, _BOLD, _HEADER_FILL, _BOX, _WRAP) for h, _width in columns])
    for row in rows:
        ws.append([cell(value, border=_BOX, alignment=_WRAP) for value in _row(row)])
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
