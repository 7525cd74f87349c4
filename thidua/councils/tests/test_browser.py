"""The council's session in Debian's Chromium: the Home Affairs Office plans it (held on
20/06/2025, under Nghị định 98/2023/NĐ-CP Điều 30 khoản 7) and takes the roll call, members vote
on a 390 px phone, one member present does not vote, so the chair closes «Kết thúc khi chưa đủ
phiếu» with a reason; one nomination fails the 80% threshold while the other passes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from thidua.councils.models import BallotReceipt
from thidua.movements.tests.test_browser import login, logout
from thidua.nominations.models import NominationStatus

from .conftest import make_council, nominate, written

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_session_vote_and_close(page: Page, live_server, world, award_forms, movement):
    base = live_server.url
    board = make_council(world, size=5)
    chien_si = nominate(world, movement, award_forms["chien_si_thi_dua_co_so"], "Vũ Văn Chiến Sĩ")
    giay_khen = nominate(world, movement, award_forms["giay_khen_huyen"], "Lý Thị Giấy Khen")

    login(page, base, "noivu")
    page.goto(base + reverse("councils:sessions", args=[board.council.pk]))
    page.get_by_role("link", name="Lên lịch phiên họp").click()
    page.get_by_label("Ngày họp").fill("20/06/2025")
    page.get_by_label("Địa điểm").fill("Hội trường UBND huyện")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label(re.compile("Vũ Văn Chiến Sĩ")).check()
    page.get_by_label(re.compile("Lý Thị Giấy Khen")).check()
    page.get_by_role("button", name="Đưa vào chương trình").click()
    expect(page.get_by_text("Đã đưa vào chương trình: 2 hồ sơ.")).to_be_visible()
    session = board.council.sessions.get()
    # Roll call: the last member is absent.
    page.get_by_role("link", name="Điểm danh").click()
    page.get_by_label(re.compile(board.others[-1].full_name)).uncheck()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Bắt đầu biểu quyết").click()
    expect(page.get_by_test_id("presence")).to_have_text("4/5")
    logout(page)

    # Members vote on a phone: the chair and the secretary yes to both, hoidong no to the
    # first; the absent member's written vote says yes to the second only.
    page.set_viewport_size({"width": 390, "height": 844})
    for member, first in (
        (board.chair, "Đồng ý"),
        (board.secretary, "Đồng ý"),
        (board.member, "Không đồng ý"),
    ):
        login(page, base, member.user.username)
        page.goto(base + reverse("councils:my_sessions"))
        page.get_by_role("link", name="Biểu quyết").click()
        ballot = page.get_by_test_id("ballot-form")
        ballot.locator("li", has_text="Vũ Văn Chiến Sĩ").get_by_label(first, exact=True).check()
        ballot.locator("li", has_text="Lý Thị Giấy Khen").get_by_label("Đồng ý", exact=True).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.get_by_text(re.compile("Bạn đã biểu quyết lúc"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        logout(page)
    written(world, session, board.others[-1], {chien_si: False, giay_khen: True})
    assert BallotReceipt.objects.filter(item__session=session).count() == 8

    # The chair closes: 2/5 on the Chiến sĩ thi đua cơ sở fails ≥ 80%, 4/5 passes ≥ 50%.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, base, "chutich")
    page.goto(base + reverse("councils:session", args=[session.pk]))
    expect(page.get_by_test_id("ballot-count")).to_contain_text("4/5")
    page.get_by_role("link", name="Kết thúc phiên họp").click()
    # Ủy viên 1 is present and has not voted: the page names them and asks for the reason.
    expect(page.get_by_test_id("waiting")).to_contain_text(board.others[0].full_name)
    page.get_by_role("button", name="Kết thúc khi chưa đủ phiếu").click()
    expect(page.get_by_text("Hãy ghi lý do kết thúc khi chưa đủ phiếu")).to_be_visible()
    page.get_by_label("Lý do kết thúc khi chưa đủ phiếu").fill("Ủy viên 1 rời cuộc họp sớm.")
    page.get_by_role("button", name="Kết thúc khi chưa đủ phiếu").click()
    expect(page.get_by_test_id("early-close")).to_have_text("Ủy viên 1 rời cuộc họp sớm.")
    agenda = page.get_by_test_id("agenda")
    expect(agenda.locator("tr", has_text="Vũ Văn Chiến Sĩ")).to_contain_text("Không đạt")
    expect(agenda.locator("tr", has_text="Lý Thị Giấy Khen")).to_contain_text("Đạt")
    chien_si.refresh_from_db()
    giay_khen.refresh_from_db()
    assert chien_si.status == NominationStatus.REJECTED
    assert giay_khen.status == NominationStatus.PASSED
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên bản (.docx)").click()
    assert download.value.suggested_filename.endswith(".docx")
