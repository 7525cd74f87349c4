"""Urging the units that have not submitted their interim or final review: who receives the
reminder (drafts and not started, not those who submitted, nor the other kind), through the
same reminder as for registration; and progress dates that cannot be in the future."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from thidua.testing import WorkFactory, launched_movement
from thidua.works import reviews
from thidua.works.models import ProgressUpdate, Review, ReviewKind, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def movement(world):
    movement = launched_movement(world)
    # Xã A submitted its interim review; Xã B has a draft; the villages have nothing.
    Review.objects.create(
        movement=movement,
        unit=world.commune_a,
        kind=ReviewKind.INTERIM,
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Review.objects.create(
        movement=movement, unit=world.commune_b, kind=ReviewKind.INTERIM, status=ReviewStatus.DRAFT
    )
    return movement


def test_recipients_are_the_participants_without_a_submitted_review(world, movement):
    interim = {u.pk for u in reviews.units_without_review(movement, ReviewKind.INTERIM)}
    participants = set(movement.participants.values_list("unit_id", flat=True))
    assert world.commune_a.pk not in interim
    assert interim == participants - {world.commune_a.pk}
    assert world.commune_b.pk in interim  # a draft is not a submitted review
    final = {u.pk for u in reviews.units_without_review(movement, ReviewKind.FINAL)}
    assert final == participants  # the interim review does not count for the final one


def test_the_office_sends_the_review_reminder_from_the_reviews_page(
    client, world, movement, django_capture_on_commit_callbacks
):
    client.force_login(world.home_affairs)
    page = client.get(reverse("works:reviews", args=[movement.pk])).content.decode()
    url = reverse("works:review_remind", args=[movement.pk, ReviewKind.INTERIM])
    assert url in page
    form = client.get(url)
    reasons = {unit.pk: reason for unit, reason in form.context["rows"]}
    assert world.commune_a.pk not in reasons
    assert reasons[world.commune_b.pk] == "Sơ kết chưa nộp (đang soạn)"
    assert reasons[world.village_a1.pk] == "Sơ kết chưa thực hiện"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"subject": "Đôn đốc sơ kết", "message": "Đề nghị nộp báo cáo."}
        )
    assert response.status_code == 302
    reminder = movement.reminders.get()
    recipients = set(reminder.recipients.values_list("unit_id", flat=True))
    assert recipients == set(reasons)
    assert reminder.sent_by == world.home_affairs
    # The existing sending: the commune's officer is e-mailed, the submitted commune's is not.
    addresses = {address for message in mail.outbox for address in message.to}
    assert world.officer_b.email in addresses and world.officer_a.email not in addresses


def test_the_reminder_page_costs_the_same_queries_for_more_units(
    client, world, movement, django_assert_max_num_queries
):
    from thidua.movements.models import Participant
    from thidua.testing import UnitFactory

    for n in range(30):
        unit = UnitFactory(parent=world.district, name=f"Xã thêm {n}")
        Participant.objects.create(movement=movement, unit=unit, source="manual")
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("works:review_remind", args=[movement.pk, ReviewKind.FINAL]))
    assert len(response.context["rows"]) == movement.participants.count()


def test_only_the_standing_body_urges(client, world, movement):
    client.force_login(world.officer_a)
    url = reverse("works:review_remind", args=[movement.pk, ReviewKind.FINAL])
    assert client.get(url).status_code in (403, 404)
    page = client.get(reverse("works:reviews", args=[movement.pk])).content.decode()
    assert url not in page


def test_progress_dates_in_the_future_are_refused_naming_the_field(client, world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("works:progress", args=[work.pk]),
        {
            "percent": "100",
            "status": "completed",
            "actual_completion": tomorrow.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["actual_completion"]
    assert errors == [
        f"«Ngày hoàn thành thực tế» không được sau ngày hôm nay "
        f"({timezone.localdate():%d/%m/%Y}): đã nhập {tomorrow:%d/%m/%Y}."
    ]
    assert not ProgressUpdate.objects.filter(work=work).exists()
