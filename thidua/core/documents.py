"""Word documents in the layout of Vietnamese official documents (Nghị định 30/2020/NĐ-CP,
Appendix I), built with python-docx: reports now, decisions and proposals later.

The page is A4 portrait with margins top/bottom 20 mm, left 30 mm, right 15 mm, in Times
New Roman (LibreOffice substitutes the metric-compatible Liberation Serif). The helpers add
the fixed parts of such a document, in order:

* :func:`add_header`: issuing body (its parent above) with "Số: …" at left, the national
  name and motto with the place and date at right;
* :func:`add_title`: the document type ("BÁO CÁO", "QUYẾT ĐỊNH") and its summary;
* :func:`add_heading`, :func:`add_paragraph`, :func:`add_table` for the body;
* :func:`add_closing`: "Nơi nhận:" and the distribution list at left, the signature block
  at right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from thidua.core.text import nfc, without_sample_flag

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
HEADER_PT = 13  # issuing body, national name, "Số"
RECIPIENTS_LABEL_PT = 12  # "Nơi nhận:"
RECIPIENTS_PT = 11
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH_CM = 16.5  # 210 - 30 - 15 mm
FIRST_LINE_INDENT = Cm(1)

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Leading words of unit names that are not part of the place name ("Huyện Trạm Tấu" → "Trạm Tấu").
_PLACE_PREFIXES = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "huyện",
    "tỉnh",
    "quận",
    "phường",
    "xã",
)


# --- text -----------------------------------------------------------------------------


def vn_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """1250000000 → "1.250.000.000"; with decimals, "," separates them: "12,5"."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_date_text(day: date) -> str:
    """ "ngày 05 tháng 9 năm 2024": days 1-9 and months 1-2 take a leading zero (NĐ 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def document_number(number: int | str) -> str:
    """The number part of "Số: 01/QĐ-UBND": numbers below 10 take a leading zero (Nghị định
    30/2020/NĐ-CP, Appendix I, Part I, II.3(c)); a blank number stays blank."""
    text = str(number).strip()
    if text.isdigit():
        return f"{int(text):02d}"
    return text


def number_and_symbol(number: int | str, symbol: str) -> str:
    """ "01/QĐ-UBND": the document's number (``document_number``) and its symbol."""
    return f"{document_number(number)}/{symbol}"


def place_of(unit_name: str) -> str:
    """The place name for the date line: "Huyện Trạm Tấu" → "Trạm Tấu"."""
    name = nfc(unit_name)
    lowered = name.lower()
    for prefix in _PLACE_PREFIXES:
        if lowered.startswith(prefix + " "):
            return name[len(prefix) + 1 :].strip()
    return name


def date_line(place: str, day: date) -> str:
    """ "Trạm Tấu, ngày 05 tháng 9 năm 2024"."""
    return f"{place}, {vn_date_text(day)}"


def upper(text: str) -> str:
    return nfc(text).upper()


# Bodies whose name the heading breaks after ("ỦY BAN NHÂN DÂN" / "HUYỆN TRẠM TẤU") and that
# the parent body's line abbreviates, as NĐ 30/2020 allows for the body above the issuer.
_BODY_ABBREVIATIONS = {
    "ỦY BAN NHÂN DÂN": "UBND",
    "HỘI ĐỒNG NHÂN DÂN": "HĐND",
}


def issuer_lines(name: str) -> list[str]:
    """The issuing body in capitals, broken after the kind of body when a place follows."""
    text = upper(name)
    for body in _BODY_ABBREVIATIONS:
        if text.startswith(body + " "):
            return [body, text[len(body) + 1 :].strip()]
    return [text]


def parent_line(name: str) -> str:
    """The body above the issuer in capitals, with common names abbreviated ("UBND TỈNH YÊN BÁI")."""
    text = upper(name)
    for body, short in _BODY_ABBREVIATIONS.items():
        if text.startswith(body + " "):
            return short + text[len(body) :]
    return text


