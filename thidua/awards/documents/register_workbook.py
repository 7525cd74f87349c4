"""The award register as .xlsx (the register page's export, with its filters): a title row,
a header and one row per award, revoked ones marked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.awards.models import Award
from thidua.awards.selectors.register import short_code
from thidua.core.text import nfc
from thidua.interchange import xlsx


def _status_text(award: Award) -> str:
    if award.is_revoked:
        return _("Revoked on %(day)s") % {"day": f"{award.revoked_on:%d/%m/%Y}"}
    return _("Valid")


def _register_columns() -> list[tuple[str, int, str]]:
    """(header, width, number format) of the register workbook."""
    return [
        (_("No. (STT)"), 6, "0"),
        (_("Recipient"), 30, "@"),
        (_("Collective or individual"), 12, "@"),
        (_("Position and unit"), 30, "@"),
        (_("Award form"), 30, "@"),
        (_("Movement"), 30, "@"),
        (_("Deciding office"), 26, "@"),
        (_("Decision number"), 16, "@"),
        (_("Decision date"), 12, "DD/MM/YYYY"),
        (_("Amount (VND)"), 14, "#,##0"),
        (_("Status"), 18, "@"),
        (_("Reason for revocation"), 30, "@"),
        (_("Revoking decision"), 24, "@"),
        (_("Verification code"), 16, "@"),
    ]


def _register_values(award: Award, shows_money: bool) -> list:
    return [
        nfc(award.recipient_name),
        str(_("Collective")) if award.unit_id else str(_("Individual")),
        nfc(award.recipient_detail),
        award.award_form.name,
        award.movement.title if award.movement is not None else "",
        award.get_deciding_office_display(),
        award.decision_number,
        award.decided_on,
        award.amount if shows_money else None,
        _status_text(award),
        award.revocation_reason,
        award.revocation_decision,
        short_code(award),
    ]


def register_workbook(
    awards: Iterable[Award], *, shows_money: Callable[[Award], bool] = lambda award: True
) -> bytes:
    """The (filtered) register as .xlsx: a title row, a header and one row per award; the
    amount only where ``shows_money`` (``awards.rules.MoneyScope.sees_award``)."""
    columns = _register_columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Award register"))[:31])
    for index, (_header, width, _format) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title = xlsx.text_cell(ws, str(_("AWARD REGISTER")))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([_("Data as of %(date)s.") % {"date": f"{timezone.localdate():%d/%m/%Y}"}])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for text, _width, _format in columns:
        cell = xlsx.text_cell(ws, str(text))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.append(cell)
    ws.append(header)
    count = 0
    for count, award in enumerate(awards, start=1):
        row = []
        for (_text, _width, number_format), value in zip(
            columns, [count, *_register_values(award, shows_money(award))], strict=True
        ):
            cell = xlsx.text_cell(ws, value if value != "" else None)
            cell.number_format = number_format
            row.append(cell)
        ws.append(row)
    if count:
        ws.auto_filter.ref = f"A3:{get_column_letter(len(columns))}{3 + count}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
