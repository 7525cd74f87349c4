"""Journey: the chairman ends a movement after its end date, confirming on a page that lists
what is still open; the commune then finds no register button and a POST is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from thidua.movements.models import MovementStatus
from thidua.testing import launched_movement
from thidua.works.models import Work

from .test_browser import login, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chairman_ends_the_movement_and_registration_is_refused(page: Page, live_server, world):
    movement = launched_movement(
        world, start_date=date(2024, 10, 1), end_date=timezone.localdate() - timedelta(days=3)
    )
    base = live_server.url
    login(page, base, "chutich")
    page.goto(base + reverse("movements:detail", args=[movement.pk]))
    page.get_by_test_id("close-link").click()
    expect(page.get_by_role("heading", name="Kết thúc phong trào")).to_be_visible()
    expect(page.get_by_test_id("open-items")).to_contain_text("Kế hoạch của đơn vị chưa ban hành")
    page.get_by_test_id("confirm-close").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Đã kết thúc")
    expect(page.get_by_test_id("closed-by")).to_contain_text("Kết thúc lúc")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.CLOSED and movement.closed_by == world.chairman
    logout(page)

    login(page, base, "canbo_a")
    create = reverse("works:create", args=[movement.pk])
    page.goto(base + reverse("works:list", args=[movement.pk]))
    expect(page.locator(f'a[href="{create}"]')).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        base + create,
        form={"csrfmiddlewaretoken": token, "unit": str(world.commune_a.pk), "name": "Đường"},
        headers={"X-CSRFToken": token, "Referer": base + create},
    )
    assert "đã kết thúc" in response.text()
    assert not Work.objects.filter(movement=movement).exists()
