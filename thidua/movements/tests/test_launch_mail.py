"""Launch e-mails: the movement page says how many went and which failed; the chairman (who
launched) can resend the failed ones."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.models import EmailStatus, OutboundEmail
from thidua.testing import MovementFactory
from thidua.testing.files import PDF
from thidua.testing.mail import make_smtp_reachable, make_smtp_unreachable

pytestmark = pytest.mark.django_db

EDITORS = ["canbo_a@example.org", "canbo_b@example.org", "thon_a1@example.org"]


def _launch_data() -> dict:
    """Launch asks for the plan's signed file (a real PDF: uploads must parse)."""
    return {"signed_file": SimpleUploadedFile("ke-hoach.pdf", PDF)}


@pytest.fixture
def launched_with_failures(client, world, settings, django_capture_on_commit_callbacks):
    make_smtp_unreachable(settings)
    movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.chairman)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("movements:launch", args=[movement.pk]), _launch_data())
    return movement


def test_failures_are_shown_on_the_movement(client, world, launched_with_failures):
    movement = launched_with_failures
    rows = OutboundEmail.objects.order_by("recipient")
    assert [r.recipient for r in rows] == EDITORS
    assert all(r.status == EmailStatus.FAILED and r.created_by == world.chairman for r in rows)
    client.force_login(world.home_affairs)  # follows the movement, may not resend
    page = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert "Thư điện tử: đã gửi 0, lỗi 3" in page and "thon_a1@example.org" in page
    resend_url = reverse("movements:launch_mail_resend", args=[movement.pk])
    assert resend_url not in page
    assert client.post(resend_url).status_code == 403


def test_chairman_resends_after_confirmation(client, world, settings, launched_with_failures):
    movement = launched_with_failures
    resend_url = reverse("movements:launch_mail_resend", args=[movement.pk])
    page = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert resend_url in page
    assert "thon_a1@example.org" in client.get(resend_url).content.decode()
    make_smtp_reachable(settings)
    response = client.post(resend_url, follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == EDITORS
    text = response.content.decode()
    assert "Thư điện tử: đã gửi 3, lỗi 0" in text
    # Nothing left to resend: a second post sends nothing again.
    client.post(resend_url)
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_launch_message_reports_the_real_outcome(client, world, settings):
    make_smtp_unreachable(settings)
    movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.chairman)
    response = client.post(
        reverse("movements:launch", args=[movement.pk]), _launch_data(), follow=True
    )
    assert "Thư điện tử: đã gửi 0, lỗi 3." in response.content.decode()
