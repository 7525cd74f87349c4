"""Page breaks of issued documents: the signature block never splits across pages and a long
table repeats its header row. Checked in the .docx and, when LibreOffice is installed, in the
PDF it makes (read back with pypdf)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from thidua.core import documents, pdf

SIGNER = "Nguyễn Văn Chủ"
LAST_BODY_LINE = "Cuối phần thân quyết định."


def _decision(padding: int, annex_rows: int = 0) -> bytes:
    """A decision whose body is padded with ``padding`` lines, then its signature block."""
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer="Ủy ban nhân dân huyện Trạm Tấu",
            place="Trạm Tấu",
            day=date(2025, 6, 15),
            symbol="QĐ-UBND",
        ),
    )
    documents.add_title(document, "Quyết định", "Về việc khen thưởng")
    for number in range(1, padding + 1):
        documents.add_paragraph(document, f"Dòng đệm số {number}.")
    documents.add_paragraph(document, LAST_BODY_LINE)
    documents.add_closing(
        document,
        recipients=["- Như Điều 3;", "- Lưu: VT, NV."],
        signature=documents.Signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], SIGNER),
    )
    if annex_rows:
        document.add_page_break()
        documents.add_table(
            document,
            ["STT", "Họ và tên / Tên tập thể", "Hình thức"],
            [[str(n), f"Người số {n}", "Giấy khen"] for n in range(1, annex_rows + 1)],
            widths_cm=(1.5, 9.0, 6.0),
        )
    return documents.document_bytes(document)


def _pages(data: bytes) -> list[str]:
    if pdf.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    return [page.extract_text() for page in PdfReader(BytesIO(pdf.docx_to_pdf(data))).pages]


def test_the_signature_row_cannot_break_and_its_lines_keep_together():
    document = Document(BytesIO(_decision(0)))
    closing = document.tables[-1]
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    signature = closing.rows[0].cells[1].paragraphs
    assert signature[-1].text == SIGNER
    assert all(p.paragraph_format.keep_with_next for p in signature[:-1])


def test_the_signer_stays_on_the_page_of_the_title_at_a_page_break():
    pushed = 0
    # Paddings around the place where the block reaches the bottom of page 1 (measured:
    # without the fix, 21-23 lines leave the signer's name alone on page 2).
    for padding in (21, 22, 23):
        pages = _pages(_decision(padding))
        title_page = next(i for i, text in enumerate(pages) if "CHỦ TỊCH" in text)
        name_page = next(i for i, text in enumerate(pages) if SIGNER in text)
        assert name_page == title_page, padding
        body_page = next(i for i, text in enumerate(pages) if LAST_BODY_LINE in text)
        pushed += title_page > body_page
    assert pushed, "no padding put the signature block at a page break"


def test_a_two_page_annex_repeats_its_header():
    pages = _pages(_decision(0, annex_rows=60))
    annex = [text for text in pages if "Người số" in text]
    assert len(annex) >= 2
    for text in annex:
        assert "Họ và tên / Tên tập thể" in text
