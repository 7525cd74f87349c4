"""The consolidated interim or final review as files for the Home Affairs Office: an .xlsx
workbook (a sheet of units, a sheet of works) and a .docx report (Báo cáo) in the layout of
official documents. The figures come from ``selectors.review_consolidation``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core import documents
from thidua.core.documents import CENTER, LEFT, RIGHT, vn_number
from thidua.interchange import xlsx
from thidua.movements.models import Movement
from thidua.works.models import ProgressStatus, ReviewKind, Schedule
from thidua.works.reviews import ReviewState
from thidua.works.selectors.review_consolidation import Consolidation, UnitRow

MILLION = Decimal(1_000_000)


def file_name(consolidation: Consolidation, extension: str) -> str:
    slug = "so-ket" if consolidation.kind == ReviewKind.INTERIM else "tong-ket"
    return f"{slug}-phong-trao-{consolidation.movement.pk}-{consolidation.day:%Y%m%d}.{extension}"


# --- .xlsx ----------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FONT = Font(bold=True)
AMOUNT_FORMAT = "#,##0"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
DATE_FORMAT = "DD/MM/YYYY"


def _local(value: datetime | None) -> datetime | None:
    # Excel has no time zones: write the local wall-clock time.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _sheet(workbook: Workbook, title: str, columns: list[tuple[str, int, str | None]]):
    ws = workbook.create_sheet(title[:31])
    for index, (_header, width, _fmt) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    header = []
    for text, _width, _fmt in columns:
        cell = xlsx.text_cell(ws, text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    return ws


def _append(ws, columns, values, font: Font | None = None) -> None:
    cells = []
    for (_header, _width, fmt), value in zip(columns, values, strict=True):
        cell = xlsx.text_cell(ws, value)
        if fmt:
            cell.number_format = fmt
        if font is not None:
            cell.font = font
        cells.append(cell)
    ws.append(cells)


def _state_label(status: str | None) -> str:
    return ReviewState.label(status)


def review_xlsx(consolidation: Consolidation) -> bytes:
    """Sheet "Đơn vị": one row per unit and a total; sheet "Công trình": one row per work."""
    workbook = Workbook(write_only=True)
    unit_columns: list[tuple[str, int, str | None]] = [
        (_("Unit"), 32, None),
        (_("Commune or town"), 22, None),
        (_("Number of works registered"), 12, "0"),
        (_("Completed"), 12, "0"),
        (_("Put into use"), 12, "0"),
        (_("Overdue"), 12, "0"),
        (_("Estimated value (VND)"), 18, AMOUNT_FORMAT),
        (_("Value realised (VND)"), 18, AMOUNT_FORMAT),
        (_("Contributed by the people (VND)"), 18, AMOUNT_FORMAT),
        (_("Workdays contributed"), 12, AMOUNT_FORMAT),
        (_("Exemplary models"), 12, "0"),
        (_("State of the review"), 16, None),
        (_("Submitted at"), 18, DATETIME_FORMAT),
    ]
    ws = _sheet(workbook, _("Units"), unit_columns)
    for unit_row in consolidation.units:
        tally = unit_row.tally
        _append(
            ws,
            unit_columns,
            [
                unit_row.unit.name,
                unit_row.commune.name if unit_row.commune else "",
                tally.registered,
                tally.completed,
                tally.in_use,
                tally.overdue,
                tally.estimated,
                tally.realised,
                tally.people_contribution,
                tally.people_workdays,
                tally.exemplary_models,
                _state_label(unit_row.status),
                _local(unit_row.review.submitted_at) if unit_row.review else None,
            ],
        )
    total = consolidation.total
    _append(
        ws,
        unit_columns,
        [
            _("Total"),
            "",
            total.registered,
            total.completed,
            total.in_use,
            total.overdue,
            total.estimated,
            total.realised,
            total.people_contribution,
            total.people_workdays,
            total.exemplary_models,
            _("%(count)s submitted") % {"count": len(consolidation.submitted)},
            None,
        ],
        font=_TOTAL_FONT,
    )
    work_columns: list[tuple[str, int, str | None]] = [
        (_("Unit"), 28, None),
        (_("Commune or town"), 20, None),
        (_("Kind of work"), 12, None),
        (_("Name of the work"), 40, None),
        (_("Estimated value (VND)"), 18, AMOUNT_FORMAT),
        (_("Expected completion"), 14, DATE_FORMAT),
        (_("Progress"), 16, None),
        (_("Percent complete"), 10, "0"),
        (_("Value realised (VND)"), 18, AMOUNT_FORMAT),
        (_("Schedule"), 16, None),
        (_("Result"), 40, None),
        (_("Source of the figures"), 22, None),
    ]
    ws = _sheet(workbook, _("Works"), work_columns)
    for work_row in consolidation.works:
        _append(
            ws,
            work_columns,
            [
                work_row.unit.name,
                work_row.commune.name if work_row.commune else "",
                work_row.work.get_kind_display(),
                work_row.work.name,
                work_row.work.estimated_value,
                work_row.work.expected_completion,
                str(ProgressStatus(work_row.status).label) if work_row.status else "",
                work_row.percent,
                work_row.value_done,
                str(Schedule(work_row.schedule).label),
                work_row.result,
                _("The unit's review") if work_row.reported else _("Latest progress recorded"),
            ],
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- .docx ----------------------------------------------------------------------------

COMMUNE_TABLE_WIDTHS_CM = (1.3, 3.6, 1.7, 1.7, 1.7, 1.6, 2.4, 2.4)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _plan_reference(movement: Movement) -> str:
    """ " số 12/KH-UBND ngày 05/10/2024" when the movement's plan has a number and date."""
    text = f" số {movement.document_number}" if movement.document_number else ""
    if movement.document_date:
        text += f" ngày {movement.document_date:%d/%m/%Y}"
    return text


