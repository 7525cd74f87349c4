"""User journey of the facts (issue 5, item 1), in Debian's Chromium through Playwright: a
commune officer records a person, two years of ratings and a target, then imports people from
Excel, sees the row error, fixes the file and imports it."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from thidua.criteria.models import AnnualRating, FactRecord, Person
from thidua.movements.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def people_workbook(path: Path, rows) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Đơn vị", "Họ và tên", "Đối tượng", "Chức vụ", "Năm sinh"])
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def record_rating(page: Page, year: str, level: str, reference: str) -> None:
    page.get_by_role("link", name="Ghi nhận xếp loại").click()
    page.get_by_label("Năm", exact=True).fill(year)
    page.get_by_label(level, exact=True).check()
    page.get_by_label("Văn bản căn cứ").fill(reference)
    page.get_by_role("button", name="Lưu").click()


def test_commune_officer_records_facts_and_imports_people(page: Page, live_server, world, tmp_path):
    base = live_server.url
    login(page, base, "canbo_a")
    page.get_by_role("link", name="Cá nhân", exact=True).first.click()

    # A person by form; their unit defaults to the officer's commune.
    page.get_by_role("link", name="Thêm cá nhân").click()
    expect(page.get_by_label("Đơn vị quản lý")).to_have_value(str(world.commune_a.pk))
    page.get_by_label("Họ và tên").fill("Mùa A Sình")
    page.get_by_label("Đối tượng").select_option(label="Cán bộ")
    page.get_by_label("Chức vụ").fill("Phó Chủ tịch UBND xã")
    page.get_by_label("Năm sinh").fill("1980")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Mùa A Sình")).to_be_visible()
    person = Person.objects.get(full_name="Mùa A Sình")

    # Two years of ratings.
    record_rating(page, "2023", "Hoàn thành xuất sắc nhiệm vụ", "Quyết định số 12/QĐ-UBND")
    expect(page.get_by_text("Đã ghi nhận xếp loại năm 2023.")).to_be_visible()
    record_rating(page, "2024", "Hoàn thành tốt nhiệm vụ", "Quyết định số 15/QĐ-UBND")
    expect(page.locator('tr[data-year="2024"]')).to_contain_text("Hoàn thành tốt nhiệm vụ")
    assert AnnualRating.objects.filter(person=person).count() == 2

    # A target: its outcome is required, and the message names the field.
    page.get_by_test_id("add-fact").click()
    page.get_by_label("Loại dữ kiện").select_option(label="Thực hiện chỉ tiêu")
    page.get_by_label("Năm", exact=True).fill("2024")
    page.get_by_label("Nội dung").fill("Hoàn thành 100% chỉ tiêu cải cách hành chính được giao")
    page.get_by_label("Văn bản căn cứ").fill("Báo cáo số 198/BC-UBND")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Với chỉ tiêu, phải chọn «Kết quả»", exact=False)).to_be_visible()
    assert not FactRecord.objects.exists()
    page.get_by_label("Kết quả (chỉ với chỉ tiêu)").select_option(label="Vượt chỉ tiêu")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu dữ kiện «Thực hiện chỉ tiêu» năm 2024.")).to_be_visible()

    # People from Excel: one bad row, nothing saved; fixed, all saved.
    page.get_by_role("link", name="Cá nhân", exact=True).first.click()
    page.get_by_role("link", name="Nhập danh sách cá nhân từ Excel").click()
    expect(page.get_by_label("Đơn vị cho các dòng không ghi đơn vị")).to_have_value(
        str(world.commune_a.pk)
    )
    rows = [
        ("", "Sùng Thị Dua", "Công chức", "Công chức Văn hóa - Xã hội", 1990),
        ("XA-1", "Vàng A Chư", "Trưởng bản", "Trưởng thôn", 1975),
    ]
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        people_workbook(tmp_path / "ca-nhan.xlsx", rows)
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    errors = page.get_by_test_id("row-errors")
    expect(errors).to_contain_text("Dòng 3, cột «Đối tượng»: «Trưởng bản»")
    assert not Person.objects.filter(full_name="Sùng Thị Dua").exists()
    rows[1] = (
        "XA-1",
        "Vàng A Chư",
        "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
        "",
        1975,
    )
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        people_workbook(tmp_path / "ca-nhan-sua.xlsx", rows)
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_text("Đã nhập 2 cá nhân.")).to_be_visible()
    expect(page.get_by_role("link", name="Sùng Thị Dua")).to_be_visible()
    assert Person.objects.get(full_name="Vàng A Chư").unit == world.village_a1

    # The person's page shows the facts recorded.
    page.goto(base + reverse("criteria:person", args=[person.pk]))
    expect(page.locator('tr[data-year="2023"]')).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    expect(page.locator('tr[data-year="2024"]')).to_contain_text("Quyết định số 15/QĐ-UBND")
    facts = page.locator('[data-fact-year="2024"]')
    expect(facts).to_contain_text("Thực hiện chỉ tiêu")
    expect(facts).to_contain_text("Hoàn thành 100% chỉ tiêu cải cách hành chính được giao")
    expect(facts).to_contain_text("Vượt chỉ tiêu")
    expect(page).to_have_title(re.compile("Mùa A Sình"))

    # At phone width the pages still fit.
    page.set_viewport_size({"width": 390, "height": 844})
    fact = FactRecord.objects.get()
    for url in (
        reverse("criteria:person", args=[person.pk]),
        reverse("criteria:unit", args=[world.commune_a.pk]),
        reverse("criteria:people"),
        reverse("criteria:people_import"),
        reverse("criteria:fact_update", args=[fact.pk]),
        reverse("criteria:fact_delete", args=[fact.pk]),
    ):
        page.goto(base + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, url
