"""The issued documents: the decision with its annex and the proposal with its quota, as
.docx (python-docx reads them back) and, once, as PDF through LibreOffice (pypdf reads it)."""

from __future__ import annotations

import shutil
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from thidua.awards.documents.decisions import (
    Row,
    award_phrase,
    committee_name,
    movement_phrase,
    recipients_phrase,
)
from thidua.awards.models import DecisionKind
from thidua.awards.services.decisions import decision_sign, render_docx
from thidua.awards.services.quotas import quota_set
from thidua.awards.tests.test_decisions import (  # noqa: F401 - fixtures
    JUNE,
    _no_libreoffice,
    _vietnamese,
    draft,
    form,
    movement_fixture,
    passed,
    person,
    reference_fixture,
)
from thidua.core import pdf
from thidua.core.errors import ApplicationError
from thidua.testing import UnitFactory

pytestmark = pytest.mark.django_db

TITLE = "Phát động phong trào thi đua đặc biệt chào mừng Đại hội Đảng bộ các cấp"


@pytest.fixture
def named(world):
    """The world's units with the names the documents print."""
    world.district.name = "Huyện Trạm Tấu"
    world.district.full_name = "Ủy ban nhân dân huyện Trạm Tấu"
    world.district.save()
    world.province.name = "Tỉnh Yên Bái"
    world.province.full_name = "Ủy ban nhân dân tỉnh Yên Bái"
    world.province.save()
    return world


def _text(data: bytes) -> tuple[str, list[list[str]]]:
    document = Document(BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = []
    for table in document.tables:
        for row in table.rows:
            cells.append([cell.text for cell in row.cells])
    text = "\n".join(paragraphs + [" | ".join(row) for row in cells])
    return text, cells


def _decision(named, movement):
    movement.title = TITLE
    movement.document_number = "188/KH-UBND"
    movement.document_date = date(2024, 10, 5)
    movement.save()
    nominations = [
        passed(
            named,
            movement,
            code="lao_dong_tien_tien",
            who=person(named.commune_a, "Giàng A Páo", "Chủ tịch Hội Nông dân xã"),
        ),
        passed(named, movement, code="tap_the_lao_dong_tien_tien", unit=named.village_a1),
        passed(named, movement, code="giay_khen_huyen", unit=named.commune_b),
    ]
    return draft(named, movement, nominations, day=JUNE)


def test_the_signed_decision_has_its_number_articles_and_annex(named, movement):
    signed = decision_sign(actor=named.chairman, decision=_decision(named, movement))
    with signed.docx.open("rb") as handle:
        text, cells = _text(handle.read())
    assert "Số: 01/QĐ-UBND" in text
    assert "ỦY BAN NHÂN DÂN" in text and "HUYỆN TRẠM TẤU" in text
    assert "Trạm Tấu, ngày 15 tháng 6 năm 2025" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert (
        "Căn cứ Kế hoạch số 188/KH-UBND ngày 05/10/2024 của Ủy ban nhân dân huyện Trạm Tấu "
        "về việc phát động phong trào thi đua đặc biệt chào mừng Đại hội Đảng bộ các cấp;"
    ) in text
    assert "Theo đề nghị của Trưởng phòng Nội vụ." in text
    assert (
        "Điều 1. Khen thưởng cho 2 tập thể và 1 cá nhân có tên trong danh sách kèm theo (danh "
        "hiệu thi đua, hình thức khen thưởng của từng tập thể, cá nhân ghi tại danh sách), đã có "
        "thành tích xuất sắc trong Phong trào thi đua đặc biệt chào mừng Đại hội Đảng bộ các cấp."
    ) in text
    assert "Điều 2." in text and "tổng số tiền 2.590.000 đồng" in text
    assert "chưa gồm 1 trường hợp chưa có mức tiền thưởng" in text
    assert "Quỹ Thi đua, khen thưởng của huyện Trạm Tấu" in text
    assert "Điều 3." in text and "chịu trách nhiệm thi hành Quyết định này./." in text
    assert "Nơi nhận:" in text and "- Như Điều 3;" in text and "- Lưu: VT, NV." in text
    # A decision of award is the chairman's own: "CHỦ TỊCH", then the name.
    assert "CHỦ TỊCH" in text and "Nguyễn Văn Chủ" in text and "TM. ỦY BAN NHÂN DÂN" not in text
    # The annex.
    assert "DANH SÁCH" in text
    assert (
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 15/06/2025 của Chủ tịch Ủy ban nhân dân huyện Trạm Tấu)"
        in text
    )
    header = next(row for row in cells if row[0] == "STT")
    assert header == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị",
        "Hình thức",
        "Số tiền (đồng)",
    ]
    rows = {row[1]: row for row in cells if row[0].isdigit()}
    assert rows["Giàng A Páo"][2:] == [
        "Chủ tịch Hội Nông dân xã, Xã A",
        "Lao động tiên tiến",
        "710.000",
    ]
    assert rows["Thôn A1"][3:] == ["Tập thể lao động tiên tiến", "1.880.000"]
    assert rows["Xã B"][4] == "Chưa có mức"
    assert ["", "Tổng cộng", "", "", "2.590.000"] in cells
    assert ["", "I. TẬP THỂ", "", "", ""] in cells and ["", "II. CÁ NHÂN", "", "", ""] in cells