def _summary(consolidation: Consolidation) -> str:
    """ "Sơ kết phong trào thi đua …" from the movement's title."""
    lowered = _lower_first(consolidation.movement.title.strip().rstrip("."))
    # Titles often start with the launching verb ("Phát động phong trào …"): drop it.
    for verb in ("phát động ", "kế hoạch phát động "):
        if lowered.lower().startswith(verb):
            lowered = lowered[len(verb) :]
    if not lowered.lower().startswith("phong trào"):
        lowered = f"phong trào thi đua {lowered}"
    prefix = "Sơ kết" if consolidation.kind == ReviewKind.INTERIM else "Tổng kết"
    return f"{prefix} {lowered}"


def _money(value: Decimal) -> str:
    return f"{vn_number(value)} đồng"


def _millions(value: Decimal) -> str:
    millions = value / MILLION
    return vn_number(millions, 0 if millions == millions.to_integral_value() else 1)


def _texts(rows: list[UnitRow], name: str) -> list[str]:
    return [
        f"- {row.unit.name}: {getattr(row.review, name).strip()}"
        for row in rows
        if row.review is not None and getattr(row.review, name).strip()
    ]


def review_docx(consolidation: Consolidation) -> bytes:
    """The report (Báo cáo) of the interim or final review, in Vietnamese (an official
    document's language does not follow the reader's interface language)."""
    movement = consolidation.movement
    issuer = movement.issuing_unit
    total = consolidation.total
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer=issuer.full_name or issuer.name,
            parent=(issuer.parent.full_name or issuer.parent.name) if issuer.parent else "",
            place=documents.place_of(issuer.name),
            day=consolidation.day,
            symbol="BC-UBND",
        ),
    )
    documents.add_title(document, "Báo cáo", _summary(consolidation))

    kind_word = "sơ kết" if consolidation.kind == ReviewKind.INTERIM else "tổng kết"
    issuer_name = issuer.full_name or issuer.name
    documents.add_paragraph(
        document,
        f"Thực hiện Kế hoạch{_plan_reference(movement)} của {issuer_name} về việc "
        f"{_lower_first(movement.title.strip().rstrip('.'))} (giai đoạn "
        f"{movement.start_date:%m/%Y} - {movement.end_date:%m/%Y}), trên cơ sở báo cáo "
        f"{kind_word} của các cơ quan, đơn vị, địa phương, {issuer_name} báo cáo kết quả "
        f"{kind_word} phong trào như sau:",
    )

    documents.add_heading(document, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    documents.add_heading(document, "1. Kết quả chung")
    submitted = len(consolidation.submitted)
    figures = [
        f"- Số cơ quan, đơn vị, địa phương tham gia phong trào: {vn_number(consolidation.participants)}; "
        f"số đơn vị đã gửi báo cáo {kind_word}: {vn_number(submitted)}.",
        f"- Tổng số công trình, phần việc đăng ký: {vn_number(total.registered)} "
        f"(công trình: {vn_number(total.constructions)}; phần việc: {vn_number(total.tasks)}).",
        f"- Số công trình, phần việc đã hoàn thành: {vn_number(total.completed)}, trong đó đã đưa "
        f"vào sử dụng: {vn_number(total.in_use)}.",
        f"- Tiến độ so với đăng ký: đúng tiến độ {vn_number(total.on_schedule)}; hoàn thành chậm "
        f"{vn_number(total.late)}; quá hạn chưa hoàn thành {vn_number(total.overdue)}.",
        f"- Tổng giá trị dự kiến: {_money(total.estimated)}; giá trị đã thực hiện: "
        f"{_money(total.realised)}.",
        f"- Nhân dân đóng góp: {_money(total.people_contribution)} và "
        f"{vn_number(total.people_workdays)} ngày công; phát hiện "
        f"{vn_number(total.exemplary_models)} gương điển hình tiên tiến.",
    ]
    for line in figures:
        documents.add_paragraph(document, line)

    documents.add_heading(document, "2. Kết quả thực hiện công trình, phần việc theo xã, thị trấn")
    documents.add_paragraph(document, "Đơn vị tính giá trị: triệu đồng.", italic=True)
    table_rows = []
    for index, (commune, tally) in enumerate(consolidation.communes, start=1):
        table_rows.append(
            [
                str(index),
                commune.name if commune else "Các cơ quan, đơn vị khác",
                vn_number(tally.registered),
                vn_number(tally.completed),
                vn_number(tally.in_use),
                vn_number(tally.overdue),
                _millions(tally.estimated),
                _millions(tally.realised),
            ]
        )
    table_rows.append(
        [
            "",
            "Tổng cộng",
            vn_number(total.registered),
            vn_number(total.completed),
            vn_number(total.in_use),
            vn_number(total.overdue),
            _millions(total.estimated),
            _millions(total.realised),
        ]
    )
    documents.add_table(
        document,
        [
            "STT",
            "Xã, thị trấn",
            "Số đăng ký",
            "Hoàn thành",
            "Đưa vào sử dụng",
            "Quá hạn",
            "Giá trị dự kiến",
            "Giá trị thực hiện",
        ],
        table_rows,
        widths_cm=COMMUNE_TABLE_WIDTHS_CM,
        aligns=[CENTER, LEFT, CENTER, CENTER, CENTER, CENTER, RIGHT, RIGHT],
        bold_last_row=True,
    )

    results = _texts(consolidation.units, "results")
    if results:
        documents.add_heading(document, "3. Kết quả nổi bật của các đơn vị")
        for line in results:
            documents.add_paragraph(document, line)

    documents.add_heading(document, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    for line in _texts(consolidation.units, "shortcomings") or [
        "Các đơn vị chưa báo cáo tồn tại, hạn chế."
    ]:
        documents.add_paragraph(document, line)

    documents.add_heading(document, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    for line in _texts(consolidation.units, "proposals") or [
        "Các đơn vị chưa có đề xuất, kiến nghị."
    ]:
        documents.add_paragraph(document, line)

    documents.add_paragraph(
        document,
        f"Trên đây là báo cáo kết quả {kind_word} phong trào thi đua của "
        f"{issuer.full_name or issuer.name}./.",
    )
    documents.add_closing(
        document,
        recipients=movement.distribution_lines() or ["- Lưu: VT."],
        signature=documents.Signature(
            authority=documents.signature_authority(movement.signer_title),
            name=movement.signer_name,
        ),
    )
    return documents.document_bytes(document)
