"""User journeys of the foundation issue, in Debian's Chromium through Playwright."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from thidua.movements import services
from thidua.movements.models import Movement, MovementStatus, PlanStatus, UnitPlan
from thidua.testing import PASSWORD, MovementFactory
from thidua.testing import files as testing_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = testing_files.PDF  # a real PDF: uploads are checked by content


def login(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("logout").replace("dang-xuat/", "dang-nhap/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def logout(page: Page) -> None:
    page.context.clear_cookies()


def test_home_affairs_creates_and_chairman_launches(page: Page, live_server, world, tmp_path):
    signed = tmp_path / "ke-hoach.pdf"
    signed.write_bytes(PDF)
    base = live_server.url
    login(page, base, "noivu")
    page.get_by_role("link", name="Phong trào", exact=True).first.click()
    page.get_by_role("link", name="Phong trào mới").click()
    page.get_by_label("Tên phong trào").fill("Phong trào thi đua chào mừng Đại hội (thử)")
    page.get_by_label("Người ký", exact=True).fill("Vũ Lê Chung Anh")
    page.get_by_label("Căn cứ: số").fill("188/KH-UBND")
    page.get_by_label("Căn cứ: ngày").fill("30/08/2024")
    page.get_by_label("Căn cứ: cơ quan ban hành").fill("Ủy ban nhân dân tỉnh Yên Bái")
    page.get_by_label("Mục đích").fill("Động viên cán bộ và Nhân dân")
    page.get_by_label("Yêu cầu").fill("Triển khai sâu rộng")
    page.get_by_label("Chủ đề").fill("Chung sức thi đua")
    page.get_by_label("Mục tiêu").fill("Hoàn thành vượt mức chỉ tiêu")
    page.get_by_label("Khẩu hiệu").fill("Thi đua lập thành tích")
    page.get_by_label("Ngày bắt đầu").fill("01/10/2024")
    page.get_by_label("Ngày kết thúc").fill("31/12/2025")
    page.get_by_label("Hạn đăng ký công trình, phần việc").fill("25/10/2024")
    page.locator("#id_areas-0-content").fill("Đẩy mạnh cải cách hành chính")
    page.locator("#id_areas-0-target").fill("PAR Index và SIPAS tăng ít nhất 1 bậc so với năm 2023")
    page.get_by_label("Nơi nhận").fill("- Sở Nội vụ;\n- Lưu: VT, PNV.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Dự thảo")
    movement = Movement.objects.get()
    assert movement.work_minimum_for("commune") == 2
    # The Home Affairs officer cannot launch; the chairman does.
    expect(page.get_by_role("link", name="Phát động")).to_have_count(0)
    logout(page)
    login(page, base, "chutich")
    page.goto(base + reverse("movements:detail", args=[movement.pk]))
    page.get_by_role("link", name="Phát động").click()
    page.get_by_label("Số kế hoạch").fill("12/KH-UBND")
    page.get_by_label("Ngày ban hành kế hoạch").fill("05/09/2024")
    page.get_by_label("Kế hoạch đã ký (.pdf hoặc .docx)").set_input_files(str(signed))
    page.get_by_role("button", name="Xác nhận phát động").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Đã phát động")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED
    assert movement.document_number == "12/KH-UBND" and movement.signed_file
    assert UnitPlan.objects.filter(movement=movement).count() >= 5
    # The history names who did what.
    expect(page.locator("#history")).to_contain_text("Cán bộ")


def test_commune_submits_plan_and_home_affairs_sees_it_issued(
    page: Page, live_server, world, tmp_path
):
    movement = services.movement_launch(
        actor=world.chairman, movement=MovementFactory(issuing_unit=world.district)
    )
    signed = tmp_path / "ke-hoach-xa-a.pdf"
    signed.write_bytes(PDF)
    base = live_server.url
    login(page, base, "canbo_a")
    page.get_by_role("link", name="Ban hành kế hoạch của Xã A").click()
    page.get_by_label("Số văn bản").fill("15/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("12/10/2024")
    page.get_by_label("Chủ đề").fill("Xã A thi đua lập thành tích")
    page.get_by_label("Mục tiêu").fill("Hoàn thành 100% chỉ tiêu")
    page.get_by_label("Nội dung").fill("Làm đường bê tông thôn A1")
    page.get_by_label("Tiêu chí").fill("Theo mục II.7")
    page.get_by_label("Kế hoạch đã ký (.pdf hoặc .docx)").set_input_files(str(signed))
    page.get_by_role("button", name="Nộp kế hoạch").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã ban hành")
    assert UnitPlan.objects.get(movement=movement, unit=world.commune_a).status == PlanStatus.ISSUED
    logout(page)
    login(page, base, "noivu")
    page.goto(base + reverse("movements:plan_monitor", args=[movement.pk]))
    expect(page.get_by_test_id("count-issued")).to_have_text("1")
    expect(page.get_by_test_id("count-pending")).to_have_text("4")
    page.get_by_label("Trạng thái").select_option("issued")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Xã A")
    expect(rows.first).to_contain_text("Đã ban hành")


def test_commune_a_officer_cannot_open_commune_b_plan(page: Page, live_server, world):
    movement = services.movement_launch(
        actor=world.chairman, movement=MovementFactory(issuing_unit=world.district)
    )
    plan_b = UnitPlan.objects.get(movement=movement, unit=world.commune_b)
    base = live_server.url
    login(page, base, "canbo_a")
    response = page.goto(base + reverse("movements:plan_detail", args=[plan_b.pk]))
    assert response.status == 404
    response = page.goto(base + reverse("movements:plan_submit", args=[plan_b.pk]))
    assert response.status == 404
    # And over the plain URL, without the browser's session flow.
    plain = page.request.get(base + reverse("movements:plan_file", args=[plan_b.pk]))
    assert plain.status == 404
