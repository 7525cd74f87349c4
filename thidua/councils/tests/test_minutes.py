"""The minutes (biên bản) of a closed session: a real .docx with the layout's fixed parts,
attendance, written votes and the tallies."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from thidua.councils import documents as minutes
from thidua.councils import services
from thidua.councils.views.sessions import DOCX_CONTENT_TYPE

from .conftest import nominate, open_session, plan_session, vote, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_session(world, board, movement, award_forms):
    chien_si = nominate(world, movement, award_forms["chien_si_thi_dua_co_so"], "Vũ Văn Chiến Sĩ")
    giay_khen = nominate(world, movement, award_forms["giay_khen_huyen"], "Lý Thị Giấy Khen")
    session = plan_session(world, board, movement, [chien_si, giay_khen], place="Phòng họp số 1")
    services.session_update(
        actor=world.home_affairs,
        session=session,
        held_on=session.held_on,
        place=session.place,
        notes="Đề nghị Phòng Nội vụ hoàn thiện hồ sơ trình Chủ tịch.",
    )
    open_session(world, session, board.all[:7])
    for member in board.all[:6]:
        vote(session, member, {chien_si: True, giay_khen: True})
    vote(session, board.all[6], {chien_si: False, giay_khen: True})
    written(world, session, board.all[7], {chien_si: False, giay_khen: True})
    return services.session_close(actor=world.home_affairs, session=session)


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_minutes_open_and_hold_the_tallies(closed_session, board):
    document = Document(BytesIO(minutes.minutes_docx(closed_session)))
    text = _text(document)
    header = document.tables[0]
    assert "HUYỆN MẪU" in header.rows[0].cells[0].text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in header.rows[0].cells[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    assert "BB-HĐTĐKT" in header.rows[1].cells[0].text
    assert "BIÊN BẢN" in text
    assert "Họp Hội đồng Thi đua - Khen thưởng huyện Mẫu" in text
    assert "Địa điểm: Phòng họp số 1." in text
    assert "Tổng số thành viên Hội đồng: 9; có mặt: 7; vắng mặt: 2." in text
    assert f"Chủ trì: {board.chair.full_name}" in text
    assert f"- {board.all[7].full_name}" in text and "có phiếu biểu quyết bằng văn bản" in text
    assert f"- {board.all[8].full_name}" in text and "không có phiếu biểu quyết" in text
    assert "Số phiếu biểu quyết: 8 (tại cuộc họp: 7; bằng văn bản: 1)." in text
    assert "Đề nghị Phòng Nội vụ hoàn thiện hồ sơ trình Chủ tịch." in text

    results = document.tables[1]
    assert [c.text for c in results.rows[0].cells] == [
        "STT",
        "Tập thể, cá nhân được đề nghị",
        "Hình thức khen thưởng",
        "Đồng ý",
        "Không đồng ý",
        "Tỷ lệ đồng ý",
        "Tỷ lệ yêu cầu",
        "Kết quả",
    ]
    rows = [[c.text for c in row.cells] for row in results.rows[1:]]
    assert rows == [
        [
            "1",
            "Vũ Văn Chiến Sĩ (Xã A)",
            "Chiến sĩ thi đua cơ sở",
            "6",
            "2",
            "66,7%",
            "≥ 80% tổng số thành viên",
            "Không đạt",
        ],
        [
            "2",
            "Lý Thị Giấy Khen (Xã A)",
            "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
            "8",
            "0",
            "88,9%",
            "≥ 50% tổng số thành viên",
            "Đạt",
        ],
    ]
    assert "Hội đồng thống nhất: 1 trường hợp đạt" in text
    # Each threshold's source: the decree for a session held until 30/06/2025, the council's
    # own rules otherwise.
    assert "Căn cứ tỷ lệ yêu cầu:" in text
    assert "- Chiến sĩ thi đua cơ sở: Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in text
    assert "- Giấy khen của Chủ tịch Ủy ban nhân dân huyện: theo quy chế của huyện Mẫu (" in text
    signatures = document.tables[-1].rows[0].cells
    assert "THƯ KÝ" in signatures[0].text and board.secretary.full_name in signatures[0].text
    assert "CHỦ TỌA" in signatures[1].text and board.chair.full_name in signatures[1].text


def test_minutes_download_only_after_closing_for_those_who_run_or_sat_in_it(
    client, world, board, closed_session
):
    url = reverse("councils:minutes", args=[closed_session.pk])
    client.force_login(board.secretary.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "bien-ban-hop-hoi-dong-" in response["Content-Disposition"]
    Document(BytesIO(response.content))  # opens
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 404


def test_no_minutes_before_closing(client, world, board, movement, award_forms):
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Chưa Xong")
    session = plan_session(world, board, movement, [nomination])
    client.force_login(world.home_affairs)
    assert client.get(reverse("councils:minutes", args=[session.pk])).status_code == 404
