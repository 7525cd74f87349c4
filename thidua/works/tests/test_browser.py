"""User journeys of the works issue, in Debian's Chromium through Playwright."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from thidua.movements.tests.test_browser import login, logout
from thidua.testing import WorkFactory, launched_movement
from thidua.works.models import FlagshipWork, RegistrationStatus, ReminderRecipient, Work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register_by_form(page: Page, name: str, value: str, expected: str = "30/06/2025") -> None:
    page.get_by_role("link", name="Đăng ký công trình, phần việc").click()
    page.get_by_label("Công trình", exact=True).check()
    page.get_by_label("Tên công trình, phần việc").fill(name)
    page.get_by_label("Khối lượng").fill("1,5 km")
    page.get_by_label("Địa điểm thi công").fill("Thôn A1")
    page.get_by_label("Giá trị dự kiến (đồng)").fill(value)
    page.get_by_label("Nguồn kinh phí").select_option(label="Lồng ghép nhiều nguồn")
    page.get_by_label("Thời gian dự kiến hoàn thành").fill(expected)
    page.get_by_role("button", name="Đăng ký", exact=True).click()


def compliance_row(page: Page, unit: str):
    table = page.get_by_test_id("compliance-table")
    return table.locator("tr", has=page.get_by_role("link", name=unit, exact=True))


def test_commune_registers_by_form_and_home_affairs_follows_up(page: Page, live_server, world):
    today = timezone.localdate()
    movement = launched_movement(
        world,
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=400),
        registration_deadline=today + timedelta(days=20),
    )
    base = live_server.url
    # Home Affairs first sees Xã A with nothing registered.
    login(page, base, "noivu")
    page.goto(base + reverse("works:compliance", args=[movement.pk]))
    expect(page.get_by_test_id("count-not_registered")).to_have_text("5")
    logout(page)

    login(page, base, "canbo_a")
    page.goto(base + reverse("movements:detail", args=[movement.pk]))
    page.get_by_test_id("works-link").click()
    # A missing fact is refused by name, and nothing is saved.
    page.get_by_role("link", name="Đăng ký công trình, phần việc").click()
    page.get_by_label("Tên công trình, phần việc").fill("Thiếu thông tin")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Kế hoạch yêu cầu mọi đăng ký phải có «Khối lượng».")).to_be_visible()
    assert not Work.objects.exists()
    page.get_by_role("link", name="Công trình, phần việc").first.click()
    register_by_form(page, "Đường bê tông nội thôn A1", "1200000000", "30/06/2027")
    expect(page.get_by_test_id("work-status")).to_contain_text("Đã đăng ký")
    expect(page.get_by_text("1.200.000.000")).to_be_visible()
    page.get_by_role("link", name="Công trình, phần việc").first.click()
    register_by_form(page, "Nhà văn hóa thôn A2", "450000000", "30/06/2027")
    page.get_by_role("link", name="Công trình, phần việc").first.click()
    expect(page.get_by_test_id("count-registered")).to_have_text("2")
    logout(page)

    # The compliance list now counts Xã A as compliant; the villages still lag.
    login(page, base, "noivu")
    page.goto(base + reverse("works:compliance", args=[movement.pk]))
    expect(page.get_by_test_id("count-not_registered")).to_have_text("4")
    row = compliance_row(page, "Xã A")
    expect(row).to_contain_text("Đạt yêu cầu")
    # Remind Xã B, which has registered nothing.
    page.get_by_role("checkbox", name="Xã B").check()
    page.get_by_test_id("remind-selected").click()
    expect(page.get_by_test_id("reminder-recipients")).to_contain_text("Xã B")
    page.get_by_label("Nội dung").fill("Đề nghị xã khẩn trương đăng ký trước ngày 25/10.")
    page.get_by_role("button", name="Gửi đôn đốc").click()
    expect(page.get_by_text("Đã gửi đôn đốc đến 1 đơn vị.")).to_be_visible()
    row = compliance_row(page, "Xã B")
    expect(row).to_contain_text("1 lần")
    logout(page)

    # The commune's officer sees the reminder on the home page and marks it read.
    login(page, base, "canbo_b")
    expect(page.get_by_test_id("home-reminders")).to_contain_text("Đôn đốc đăng ký")
    page.get_by_role("link", name="Đôn đốc", exact=True).first.click()
    expect(page.get_by_test_id("my-reminder")).to_contain_text("khẩn trương đăng ký")
    page.get_by_role("button", name="Đánh dấu đã xem").click()
    expect(page.get_by_text("Đã đánh dấu đã xem.")).to_be_visible()
    assert ReminderRecipient.objects.get().acknowledged_by.username == "canbo_b"


def test_village_registers_and_commune_accepts(page: Page, live_server, world):
    movement = launched_movement(world)
    base = live_server.url
    login(page, base, "thon_a1")
    page.goto(base + reverse("works:list", args=[movement.pk]))
    register_by_form(page, "Đường nội đồng thôn A1", "300000000")
    expect(page.get_by_test_id("work-status")).to_contain_text("Chờ xã tiếp nhận")
    logout(page)
    login(page, base, "canbo_a")
    page.get_by_test_id("home-awaiting").get_by_role("link", name="Đường nội đồng thôn A1").click()
    page.get_by_role("link", name="Trả lại").click()
    page.get_by_label("Lý do").fill("Bổ sung khối lượng cụ thể")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_test_id("work-status")).to_contain_text("Bị trả lại")
    logout(page)
    login(page, base, "thon_a1")
    work = Work.objects.get()
    page.goto(base + reverse("works:detail", args=[work.pk]))
    expect(page.get_by_text("Bổ sung khối lượng cụ thể").first).to_be_visible()
    page.get_by_role("link", name="Bổ sung và đăng ký").click()
    page.get_by_label("Khối lượng").fill("600 m, rộng 2,5 m")
    page.get_by_role("button", name="Gửi lại").click()
    logout(page)
    login(page, base, "canbo_a")
    page.goto(base + reverse("works:detail", args=[work.pk]))
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_test_id("work-status")).to_contain_text("Đã đăng ký")
    work.refresh_from_db()
    assert work.status == RegistrationStatus.REGISTERED


def test_district_marks_two_flagship_works(page: Page, live_server, world):
    movement = launched_movement(world)
    big = WorkFactory(
        movement=movement, unit=world.commune_a, name="Cầu treo xã A", estimated_value=5_000_000_000
    )
    hall = WorkFactory(
        movement=movement,
        unit=world.commune_b,
        name="Nhà văn hóa xã B",
        estimated_value=3_000_000_000,
    )
    WorkFactory(
        movement=movement, unit=world.commune_b, name="Đường nhỏ", estimated_value=100_000_000
    )
    base = live_server.url
    login(page, base, "chutich")
    page.goto(base + reverse("works:list", args=[movement.pk]))
    page.get_by_role("link", name="Công trình tiêu biểu").click()
    page.get_by_label("Gắn biển chào mừng Đại hội").fill(
        "Đại hội đại biểu Đảng bộ huyện lần thứ XVII"
    )
    page.get_by_label(re.compile("Cầu treo xã A")).check()
    page.locator(f"#reason-{big.pk}").fill("Quy mô lớn, nối hai bờ suối")
    page.get_by_role("button", name="Lưu lựa chọn").click()
    expect(page.get_by_test_id("flagship-errors")).to_contain_text("Phải chọn đúng 2 công trình")
    page.get_by_label(re.compile("Nhà văn hóa xã B")).check()
    page.locator(f"#reason-{hall.pk}").fill("Trung tâm sinh hoạt cộng đồng")
    page.get_by_role("button", name="Lưu lựa chọn").click()
    expect(page.get_by_text("Đã lưu danh sách công trình tiêu biểu gắn biển.")).to_be_visible()
    assert set(FlagshipWork.objects.values_list("work__name", flat=True)) == {
        "Cầu treo xã A",
        "Nhà văn hóa xã B",
    }


def test_amount_is_grouped_while_typing_and_saved_whole(page: Page, live_server, world):
    movement = launched_movement(world)
    base = live_server.url
    login(page, base, "canbo_a")
    page.goto(base + reverse("works:list", args=[movement.pk]))
    page.get_by_role("link", name="Đăng ký công trình, phần việc").click()
    value = page.get_by_label("Giá trị dự kiến (đồng)")
    value.press_sequentially("1800000000")
    expect(value).to_have_value("1.800.000.000")
    value.press_sequentially(" đ")
    page.get_by_label("Công trình", exact=True).check()
    page.get_by_label("Tên công trình, phần việc").fill("Đường liên thôn")
    page.get_by_label("Khối lượng").fill("2 km")
    page.get_by_label("Địa điểm thi công").fill("Thôn A1")
    page.get_by_label("Nguồn kinh phí").select_option(label="Lồng ghép nhiều nguồn")
    page.get_by_label("Thời gian dự kiến hoàn thành").fill("30/06/2027")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_test_id("work-status")).to_contain_text("Đã đăng ký")
    assert Work.objects.get(name="Đường liên thôn").estimated_value == 1_800_000_000
