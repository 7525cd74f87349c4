"""A unit's desk (focal officer or chairman of a commune or a village): its own tasks only.
Its own plan to issue; its villages' missing plans as one line; reminders sent to it; its own
dossiers returned for correction; village registrations waiting for its acceptance."""

import pytest
from django.urls import reverse

from thidua.movements.models import PlanStatus, UnitPlan
from thidua.nominations.models import NominationStatus
from thidua.works.models import Reminder, ReminderRecipient

from .conftest import desk, nominate

pytestmark = pytest.mark.django_db


def test_commune_issues_its_own_plan_and_follows_its_villages_in_one_line(client, world, movement):
    html, context = desk(client, world.officer_a)
    [own] = context["tasks"]
    assert own.unit == world.commune_a
    assert "Ban hành kế hoạch của Xã A" in html
    assert reverse("movements:plan_submit", args=[own.pk]) in html
    assert [line["pending"] for line in context["plans_below"]] == [2]
    # Not the district's monitor: the commune follows its villages on its plans page.
    assert context["plans_below"][0]["monitor"] is False
    assert reverse("movements:my_plans") in html
    assert "Ban hành kế hoạch của Thôn" not in html


def test_village_sees_its_plan_named_with_its_commune(client, world, movement):
    html, context = desk(client, world.village_officer_a1)
    assert [p.unit for p in context["tasks"]] == [world.village_a1]
    assert context["plans_below"] == []
    assert "Ban hành kế hoạch của Thôn A1, xã A" in html


def test_issued_plan_leaves_the_desk(client, world, movement):
    UnitPlan.objects.filter(movement=movement, unit=world.commune_a).update(
        status=PlanStatus.ISSUED
    )
    _html, context = desk(client, world.officer_a)
    assert context["tasks"] == []


def test_reminder_to_the_unit(client, world, movement):
    reminder = Reminder.objects.create(
        movement=movement,
        subject="Đôn đốc đăng ký công trình",
        message="Đề nghị đăng ký.",
        sent_by=world.home_affairs,
    )
    ReminderRecipient.objects.create(reminder=reminder, unit=world.commune_a)
    html, context = desk(client, world.officer_a)
    assert context["reminder_count"] == 1 and "Đôn đốc đăng ký công trình" in html
    assert desk(client, world.officer_b)[1]["reminder_count"] == 0


def test_returned_dossier_is_the_proposing_units_to_correct(client, world, movement, award_forms):
    nominate(
        world,
        movement,
        award_forms["giay_khen_huyen"],
        "Lò Văn A",
        closes_on=None,
        status=NominationStatus.RETURNED,
    )
    html, context = desk(client, world.officer_a)
    assert [t["returned"] for t in context["nomination_tasks"]] == [1]
    assert "1 hồ sơ bị trả lại" in html
    for user in (world.officer_b, world.home_affairs, world.chairman):
        assert desk(client, user)[1]["nomination_tasks"] == []


def test_empty_desk_says_so_and_shows_no_zero_badge(client, world):
    html, _context = desk(client, world.officer_b)
    assert "Không có việc nào đang chờ bạn." in html
    assert "text-bg-danger" not in html
