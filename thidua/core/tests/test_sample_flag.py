"""Demo data is flagged «(mẫu)» / «(dữ liệu mẫu)» on pages; an issued document or a
download's file name never carries the flag."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document

from thidua.core import documents
from thidua.core.http import download
from thidua.core.text import without_sample_flag


def test_the_flag_is_removed_in_both_spellings():
    assert without_sample_flag("Lò Thị Hoa (mẫu)") == "Lò Thị Hoa"
    assert without_sample_flag("Thôn 1, Xã A (dữ liệu mẫu), huyện") == "Thôn 1, Xã A, huyện"
    assert without_sample_flag("Mẫu số 01 (kèm theo)") == "Mẫu số 01 (kèm theo)"


def test_a_document_prints_no_sample_flag():
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer="Ủy ban nhân dân xã Bản Mù (mẫu)",
            place="Bản Mù",
            day=date(2025, 6, 15),
            symbol="QĐ-UBND",
        ),
    )
    documents.add_paragraph(document, "Tặng Giấy khen cho Nhà văn hóa Thôn 2 (mẫu).")
    documents.add_table(document, ["Tên"], [["Xã A (dữ liệu mẫu)"]], widths_cm=(16.5,))
    documents.add_closing(
        document,
        recipients=["- Như Điều 3;"],
        signature=documents.Signature(["CHỦ TỊCH"], "Sùng A Lử (mẫu)"),
    )
    read = Document(BytesIO(documents.document_bytes(document)))
    text = "\n".join(p.text for p in read.paragraphs)
    for table in read.tables:
        for row in table.rows:
            text += "\n" + "\n".join(cell.text for cell in row.cells)
    assert "Nhà văn hóa Thôn 2." in text and "Sùng A Lử" in text and "BẢN MÙ" in text
    assert "mẫu" not in text.lower()


def test_a_download_name_has_no_sample_flag():
    response = download(b"x", "bien-ban Xã A (mẫu).docx")
    assert "m%E1%BA%AB" not in response["Content-Disposition"]
    assert "(" not in response["Content-Disposition"]
