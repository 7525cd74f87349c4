"""A chairman's desk: movements waiting for launch and decisions waiting for signature of
their own unit; subordinate units' missing plans as one line with a count, never one task per
village; a commune's work stays on the commune's desk."""

import pytest
from django.urls import reverse

from thidua.awards.models import DecisionStatus
from thidua.testing import MovementFactory, WorkFactory
from thidua.testing.awards import DecisionFactory
from thidua.works.models import RegistrationStatus

from .conftest import desk, grow

pytestmark = pytest.mark.django_db


def test_movement_waiting_for_launch(client, world):
    draft = MovementFactory(issuing_unit=world.district, title="Phong trào chờ phát động")
    MovementFactory(issuing_unit=world.commune_a, title="Phong trào của xã A")
    html, context = desk(client, world.chairman)
    assert [m.pk for m in context["to_launch"]] == [draft.pk]
    section = html.split('data-testid="desk-to-launch"')[1].split("</section>")[0]
    assert "Phong trào chờ phát động" in section and "Phong trào của xã A" not in section
    assert reverse("movements:detail", args=[draft.pk]) in html
    # The office drafted it; launching is the chairman's.
    _html, context = desk(client, world.home_affairs)
    assert context["to_launch"] == []


def test_decision_waiting_for_signature(client, world, movement):
    draft = DecisionFactory(
        movement=movement,
        status=DecisionStatus.DRAFT,
        number=None,
        number_label="",
        created_by=world.home_affairs,
        summary="Về việc khen thưởng tập thể xã A",
    )
    DecisionFactory(movement=movement, created_by=world.home_affairs)  # signed already
    DecisionFactory(  # a commune's draft is its own chairman's to sign
        movement=movement,
        issuing_unit=world.commune_a,
        status=DecisionStatus.DRAFT,
        number=None,
        created_by=world.home_affairs,
    )
    html, context = desk(client, world.chairman)
    assert [d.pk for d in context["to_sign"]] == [draft.pk]
    assert "Quyết định chờ ký" in html
    assert reverse("awards:decision_detail", args=[draft.pk]) in html


def test_missing_plans_below_are_one_line_with_a_count(client, world, movement):
    grow(world, movement, 30)
    html, context = desk(client, world.chairman)
    # 2 communes and 33 villages owe their plan; the district itself owes none.
    assert context["tasks"] == []
    assert [line["pending"] for line in context["plans_below"]] == [35]
    assert "Ban hành kế hoạch của" not in html
    assert "35 đơn vị trực thuộc chưa ban hành kế hoạch" in html
    monitor = reverse("movements:plan_monitor", args=[movement.pk]) + "?status=pending"
    assert monitor in html


def test_village_registration_is_the_communes_to_accept(client, world, movement):
    WorkFactory(
        movement=movement,
        unit=world.village_a1,
        status=RegistrationStatus.PENDING,
        name="Đường nội đồng thôn A1",
    )
    html, context = desk(client, world.chairman)
    assert context["awaiting_count"] == 0 and "Đường nội đồng thôn A1" not in html
    html, context = desk(client, world.officer_a)
    assert context["awaiting_count"] == 1 and "Đường nội đồng thôn A1" in html