def test_a_draft_preview_has_no_number(named, movement):
    text, _cells = _text(render_docx(_decision(named, movement)))
    assert "Số:         /QĐ-UBND" in text
    assert "(Kèm theo Quyết định số" in text


def test_the_proposal_states_the_quota_and_the_list(named, movement):
    quota_set(
        actor=named.home_affairs,
        movement=movement,
        unit=named.district,
        award_form=form("bang_khen_tinh"),
        allocated=3,
        document_reference="Công văn số 123/UBND-NC ngày 05/09/2025",
    )
    nominations = [
        passed(named, movement, code="bang_khen_tinh", unit=named.commune_a),
        passed(
            named,
            movement,
            code="bang_khen_tinh",
            who=person(named.commune_b, "Sùng Thị Dở", "Công chức Tư pháp"),
        ),
    ]
    proposal = draft(named, movement, nominations, kind=DecisionKind.PROPOSAL)
    signed = decision_sign(actor=named.chairman, decision=proposal)
    with signed.docx.open("rb") as handle:
        text, cells = _text(handle.read())
    assert "Số: 01/TTr-UBND" in text
    assert "TỜ TRÌNH" in text
    assert "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Yên Bái." in text
    assert (
        "Ủy ban nhân dân huyện Trạm Tấu kính trình Chủ tịch Ủy ban nhân dân tỉnh Yên Bái xem "
        "xét, tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 1 tập thể và 1 cá nhân"
    ) in text
    assert (
        "nằm trong chỉ tiêu được tỉnh phân bổ tại Công văn số 123/UBND-NC ngày 05/09/2025: "
        "phân bổ 3, đã đề nghị (kể cả Tờ trình này) 2, còn lại 1."
    ) in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert (
        "(Kèm theo Tờ trình số 01/TTr-UBND ngày 15/06/2025 của Ủy ban nhân dân huyện Trạm Tấu)"
        in text
    )
    names = [row[1] for row in cells if row[0].isdigit()]
    assert names == ["Xã A", "Sùng Thị Dở"]


def test_wording_helpers():
    unit = UnitFactory.build(name="Xã Bản Công", full_name="")
    assert committee_name(unit) == "Ủy ban nhân dân xã Bản Công"
    assert movement_phrase("Phát động phong trào thi đua X.") == "Phong trào thi đua X"
    assert movement_phrase("Thi đua X") == "Phong trào thi đua X"
    rows = [
        Row("A", "", "Giấy khen", False, "collective"),
        Row("B", "", "Giấy khen", False, "individual"),
        Row("C", "", "Giấy khen", False, "household"),
    ]
    assert recipients_phrase(rows) == "1 tập thể, 1 cá nhân và 1 hộ gia đình"
    assert award_phrase(rows) == "Tặng Giấy khen"
    mixed = [*rows, Row("D", "", "Lao động tiên tiến", True, "individual")]
    assert award_phrase(mixed) == "Khen thưởng"
    assert award_phrase([Row("A", "", "Lao động tiên tiến", True, "individual")]) == (
        "Công nhận danh hiệu Lao động tiên tiến"
    )


# --- PDF ------------------------------------------------------------------------------


def test_missing_libreoffice_is_a_clear_error(monkeypatch):
    monkeypatch.undo()  # the real converter, without LibreOffice
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with pytest.raises(ApplicationError, match="chưa cài LibreOffice"):
        pdf.docx_to_pdf(b"")


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_libreoffice_makes_the_pdf_in_liberation_serif(named, movement, monkeypatch):
    monkeypatch.undo()  # the real conversion, this once
    from thidua.core import pdf as real

    assert real.docx_to_pdf.__module__ == "thidua.core.pdf"
    signed = decision_sign(actor=named.chairman, decision=_decision(named, movement))
    assert signed.pdf, signed.pdf_error
    with signed.pdf.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "QUYẾT ĐỊNH" in text
    assert "01/QĐ-UBND" in text
    assert "Giàng A Páo" in text
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("LiberationSerif" in name for name in fonts), fonts
