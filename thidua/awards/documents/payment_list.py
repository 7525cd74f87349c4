"""The payment list of award money (danh sách chi tiền thưởng) as .xlsx, for the Finance
and Planning Office.

One sheet per fund: each level's fund pays its own awards and its accountant and head sign
their own list, so a sheet is what gets printed, signed and filed; a fund column would mix
three treasuries on one paper. Awards without money are listed on a last sheet so that none
is forgotten; revoked awards are not listed at all.

The text is Vietnamese whatever the interface language: it is a financial document.
Amounts are numbers formatted "#,##0" (a Vietnamese Excel shows 2.340.000); each sheet's
total is a SUM formula over its rows, with the amount in words computed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.accounts.models import User
from thidua.award_catalogue.models import DecidingOffice
from thidua.awards.documents.certificates import committee_name
from thidua.awards.models import Award
from thidua.awards.selectors.budget import FUND_ORDER, payment_awards
from thidua.core.documents import MOTTO, NATIONAL_NAME
from thidua.core.text import nfc
from thidua.interchange import xlsx
from thidua.movements.models import Movement

MONEY_FORMAT = "#,##0"
MULTIPLE_FORMAT = "0.0#"
DATE_FORMAT = "DD/MM/YYYY"
FONT_NAME = "Times New Roman"

SHEET_TITLES: dict[str, str] = {
    DecidingOffice.PROVINCE_CHAIRMAN: "Quỹ cấp tỉnh",
    DecidingOffice.DISTRICT_CHAIRMAN: "Quỹ cấp huyện",
    DecidingOffice.COMMUNE_CHAIRMAN: "Quỹ cấp xã",
}
FUND_NAMES: dict[str, str] = {
    DecidingOffice.PROVINCE_CHAIRMAN: "Quỹ thi đua, khen thưởng cấp tỉnh",
    DecidingOffice.DISTRICT_CHAIRMAN: "Quỹ thi đua, khen thưởng cấp huyện",
    DecidingOffice.COMMUNE_CHAIRMAN: "Quỹ thi đua, khen thưởng cấp xã",
}
UNPRICED_SHEET = "Chưa có mức tiền"

# (header, width)
COLUMNS = (
    ("STT", 6),
    ("Tập thể, cá nhân được khen thưởng", 30),
    ("Chức vụ, đơn vị", 28),
    ("Hình thức khen thưởng", 28),
    ("Số quyết định", 16),
    ("Ngày quyết định", 13),
    ("Mức lương cơ sở (đồng)", 15),
    ("Hệ số", 8),
    ("Số tiền (đồng)", 16),
    ("Ký nhận", 18),
)
AMOUNT_COLUMN = 9  # I
HEADER_ROW = 9

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


# --- amounts in words -------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _group_words(number: int, full: bool) -> list[str]:
    """Words for 0-999; ``full`` when a higher group precedes it ("không trăm linh năm")."""
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")
        if ones:
            words.append(_DIGITS[ones])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if ones == 1 and tens > 1:
        words.append("mốt")
    elif ones == 5:
        words.append("lăm")
    elif ones:
        words.append(_DIGITS[ones])
    return words


def number_words(number: int) -> str:
    """1250000 → "một triệu hai trăm năm mươi nghìn" (whole numbers, any size)."""
    if number < 0:
        return "âm " + number_words(-number)
    if number == 0:
        return "không"
    billions, rest = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [number_words(billions), "tỷ"]
    for size, name in ((1_000_000, "triệu"), (1_000, "nghìn"), (1, "")):
        group = rest // size % 1000
        if group:
            words += _group_words(group, full=bool(words))
            if name:
                words.append(name)
    return " ".join(words)


def amount_in_words(amount: Decimal | int) -> str:
    """ "Bảy trăm linh hai nghìn đồng" for 702000."""
    text = number_words(int(amount)) + " đồng"
    return text[:1].upper() + text[1:]


# --- the workbook -----------------------------------------------------------------------


def _recipient_place(award: Award) -> str:
    if award.recipient_detail:
        return award.recipient_detail
    if award.person is not None:
        return award.person.unit.name
    if award.unit is not None and award.unit.parent_id:
        return award.unit.parent.name
    return ""


def _issuer_name(movement: Movement) -> str:
    return committee_name(movement.issuing_unit)


def _setup(ws: Worksheet, landscape: bool = True) -> None:
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.paperSize = 9  # A4 (openpyxl's PAPERSIZE_A4 is the string "9")
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.freeze_panes = f"C{HEADER_ROW + 1}"


def _merged(
    ws: Worksheet, row: int, first: int, last: int, value: object, font: Font, align: str = "center"
) -> Cell:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = xlsx.as_text(ws.cell(row=row, column=first, value=value))
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    return cell


def _title_rows(ws: Worksheet, movement: Movement, lines: Iterable[str]) -> None:
    last = len(COLUMNS)
    _merged(ws, 1, 1, 4, _issuer_name(movement), _font(12, bold=True))
    _merged(ws, 1, 5, last, NATIONAL_NAME, _font(12, bold=True))
    _merged(ws, 2, 5, last, MOTTO, _font(12, bold=True))
    _merged(ws, 4, 1, last, "DANH SÁCH CHI TIỀN THƯỞNG", _font(14, bold=True))
    row = 5
    for line in lines:
        _merged(ws, row, 1, last, line, _font(12, italic=row > 5, bold=row == 5))
        row += 1
    ws.row_dimensions[5].height = 32


def _header(ws: Worksheet, headers: Iterable[str]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = xlsx.as_text(ws.cell(row=HEADER_ROW, column=column, value=header))
        cell.font = _font(11, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = 32


_FORMATS = {6: DATE_FORMAT, 7: MONEY_FORMAT, 8: MULTIPLE_FORMAT, 9: MONEY_FORMAT}


def _award_row(ws: Worksheet, row: int, number: int, award: Award, *, money: bool) -> None:
    values = [
        number,
        nfc(award.recipient_name),
        nfc(_recipient_place(award)),
        award.award_form.name,
        award.decision_number,
        award.decided_on,
        award.base_salary if money else None,
        award.multiple if money else None,
        award.amount if money else None,
        None,
    ]
    for column, value in enumerate(values, start=1):
        cell = xlsx.as_text(ws.cell(row=row, column=column, value=value))
        cell.font = _font(11)
        cell.border = _BOX
        cell.alignment = Alignment(
            vertical="center",
            wrap_text=column in (2, 3, 4),
            horizontal="center" if column in (1, 5, 6) else None,
        )
        if column in _FORMATS:
            cell.number_format = _FORMATS[column]
    ws.row_dimensions[row].height = 30  # room to sign


def _signatures(ws: Worksheet, row: int) -> None:
    for column, title in ((2, "Người lập biểu"), (5, "Kế toán"), (8, "Thủ trưởng đơn vị")):
        last = column + 2 if column < 8 else len(COLUMNS)
        _merged(ws, row, column, last, title, _font(12, bold=True))
        _merged(ws, row + 1, column, last, "(Ký, ghi rõ họ tên)", _font(11, italic=True))


def _fund_sheet(
    ws: Worksheet, movement: Movement, office: str, awards: list[Award], today: date
) -> None:
    _setup(ws)
    _title_rows(
        ws,
        movement,
        (
            f"Phong trào: {nfc(movement.title)}",
            f"Nguồn chi: {FUND_NAMES[office]}",
            f"Không gồm khen thưởng đã bị thu hồi. Số liệu đến ngày {today:%d/%m/%Y}.",
        ),
    )
    _header(ws, (header for header, _width in COLUMNS))
    first = HEADER_ROW + 1
    for number, award in enumerate(awards, start=1):
        _award_row(ws, first + number - 1, number, award, money=True)
    last = first + len(awards) - 1
    total_row = last + 1
    _merged(
        ws,
        total_row,
        1,
        AMOUNT_COLUMN - 1,
        f"Tổng cộng ({len(awards)} khen thưởng)",
        _font(12, bold=True),
    )
    amount = ws.cell(
        row=total_row,
        column=AMOUNT_COLUMN,
        value=f"=SUM(I{first}:I{last})" if awards else 0,
    )
    amount.font = _font(12, bold=True)
    amount.number_format = MONEY_FORMAT
    for column in range(1, len(COLUMNS) + 1):
        ws.cell(row=total_row, column=column).border = _BOX
    total = sum((award.amount or Decimal(0) for award in awards), Decimal(0))
    _merged(
        ws,
        total_row + 1,
        1,
        len(COLUMNS),
        f"Số tiền bằng chữ: {amount_in_words(total)}./.",
        _font(12, italic=True),
        align="left",
    )
    _signatures(ws, total_row + 3)
    if awards:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last}"


def _unpriced_sheet(ws: Worksheet, movement: Movement, awards: list[Award], today: date) -> None:
    _setup(ws)
    _title_rows(
        ws,
        movement,
        (
            f"Phong trào: {nfc(movement.title)}",
            "Khen thưởng chưa có mức tiền thưởng: hình thức chưa có hệ số (hoặc chưa có mức "
            "lương cơ sở) có hiệu lực vào ngày quyết định.",
            f"Số liệu đến ngày {today:%d/%m/%Y}.",
        ),
    )
    headers = [header for header, _width in COLUMNS]
    headers[-1] = "Quỹ chi trả"
    _header(ws, headers)
    for number, award in enumerate(awards, start=1):
        row = HEADER_ROW + number
        _award_row(ws, row, number, award, money=False)
        xlsx.as_text(
            ws.cell(row=row, column=len(COLUMNS), value=SHEET_TITLES.get(award.deciding_office, ""))
        )


def payment_workbook(movement: Movement, awards: Iterable[Award]) -> bytes:
    today = timezone.localdate()
    by_fund: dict[str, list[Award]] = defaultdict(list)
    unpriced: list[Award] = []
    for award in awards:
        if award.is_revoked:
            continue
        if award.amount is None:
            unpriced.append(award)
        else:
            by_fund[award.deciding_office].append(award)
    workbook = Workbook()
    default = workbook.active
    offices = [office for office in FUND_ORDER if by_fund.get(office)]
    for office in offices or [DecidingOffice.DISTRICT_CHAIRMAN]:
        ws = workbook.create_sheet(SHEET_TITLES[office])
        _fund_sheet(ws, movement, office, by_fund.get(office, []), today)
    if unpriced:
        _unpriced_sheet(workbook.create_sheet(UNPRICED_SHEET), movement, unpriced, today)
    workbook.remove(default)
    workbook.properties.title = f"Danh sách chi tiền thưởng – {nfc(movement.title)}"[:250]
    workbook.properties.creator = "Thi đua"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def payment_export(*, actor: User, movement: Movement) -> bytes:
    """The payment list of the awards the user may count (two queries and the workbook)."""
    return payment_workbook(movement, payment_awards(actor, movement))
