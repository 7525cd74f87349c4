"""Reminder e-mails: what really happened is on the reminders page, and failed ones can be
resent by whoever may send reminders."""

import pytest
from django.core import mail
from django.urls import reverse

from thidua.core.models import EmailStatus, OutboundEmail
from thidua.testing import launched_movement
from thidua.testing.mail import make_smtp_reachable, make_smtp_unreachable
from thidua.works.models import ReminderRecipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world)


def _remind(client, movement, units, capture, subject="Đôn đốc đăng ký"):
    with capture(execute=True):
        return client.post(
            reverse("works:remind", args=[movement.pk]),
            {
                "unit": [u.pk for u in units],
                "subject": subject,
                "message": "Khẩn trương.",
                "send": "1",
            },
        )


def test_unreachable_server_shows_failures_and_resend_delivers(
    client, world, movement, settings, django_capture_on_commit_callbacks
):
    make_smtp_unreachable(settings)
    client.force_login(world.home_affairs)
    _remind(client, movement, [world.commune_a], django_capture_on_commit_callbacks)
    failed = OutboundEmail.objects.filter(status=EmailStatus.FAILED).count()
    assert failed >= 2 and not OutboundEmail.objects.exclude(status=EmailStatus.FAILED)
    recipient = ReminderRecipient.objects.get()
    assert recipient.emails_sent == 0  # nothing is counted that did not happen
    page = client.get(reverse("works:reminders_sent", args=[movement.pk])).content.decode()
    assert f"Thư điện tử: đã gửi 0, lỗi {failed}" in page
    assert "canbo_a@example.org" in page and "Không kết nối được tới máy chủ thư" in page
    resend_url = reverse("works:reminder_mail_resend", args=[movement.pk, recipient.reminder_id])
    assert resend_url in page

    confirm = client.get(resend_url).content.decode()
    assert "canbo_a@example.org" in confirm and "Gửi lại" in confirm
    assert not mail.outbox  # the confirmation page sends nothing

    make_smtp_reachable(settings)
    response = client.post(resend_url, follow=True)
    assert [m.to for m in mail.outbox if m.to == ["canbo_a@example.org"]]
    assert not OutboundEmail.objects.exclude(status=EmailStatus.SENT).exists()
    text = response.content.decode()
    assert f"Thư điện tử: đã gửi {failed}, lỗi 0" in text
    recipient.refresh_from_db()
    assert recipient.emails_sent == OutboundEmail.objects.count()


def test_only_reminder_senders_may_resend(
    client, world, movement, settings, django_capture_on_commit_callbacks
):
    make_smtp_unreachable(settings)
    client.force_login(world.home_affairs)
    _remind(client, movement, [world.commune_a], django_capture_on_commit_callbacks)
    reminder = ReminderRecipient.objects.get().reminder
    url = reverse("works:reminder_mail_resend", args=[movement.pk, reminder.pk])
    make_smtp_reachable(settings)
    for user in (world.chairman, world.officer_a):
        client.force_login(user)
        assert client.post(url).status_code in (403, 404)
    assert not mail.outbox
    assert not OutboundEmail.objects.filter(status=EmailStatus.SENT).exists()


def test_reminders_page_queries_stay_flat(
    client, world, movement, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.force_login(world.home_affairs)
    for n in range(4):
        _remind(
            client,
            movement,
            [world.commune_a, world.commune_b, world.village_a1],
            django_capture_on_commit_callbacks,
            subject=f"Đôn đốc {n}",
        )
    with django_assert_max_num_queries(14):
        page = client.get(reverse("works:reminders_sent", args=[movement.pk]))
    assert page.content.decode().count('data-testid="mail-summary"') == 4
