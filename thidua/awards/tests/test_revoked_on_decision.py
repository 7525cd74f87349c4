"""A revoked award stays on its decision's page, marked «Đã thu hồi» with the revoking
decision, and its money leaves the page's total (and the list's)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.awards.rules import money_scope
from thidua.awards.selectors import decisions as decision_selectors
from thidua.awards.services.decisions import decision_sign
from thidua.awards.services.register import award_revoke
from thidua.awards.tests.test_decisions import (  # noqa: F401 - fixtures
    _no_libreoffice,
    _vietnamese,
    draft,
    movement_fixture,
    passed,
    person,
    reference_fixture,
)

pytestmark = pytest.mark.django_db


def test_a_revoked_award_is_marked_and_left_out_of_the_total(client, world, movement):
    revoked_person = person(world.commune_a, "Giàng A Páo", "Chủ tịch Hội Nông dân xã")
    kept_person = person(world.commune_b, "Sùng Thị Dở", "Công chức Tư pháp")
    nominations = [
        passed(world, movement, code="lao_dong_tien_tien", who=revoked_person),
        passed(world, movement, code="chien_si_thi_dua_co_so", who=kept_person),
    ]
    signed = decision_sign(actor=world.chairman, decision=draft(world, movement, nominations))
    before = decision_selectors.decision_view(signed, money=money_scope(world.home_affairs))
    assert before.total == Decimal(710_000 + 2_340_000)
    award = nominations[0].award
    award_revoke(
        actor=world.home_affairs,
        award=award,
        reason="Khai man thành tích.",
        revocation_decision="Quyết định số 99/QĐ-UBND ngày 01/09/2025",
        revoked_on=date(2025, 9, 1),
    )
    view = decision_selectors.decision_view(signed, money=money_scope(world.home_affairs))
    assert view.total == Decimal(2_340_000)
    marked = {line.nomination.pk: line.revoked is not None for line in view.lines}
    assert marked == {nominations[0].pk: True, nominations[1].pk: False}
    client.force_login(world.home_affairs)
    page = client.get(reverse("awards:decision_detail", args=[signed.pk])).content.decode()
    assert "Đã thu hồi" in page
    assert "Quyết định số 99/QĐ-UBND ngày 01/09/2025" in page
    assert page.count('data-testid="revoked"') == 1
    assert 'data-testid="total">2.340.000' in page
    listing = decision_selectors.decision_list(
        world.home_affairs, movement, money=money_scope(world.home_affairs)
    )
    assert listing.get(pk=signed.pk).awarded_total == Decimal(2_340_000)
