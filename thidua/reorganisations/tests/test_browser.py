"""The province's Home Affairs officer merges two communes, moves the roles, and opens the
successor's page (Debian's Chromium through Playwright)."""

import re

import pytest
from playwright.sync_api import Page, expect

from thidua.accounts.models import RoleAssignment
from thidua.movements.tests.test_browser import login
from thidua.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_officer_merges_two_communes(page: Page, live_server, reorg):
    world = reorg.world
    base = live_server.url
    login(page, base, "noivu_tinh")
    page.goto(base + "/don-vi/")
    page.get_by_role("link", name="Sắp xếp, tổ chức lại đơn vị").click()
    page.get_by_role("link", name="Sắp xếp mới").click()
    page.get_by_label("Hợp nhất, sáp nhập").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Các đơn vị hợp nhất").select_option(label=["Xã A", "Xã B"])
    page.get_by_label("Mã đơn vị mới").fill("XAB")
    page.get_by_label("Tên ngắn đơn vị mới").fill("Xã A-B")
    page.get_by_label("Tên đầy đủ đơn vị mới").fill("Ủy ban nhân dân xã A-B")
    page.get_by_label("Đơn vị cấp trên của đơn vị mới").select_option(label="Tỉnh Mẫu")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số văn bản (căn cứ pháp lý)").fill("1665/NQ-UBTVQH15")
    page.get_by_label("Ngày ban hành").fill("16/06/2025")
    page.get_by_label("Ngày có hiệu lực").fill("01/07/2025")
    page.get_by_role("button", name="Xem trước").click()
    # The preview says what moves, with counts, before anything changes.
    expect(page.get_by_test_id("section-works")).to_contain_text("2")
    expect(page.get_by_test_id("section-works")).to_contain_text("Đường Xã A")
    expect(page.get_by_test_id("section-closed_works")).to_contain_text("Nhà văn hóa Xã B")
    assert not Unit.objects.filter(code="XAB").exists()
    page.get_by_label("Tôi đã xem những gì sẽ thay đổi và xác nhận.").check()
    page.get_by_role("button", name="Áp dụng sắp xếp").click()
    # Straight to the roles left on the ended communes.
    expect(page.get_by_role("heading", name="Phân quyền trên đơn vị đã chấm dứt")).to_be_visible()
    expect(page.get_by_test_id("grants")).to_contain_text("canbo_b")
    page.get_by_label("Tất cả các quyền trong danh sách").check()
    page.get_by_label("Chuyển sang đơn vị kế thừa").check()
    page.get_by_role("button", name="Thực hiện cho các quyền đã chọn").click()
    expect(page.get_by_test_id("roles-confirm-text")).to_contain_text("chuyển sang Xã A-B")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_test_id("no-grants-left")).to_be_visible()
    new = Unit.objects.get(code="XAB")
    assert RoleAssignment.objects.filter(unit=new).count() == 3
    page.get_by_role("link", name="Xã A-B").click()
    expect(page.get_by_role("heading", name="Ủy ban nhân dân xã A-B")).to_be_visible()
    expect(page.get_by_text("Thôn B1")).to_be_visible()
    expect(page.locator("#history")).to_contain_text(re.compile("Sắp xếp số \\d+"))
    world.commune_a.refresh_from_db()
    assert world.commune_a.valid_to is not None