def signature_authority(signer_title: str, body: str = "ỦY BAN NHÂN DÂN") -> list[str]:
    """The lines above the signature: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for the chairman,
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when a deputy signs."""
    title = upper(signer_title or "Chủ tịch")
    if title.startswith("PHÓ "):
        return [f"KT. {title[4:]}", title]
    return [f"TM. {upper(body)}", title]


# --- document -------------------------------------------------------------------------


def new_document() -> DocumentType:
    """An empty A4 document with the official margins and Times New Roman 14 pt."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _east_asian_font(normal.element)
    paragraph = normal.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(6)
    paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    document.core_properties.language = "vi-VN"
    _page_numbers(section)
    return document


def _page_numbers(section: Section) -> None:
    """Page numbers centred at the top from the second page on (NĐ 30/2020)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _east_asian_font(element: CT_Style) -> None:
    """Make every script of the style use Times New Roman (python-docx sets only ASCII)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "vi-VN")


def document_bytes(document: DocumentType) -> bytes:
    """The .docx as issued: demo names lose their sample flag here, whatever part of the
    document (body, tables, page headers) printed them."""
    _strip_sample_flags(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _strip_sample_flags(document: DocumentType) -> None:
    parts = [document.element]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            parts.append(part._element)
    for part in parts:
        for text in part.iter(qn("w:t")):
            if text.text and "(" in text.text:
                text.text = without_sample_flag(text.text)


def _line(
    container: DocumentType | _Cell,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    space_after: float = 0,
    paragraph: Paragraph | None = None,
) -> Paragraph:
    """A paragraph of one run in a document or a table cell."""
    if paragraph is None:
        paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.first_line_indent = Cm(0)
    if text:
        run = paragraph.add_run(nfc(text))
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.underline = underline
    return paragraph


def _rule(cell: _Cell, width_cm: float, length_cm: float) -> Paragraph:
    """A short solid rule centred in the cell (below the issuing body's name)."""
    paragraph = _line(cell, size=2)
    side = Cm(max((width_cm - length_cm) / 2 - 0.2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Word rejects a file whose properties are out of the schema's order.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_PPR_AFTER_BORDER)
    return paragraph


# Elements that follow w:pBdr in w:pPr and w:tblBorders in w:tblPr (ECMA-376 order).
_PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)


def _fixed_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: set both, and a fixed layout."""
    table.autofit = False  # w:tblLayout type="fixed"
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


@dataclass(frozen=True)
class Header:
    """The document's heading block (NĐ 30/2020, Appendix I, items 1-4)."""

    issuer: str  # e.g. "Ủy ban nhân dân huyện Trạm Tấu", printed in capitals, bold
    place: str  # e.g. "Trạm Tấu"
    day: date | None
    symbol: str  # e.g. "BC-UBND"
    number: str = ""  # blank: the clerk fills it in when the document is signed
    parent: str = ""  # the body above the issuer, in capitals, not bold


HEADER_WIDTHS_CM = (6.5, 10.0)


def add_header(document: DocumentType, header: Header) -> Table:
    """Issuing body and number at left; national name, motto, place and date at right."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, HEADER_WIDTHS_CM)
    left, right = table.rows[0].cells
    paragraphs = iter([left.paragraphs[0]])
    if header.parent:
        _line(left, parent_line(header.parent), size=HEADER_PT, paragraph=next(paragraphs))
    for text in issuer_lines(header.issuer):
        _line(left, text, size=HEADER_PT, bold=True, paragraph=next(paragraphs, None))
    _rule(left, HEADER_WIDTHS_CM[0], HEADER_WIDTHS_CM[0] / 3)
    _line(right, NATIONAL_NAME, size=HEADER_PT, bold=True, paragraph=right.paragraphs[0])
    _line(right, MOTTO, size=BODY_PT, bold=True, underline=True)
    number, dated = table.rows[1].cells
    number_text = f"Số: {document_number(header.number) or ' ' * 8}/{header.symbol}"
    _line(number, number_text, size=HEADER_PT, paragraph=number.paragraphs[0])
    if header.day is not None:
        _line(
            dated,
            date_line(header.place, header.day),
            size=BODY_PT,
            italic=True,
            paragraph=dated.paragraphs[0],
        )
    for cell in (number, dated):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    _line(document, space_after=6)  # air between the heading block and the title
    return table


def add_title(document: DocumentType, kind: str, summary: Sequence[str] | str = ()) -> None:
    """The document type in capitals, bold, centred, then its summary in bold."""
    _line(document, upper(kind), size=BODY_PT, bold=True, space_after=0)
    lines = [summary] if isinstance(summary, str) else list(summary)
    for index, text in enumerate(lines):
        _line(
            document,
            text,
            size=BODY_PT,
            bold=True,
            space_after=12 if index == len(lines) - 1 else 0,
        )
    if not lines:
        _line(document, space_after=6)


def add_heading(document: DocumentType, text: str) -> Paragraph:
    """A section heading ("I. KẾT QUẢ ĐẠT ĐƯỢC"), bold, justified, indented like the body."""
    paragraph = add_paragraph(document, text)
    for run in paragraph.runs:
        run.font.bold = True
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_paragraph(
    document: DocumentType, text: str, *, bold: bool = False, italic: bool = False
) -> Paragraph:
    """Body text: 14 pt, justified, first line indented 1 cm, 6 pt after."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(nfc(text))
    run.font.size = Pt(BODY_PT)
    run.font.bold = bold
    run.font.italic = italic
    return paragraph


LEFT, CENTER, RIGHT = "left", "center", "right"
_ALIGN = {
    LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}


def add_table(
    document: DocumentType,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths_cm: Sequence[float],
    aligns: Sequence[str] | None = None,
    bold_last_row: bool = False,
    size: float = TABLE_PT,
) -> Table:
    """A bordered table in 13 pt: bold header repeated on every page, cells as given."""
    aligns = list(aligns or [LEFT] * len(headers))
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, widths_cm)
    header_row = table.rows[0]
    row_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_pr.append(repeat)
    for cell, text in zip(header_row.cells, headers, strict=True):
        _line(cell, text, size=size, bold=True, paragraph=cell.paragraphs[0])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for index, values in enumerate(rows, start=1):
        bold = bold_last_row and index == len(rows)
        for cell, text, align in zip(table.rows[index].cells, values, aligns, strict=True):
            _line(
                cell,
                str(text),
                size=size,
                bold=bold,
                align=_ALIGN[align],
                paragraph=cell.paragraphs[0],
            )
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _line(document, space_after=0)  # Word needs a paragraph between a table and what follows
    return table


@dataclass(frozen=True)
class Signature:
    authority: Sequence[str]  # e.g. ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    name: str


CLOSING_WIDTHS_CM = (8.0, 8.5)


def add_closing(
    document: DocumentType, *, recipients: Sequence[str], signature: Signature
) -> Table:
    """ "Nơi nhận:" (bold italic) and the list in 11 pt at left; the signature block at right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, CLOSING_WIDTHS_CM)
    left, right = table.rows[0].cells
    label = _line(
        left,
        "Nơi nhận:",
        size=RECIPIENTS_LABEL_PT,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        paragraph=left.paragraphs[0],
    )
    label.paragraph_format.space_before = Pt(6)
    for line in recipients:
        _line(left, line, size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    first = right.paragraphs[0]
    for index, line in enumerate(signature.authority):
        paragraph = _line(
            right, upper(line), size=BODY_PT, bold=True, paragraph=first if index == 0 else None
        )
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(6)
    for _blank in range(4):  # room for the signature and the seal
        _line(right, size=BODY_PT)
    _line(right, signature.name, size=BODY_PT, bold=True)
    _keep_together(table)
    return table


def _keep_together(table: Table) -> None:
    """The signature block never splits across pages: its row may not break (w:cantSplit)
    and each paragraph keeps with the next, so the signer's name stays under the title."""
    for row in table.rows:
        row_pr = row._tr.get_or_add_trPr()
        if row_pr.find(qn("w:cantSplit")) is None:
            cant_split = OxmlElement("w:cantSplit")
            cant_split.set(qn("w:val"), "true")
            row_pr.insert(0, cant_split)
        for cell in row.cells:
            for paragraph in cell.paragraphs[:-1]:
                paragraph.paragraph_format.keep_with_next = True
