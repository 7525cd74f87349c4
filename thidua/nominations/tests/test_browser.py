"""The nomination journey in Debian's Chromium at phone width: a commune proposes itself,
the Home Affairs Office returns it with a reason and accepts it after correction, publishes
the notice; a citizen comments on the public page and reads the office's answer."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from thidua.movements.tests.test_browser import login, logout
from thidua.nominations.models import Nomination, NominationStatus
from thidua.testing import launched_movement

from .helpers import award_forms, docx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_dossier_to_public_comment_at_phone_width(page: Page, live_server, world, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    award_forms()
    movement = launched_movement(world)
    base = live_server.url
    minutes = tmp_path / "bien-ban-hop-xet.docx"
    minutes.write_bytes(docx_bytes())

    # The commune picks itself as the candidate; the report is pre-filled.
    login(page, base, "canbo_a")
    page.goto(base + reverse("nominations:list", args=[movement.pk]))
    no_horizontal_scroll(page)
    page.get_by_test_id("create-link").click()
    page.locator(f'[data-candidate="u{world.commune_a.pk}"]').click()
    expect(page.get_by_label("Báo cáo thành tích", exact=True)).to_contain_text(
        "Tóm tắt thành tích: Xã A"
    )
    page.get_by_label("Hình thức khen thưởng").select_option(
        label="Giấy khen của Chủ tịch Ủy ban nhân dân huyện"
    )
    page.get_by_label("Biên bản họp xét của đơn vị (.docx hoặc .pdf)").set_input_files(str(minutes))
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Dự thảo")
    no_horizontal_scroll(page)
    page.get_by_role("button", name="Gửi Phòng Nội vụ kiểm tra").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Đã gửi kiểm tra")
    nomination = Nomination.objects.get()
    logout(page)

    # The office returns it with a reason, then accepts the corrected dossier.
    login(page, base, "noivu")
    page.goto(base + reverse("nominations:detail", args=[nomination.pk]))
    page.get_by_role("link", name="Trả lại để bổ sung").click()
    page.get_by_label("Lý do trả lại").fill("Bổ sung số liệu năm 2024.")
    page.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Trả lại để bổ sung")
    logout(page)

    login(page, base, "canbo_a")
    page.goto(base + reverse("nominations:detail", args=[nomination.pk]))
    expect(page.get_by_test_id("return-reason")).to_contain_text("Bổ sung số liệu năm 2024.")
    page.get_by_role("link", name="Chỉnh sửa", exact=True).click()
    page.get_by_label("Báo cáo thành tích", exact=True).fill(
        "Tóm tắt thành tích: năm 2024 vượt 100% chỉ tiêu."
    )
    page.get_by_role("button", name="Lưu và gửi lại").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Đã gửi kiểm tra")
    logout(page)

    login(page, base, "noivu")
    page.goto(base + reverse("nominations:detail", args=[nomination.pk]))
    page.get_by_role("button", name="Xác nhận hồ sơ hợp lệ").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Hợp lệ")
    expect(page.get_by_test_id("trail")).to_contain_text("Bổ sung số liệu năm 2024.")
    no_horizontal_scroll(page)
    page.goto(base + reverse("nominations:notice_create", args=[movement.pk]))
    page.get_by_label("Tiêu đề").fill("Công khai đợt 1")
    page.get_by_role("button", name="Công bố ngay").click()
    expect(page.get_by_test_id("notice-state")).to_have_text("Đang nhận ý kiến")
    public_url = page.get_by_test_id("public-link").get_attribute("href")
    logout(page)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ON_NOTICE

    # A citizen, without an account, sends a comment.
    page.goto(base + public_url)
    no_horizontal_scroll(page)
    expect(page.get_by_test_id("candidates")).to_contain_text("năm 2024 vượt 100% chỉ tiêu")
    page.get_by_label("Họ và tên").fill("Bà Lò Thị Hoa")
    page.get_by_label("Điện thoại hoặc thư điện tử (không bắt buộc)").fill("0911000111")
    page.get_by_label("Nội dung ý kiến").fill("Đề nghị làm rõ chỉ tiêu năm 2024 của xã.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Cảm ơn ông/bà đã gửi ý kiến")).to_be_visible()

    # The office answers; the public page shows the answer, never the phone number.
    login(page, base, "noivu")
    page.goto(base + reverse("nominations:notice_detail", args=[nomination.notice_id]))
    expect(page.get_by_test_id("unanswered")).to_be_visible()
    page.get_by_label("Trả lời", exact=True).fill("Xã đạt 102% chỉ tiêu, có báo cáo kèm theo.")
    page.get_by_role("button", name="Đăng câu trả lời").click()
    logout(page)
    page.goto(base + public_url)
    expect(page.get_by_test_id("answered")).to_contain_text("Xã đạt 102% chỉ tiêu")
    expect(page.get_by_text("0911000111")).to_have_count(0)
