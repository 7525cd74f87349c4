"""Comments on the public notice: a few per client address (per notice per hour, per day),
counted in the database; held until the office approves them; rejected ones never shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.errors import ApplicationError
from thidua.nominations import services
from thidua.nominations.models import CommentStatus, NoticeComment
from thidua.nominations.tests.test_notice import movement, notice_with  # noqa: F401 (fixtures)

from .helpers import checked

pytestmark = pytest.mark.django_db

LIMIT_MESSAGE = "trong một giờ qua"


def _post(client, notice, body, address="203.0.113.7"):
    return client.post(
        reverse("notices:detail", args=[notice.pk]),
        {"author_name": "Người dân", "body": body, "website": ""},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def notice(world, movement):  # noqa: F811
    return notice_with(world, movement, [checked(world, movement)])


def test_the_sixth_comment_from_one_address_is_refused(client, notice, settings):
    settings.NOTICE_COMMENTS_PER_NOTICE_HOUR = 5
    for n in range(5):
        assert _post(client, notice, f"Ý kiến số {n} về ứng viên.").status_code == 302
    refused = _post(client, notice, "Ý kiến số 6 về ứng viên.")
    assert refused.status_code == 400
    assert LIMIT_MESSAGE in refused.content.decode()
    assert NoticeComment.objects.count() == 5
    assert set(NoticeComment.objects.values_list("client_address", flat=True)) == {"203.0.113.7"}
    # Another address is still accepted.
    assert _post(client, notice, "Ý kiến từ máy khác.", address="198.51.100.2").status_code == 302
    assert NoticeComment.objects.count() == 6


def test_the_hour_window_and_the_daily_limit(notice, settings):
    settings.NOTICE_COMMENTS_PER_NOTICE_HOUR = 2
    settings.NOTICE_COMMENTS_PER_DAY = 3

    def post(address="192.0.2.1"):
        return services.comment_post(
            notice=notice,
            data=services.CommentData(author_name="A", body="Ý kiến đủ dài."),
            client_address=address,
        )

    post(), post()
    with pytest.raises(ApplicationError):
        post()
    # Older than an hour: no longer counted for the notice, still counted for the day.
    NoticeComment.objects.update(sent_at=timezone.now() - timedelta(hours=2))
    post()
    with pytest.raises(ApplicationError) as caught:
        post()
    assert "24 giờ" in caught.value.message
    NoticeComment.objects.update(sent_at=timezone.now() - timedelta(days=2))
    post()


def test_the_address_behind_a_trusted_proxy_is_counted(client, notice, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.NOTICE_COMMENTS_PER_NOTICE_HOUR = 1
    url = reverse("notices:detail", args=[notice.pk])
    data = {"author_name": "A", "body": "Ý kiến đủ dài.", "website": ""}
    proxied = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxied)
    assert first.status_code == 302
    assert NoticeComment.objects.get().client_address == "203.0.113.9"
    again = client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxied)
    assert again.status_code == 400
    other = client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.10", **proxied)
    assert other.status_code == 302


def test_comments_are_held_until_approved_and_rejected_never_shown(client, world, notice):
    _post(client, notice, "Ý kiến sẽ được duyệt đăng.")
    _post(client, notice, "Ý kiến sẽ bị từ chối đăng.")
    kept, dropped = NoticeComment.objects.order_by("pk")
    assert kept.status == dropped.status == CommentStatus.PENDING
    public_url = reverse("notices:detail", args=[notice.pk])
    page = client.get(public_url).content.decode()
    assert "sẽ được duyệt" not in page and "sẽ bị từ chối" not in page

    client.force_login(world.home_affairs)
    office = client.get(reverse("nominations:notice_detail", args=[notice.pk])).content.decode()
    assert 'data-testid="pending"' in office and "sẽ bị từ chối" in office
    moderate = "nominations:comment_moderate"
    assert client.get(reverse(moderate, args=[kept.pk])).status_code == 405
    assert (
        client.post(reverse(moderate, args=[kept.pk]), {"decision": "approve"}).status_code == 302
    )
    assert (
        client.post(reverse(moderate, args=[dropped.pk]), {"decision": "reject"}).status_code == 302
    )
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.status == CommentStatus.APPROVED and kept.moderated_by == world.home_affairs
    assert dropped.status == CommentStatus.REJECTED and dropped.moderated_at is not None
    assert kept.history.first().history_user == world.home_affairs
    # A rejected comment cannot be published by answering it either.
    with pytest.raises(ApplicationError):
        services.comment_answer(actor=world.home_affairs, comment=dropped, answer="Trả lời.")

    client.logout()
    page = client.get(public_url).content.decode()
    assert "sẽ được duyệt" in page
    assert "sẽ bị từ chối" not in page


def test_only_the_office_moderates(client, world, notice):
    _post(client, notice, "Ý kiến chờ kiểm duyệt.")
    comment = NoticeComment.objects.get()
    client.force_login(world.officer_a)
    url = reverse("nominations:comment_moderate", args=[comment.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_answering_a_held_comment_publishes_it(client, world, notice):
    _post(client, notice, "Ý kiến được trả lời.")
    comment = NoticeComment.objects.get()
    services.comment_answer(actor=world.home_affairs, comment=comment, answer="Đã xem xét.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == world.home_affairs
    page = client.get(reverse("notices:detail", args=[notice.pk])).content.decode()
    assert "Ý kiến được trả lời." in page and "Đã xem xét." in page
