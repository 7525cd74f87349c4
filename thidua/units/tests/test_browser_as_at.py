"""The unit directory as at 30/06/2025 and 01/07/2025, in Debian's Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from thidua.movements.tests.test_browser import login
from thidua.testing.reform import build_reform_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_directory_before_and_after_the_reform(page: Page, live_server, world):
    build_reform_world(world)
    base = live_server.url
    login(page, base, "noivu_tinh")
    page.goto(base + reverse("units:list"))
    table = page.locator("table")

    page.get_by_label("Xem theo ngày").fill("30/06/2025")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"ngay=30%2F06%2F2025"))
    # A village is named with its commune as it stood that day.
    for name in ("Huyện Cũ", "Xã Cũ 1", "Xã Cũ 2", "Xã Cũ 3", "Thôn Một, xã Cũ 1"):
        expect(table.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Xã Mới", exact=True)).to_have_count(0)
    expect(page.get_by_text("theo ngày 30/06/2025")).to_be_visible()

    page.get_by_label("Xem theo ngày").fill("01/07/2025")
    page.get_by_role("button", name="Lọc").click()
    expect(table.get_by_role("link", name="Xã Mới", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Thôn Một, xã Mới", exact=True)).to_be_visible()
    for name in ("Huyện Cũ", "Xã Cũ 1"):
        expect(table.get_by_role("link", name=name, exact=True)).to_have_count(0)

    # An old name is still found, and says what it became.
    page.get_by_label("Xem theo ngày").fill("")
    page.get_by_role("searchbox").fill("xa cu 1")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("đã sáp nhập vào Xã Mới từ 01/07/2025")).to_be_visible()
