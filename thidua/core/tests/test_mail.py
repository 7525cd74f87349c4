"""core.mail: each message sent on its own, its real outcome recorded, never a silent failure."""

import smtplib
import socket

import pytest
from django.core import mail as outbox
from django.template import loader

from thidua.core import mail
from thidua.core.models import EmailStatus, OutboundEmail
from thidua.testing.mail import make_smtp_reachable, make_smtp_unreachable

pytestmark = pytest.mark.django_db


def _messages(world, *addresses):
    return [mail.Message(a, "Chủ đề", "Nội dung", related=world.commune_a) for a in addresses]


def test_sent_messages_are_recorded(world):
    outcome = mail.send(
        actor=world.chairman, topic="t", messages=_messages(world, "a@x.vn", "b@x.vn")
    )
    assert outcome.sent == 2 and not outcome.failed
    assert [m.to for m in outbox.outbox] == [["a@x.vn"], ["b@x.vn"]]
    rows = list(OutboundEmail.objects.order_by("recipient"))
    assert [r.status for r in rows] == [EmailStatus.SENT, EmailStatus.SENT]
    assert all(r.attempts == 1 and r.sent_at and r.created_by == world.chairman for r in rows)
    assert rows[0].related == world.commune_a


def test_unreachable_server_fails_every_message_and_says_why(world, settings):
    make_smtp_unreachable(settings)
    outcome = mail.send(
        actor=world.chairman, topic="t", messages=_messages(world, "a@x.vn", "b@x.vn")
    )
    assert outcome.sent == 0 and len(outcome.failed) == 2
    for row in OutboundEmail.objects.all():
        assert row.status == EmailStatus.FAILED and row.attempts == 1 and row.sent_at is None
        assert "Không kết nối được tới máy chủ thư" in row.last_error
        assert "ConnectionRefusedError" in row.last_error


def test_resend_sends_only_what_failed(world, settings):
    make_smtp_unreachable(settings)
    mail.send(actor=world.chairman, topic="t", messages=_messages(world, "a@x.vn"))
    make_smtp_reachable(settings)
    mail.send(actor=world.chairman, topic="t", messages=_messages(world, "b@x.vn"))
    assert len(outbox.outbox) == 1
    outcome = mail.resend(OutboundEmail.objects.all())
    assert outcome.sent == 1 and not outcome.failed
    assert [m.to for m in outbox.outbox] == [["b@x.vn"], ["a@x.vn"]]
    again = OutboundEmail.objects.get(recipient="a@x.vn")
    assert again.status == EmailStatus.SENT and again.attempts == 2 and again.last_error == ""


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (smtplib.SMTPAuthenticationError(535, b"bad"), "tên đăng nhập hoặc mật khẩu"),
        (smtplib.SMTPRecipientsRefused({"a@x.vn": (550, b"no")}), "từ chối địa chỉ người nhận"),
        (socket.gaierror(-2, "Name or service not known"), "Không tìm thấy máy chủ thư"),
        (TimeoutError("timed out"), "không trả lời kịp"),
    ],
)
def test_errors_read_in_vietnamese(error, words):
    assert words in mail.describe_error(error)


def test_summary_lists_at_most_twenty_failures():
    failures = [OutboundEmail(recipient=f"u{n}@x.vn", status=EmailStatus.FAILED) for n in range(22)]
    summary = mail.summarize([*failures, OutboundEmail(status=EmailStatus.SENT)])
    text = loader.get_template("includes/mail_summary.html").render(
        {"summary": summary, "resend_url": "/gui-lai/"}
    )
    assert "Thư điện tử: đã gửi 1, lỗi 22" in text
    assert "u19@x.vn" in text and "u20@x.vn" not in text
    assert "và 2 thư khác" in text and 'href="/gui-lai/"' in text
