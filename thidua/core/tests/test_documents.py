"""The official document layout helpers (Nghị định 30/2020/NĐ-CP)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from thidua.core import documents


@pytest.mark.parametrize(
    "value,decimals,text",
    [
        (1_250_000_000, 0, "1.250.000.000"),
        (Decimal("999"), 0, "999"),
        (0, 0, "0"),
        (Decimal("12.45"), 1, "12,5"),
        (Decimal("1234.5"), 1, "1.234,5"),
        (-1500, 0, "-1.500"),
        (None, 0, ""),
    ],
)
def test_numbers_group_thousands_with_dots(value, decimals, text):
    assert documents.vn_number(value, decimals) == text


@pytest.mark.parametrize(
    "day,text",
    [
        (date(2024, 9, 5), "ngày 05 tháng 9 năm 2024"),
        (date(2025, 1, 15), "ngày 15 tháng 01 năm 2025"),
        (date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
    ],
)
def test_dates_pad_days_below_ten_and_january_and_february(day, text):
    assert documents.vn_date_text(day) == text


@pytest.mark.parametrize(
    "number,text",
    [(1, "01"), ("1", "01"), (9, "09"), (10, "10"), (125, "125"), ("", ""), ("12a", "12a")],
)
def test_document_numbers_below_10_take_a_leading_zero_nd30_2020_appendix_i(number, text):
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.3(c): "Số: 01/QĐ-UBND"."""
    assert documents.document_number(number) == text


def test_header_prints_so_01_qd_ubnd_nd30_2020_appendix_i():
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.3(c): the number of the first
    decision of the year is printed "Số: 01/QĐ-UBND" in the header."""
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer="Ủy ban nhân dân huyện Trạm Tấu",
            place="Trạm Tấu",
            day=date(2025, 6, 15),
            symbol="QĐ-UBND",
            number="1",
        ),
    )
    number = document.tables[0].rows[1].cells[0]
    assert number.text == "Số: 01/QĐ-UBND"
    assert documents.number_and_symbol(1, "QĐ-UBND") == "01/QĐ-UBND"


@pytest.mark.parametrize(
    "name,place",
    [
        ("Huyện Trạm Tấu", "Trạm Tấu"),
        ("Xã Bản Mù", "Bản Mù"),
        ("Thị trấn Trạm Tấu", "Trạm Tấu"),
        ("Thành phố Yên Bái", "Yên Bái"),
        ("Tỉnh Yên Bái", "Yên Bái"),
        ("Nghĩa Lộ", "Nghĩa Lộ"),
    ],
)
def test_place_drops_the_kind_of_unit(name, place):
    assert documents.place_of(name) == place


def test_date_line():
    assert documents.date_line("Trạm Tấu", date(2024, 9, 5)) == "Trạm Tấu, ngày 05 tháng 9 năm 2024"


def test_issuing_body_breaks_after_its_kind_and_the_parent_is_abbreviated():
    assert documents.issuer_lines("Ủy ban nhân dân xã Bản Mù") == ["ỦY BAN NHÂN DÂN", "XÃ BẢN MÙ"]
    assert documents.issuer_lines("Phòng Nội vụ") == ["PHÒNG NỘI VỤ"]
    assert documents.parent_line("Ủy ban nhân dân tỉnh Yên Bái") == "UBND TỈNH YÊN BÁI"
    assert documents.parent_line("Sở Nội vụ") == "SỞ NỘI VỤ"


def test_signature_on_behalf_of_the_committee_or_by_a_deputy():
    assert documents.signature_authority("Chủ tịch") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert documents.signature_authority("Phó Chủ tịch") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def _build() -> Document:
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer="Ủy ban nhân dân huyện Trạm Tấu",
            parent="Ủy ban nhân dân tỉnh Yên Bái",
            place="Trạm Tấu",
            day=date(2024, 9, 5),
            symbol="BC-UBND",
        ),
    )
    documents.add_title(document, "Báo cáo", "Sơ kết phong trào thi đua đặc biệt")
    documents.add_heading(document, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    documents.add_paragraph(document, "Nội dung báo cáo.")
    documents.add_table(
        document,
        ["STT", "Xã, thị trấn", "Giá trị"],
        [["1", "Xã Bản Mù", "1.250"], ["", "Tổng cộng", "1.250"]],
        widths_cm=(1.2, 10.0, 5.0),
        aligns=[documents.CENTER, documents.LEFT, documents.RIGHT],
        bold_last_row=True,
    )
    documents.add_closing(
        document,
        recipients=["- Sở Nội vụ;", "- Lưu: VT, PNV."],
        signature=documents.Signature(
            authority=documents.signature_authority("Chủ tịch"), name="Vũ Lê Chung Anh"
        ),
    )
    return Document(BytesIO(documents.document_bytes(document)))


def _runs(cell_or_doc):
    return [run for paragraph in cell_or_doc.paragraphs for run in paragraph.runs]


def test_page_is_a4_with_official_margins_and_times_new_roman():
    document = _build()
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(20)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.1)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)
    assert abs(section.right_margin - Mm(15)) < Mm(0.1)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)


def test_header_names_the_issuer_under_its_parent_and_the_national_motto():
    header = _build().tables[0]
    left, right = header.rows[0].cells
    parent, body, place = (p for p in left.paragraphs if p.text)
    assert parent.text == "UBND TỈNH YÊN BÁI" and not parent.runs[0].bold
    assert (body.text, place.text) == ("ỦY BAN NHÂN DÂN", "HUYỆN TRẠM TẤU")
    assert body.runs[0].bold and place.runs[0].bold
    national, motto = (p for p in right.paragraphs if p.text)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and national.runs[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert motto.runs[0].bold and motto.runs[0].underline
    number, dated = header.rows[1].cells
    assert number.text.startswith("Số:") and number.text.endswith("/BC-UBND")
    assert dated.text == "Trạm Tấu, ngày 05 tháng 9 năm 2024"
    assert dated.paragraphs[0].runs[0].italic


def test_title_and_body():
    document = _build()
    texts = [p for p in document.paragraphs if p.text]
    title, summary = texts[0], texts[1]
    assert title.text == "BÁO CÁO" and title.runs[0].bold
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text == "Sơ kết phong trào thi đua đặc biệt" and summary.runs[0].bold
    body = next(p for p in texts if p.text == "Nội dung báo cáo.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent is not None
    assert body.runs[0].font.size == Pt(14)


def test_table_is_13_pt_with_a_bold_header_and_total():
    table = _build().tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Xã, thị trấn", "Giá trị"]
    assert all(run.bold for cell in table.rows[0].cells for run in _runs(cell))
    assert all(run.font.size == Pt(13) for row in table.rows for c in row.cells for run in _runs(c))
    assert all(run.bold for cell in table.rows[-1].cells for run in _runs(cell))
    assert not any(run.bold for cell in table.rows[1].cells for run in _runs(cell))
    assert table.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_closing_has_the_distribution_list_and_the_signature():
    closing = _build().tables[-1]
    left, right = closing.rows[0].cells
    label = left.paragraphs[0].runs[0]
    assert label.text == "Nơi nhận:" and label.bold and label.italic
    assert label.font.size == Pt(12)
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in recipients] == ["- Sở Nội vụ;", "- Lưu: VT, PNV."]
    assert all(p.runs[0].font.size == Pt(11) for p in recipients)
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vũ Lê Chung Anh"]
    assert all(run.bold for run in _runs(right))
