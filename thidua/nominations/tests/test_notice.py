"""The public notice: prepared from checked dossiers, published for N working days (public
holidays skipped), open to comments from anyone, answered by the office; the council step
waits until the window has closed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.calendar_days.services import load_holidays
from thidua.core.errors import ApplicationError
from thidua.nominations import selectors, services
from thidua.nominations.models import (
    Nomination,
    NominationEvent,
    NominationStatus,
    NoticeComment,
    PublicNotice,
)
from thidua.testing import launched_movement

from .helpers import award_forms, checked, make, person, submitted

pytestmark = pytest.mark.django_db
S = NominationStatus


@pytest.fixture
def movement(world):
    award_forms()
    return launched_movement(world)


@pytest.fixture
def holidays_2025(db):
    load_holidays(first_year=2025, last_year=2025)


def notice_with(world, movement, nominations, *, working_days=10, today=None, publish=True):
    notice = services.notice_create(
        actor=world.home_affairs,
        movement=movement,
        data=services.NoticeData(
            title="Đợt công khai số 1 năm 2025",
            introduction="Mọi ý kiến xin gửi về Phòng Nội vụ.",
            working_days=working_days,
        ),
        nominations=nominations,
    )
    if publish:
        services.notice_publish(actor=world.home_affairs, notice=notice, today=today)
    return notice


# --- working days -----------------------------------------------------------------------


def test_window_skips_the_30_4_and_1_5_holidays(world, movement, holidays_2025):
    """Published Monday 28/04/2025 for 10 working days: 30/4, 1/5 and the swapped 2/5 are
    days off, so it closes at the end of Thursday 15/05/2025 (not 12/05)."""
    nomination = checked(world, movement)
    notice = notice_with(world, movement, [nomination], today=date(2025, 4, 28))
    assert notice.published_on == date(2025, 4, 28)
    assert notice.closes_on == date(2025, 5, 15)
    assert selectors.working_days_left(notice, date(2025, 4, 28)) == 10
    assert selectors.working_days_left(notice, date(2025, 4, 29)) == 10  # today counts
    assert selectors.working_days_left(notice, date(2025, 4, 30)) == 9  # a holiday
    assert selectors.working_days_left(notice, date(2025, 5, 15)) == 1  # the last day
    assert selectors.working_days_left(notice, date(2025, 5, 16)) == 0


def test_publishing_puts_the_dossiers_on_notice(world, movement, holidays_2025):
    first = checked(world, movement)
    second = checked(world, movement, unit=world.village_a1)
    waiting = submitted(world, movement, unit=world.village_a2)
    notice = notice_with(world, movement, [first, second], today=date(2025, 11, 3))
    for nomination in (first, second):
        nomination.refresh_from_db()
        assert nomination.status == S.ON_NOTICE
        assert nomination.notice == notice
        event = NominationEvent.objects.filter(nomination=nomination).latest("pk")
        assert (event.from_status, event.to_status) == (S.CHECKED, S.ON_NOTICE)
        assert event.actor == world.home_affairs
    waiting.refresh_from_db()
    assert waiting.status == S.SUBMITTED
    assert notice.published_by == world.home_affairs
    # A published notice cannot change or be published again.
    with pytest.raises(ApplicationError):
        services.notice_publish(actor=world.home_affairs, notice=notice)
    with pytest.raises(ApplicationError):
        services.notice_update(
            actor=world.home_affairs,
            notice=notice,
            data=services.NoticeData(title="Khác"),
            nominations=[],
        )


def test_only_checked_dossiers_can_be_listed(world, movement):
    draft = make(world, movement)
    with pytest.raises(ValidationError) as caught:
        notice_with(world, movement, [draft], publish=False)
    assert "nominations" in caught.value.message_dict
    with pytest.raises(ApplicationError):
        notice_with(world, movement, [])  # nothing to publish


def test_a_dossier_sits_on_one_unpublished_notice_at_a_time(world, movement):
    nomination = checked(world, movement)
    first = notice_with(world, movement, [nomination], publish=False)
    assert list(services.selectable_for_notice(movement)) == []
    assert list(services.selectable_for_notice(movement, first)) == [nomination]


def test_notice_data_is_checked(world, movement):
    with pytest.raises(ValidationError) as caught:
        services.notice_create(
            actor=world.home_affairs,
            movement=movement,
            data=services.NoticeData(title=" ", working_days=0),
            nominations=[],
        )
    assert set(caught.value.message_dict) == {"title", "working_days"}


def test_only_the_home_affairs_office_prepares_notices(world, movement, client):
    for user in (world.officer_a, world.chairman):
        with pytest.raises(PermissionDenied):
            services.notice_create(
                actor=user,
                movement=movement,
                data=services.NoticeData(title="x"),
                nominations=[],
            )
    notice = notice_with(world, movement, [checked(world, movement)])
    for user in (world.officer_a, world.chairman, world.officer_b):
        client.force_login(user)
        for url in (
            reverse("nominations:notices", args=[movement.pk]),
            reverse("nominations:notice_create", args=[movement.pk]),
            reverse("nominations:notice_detail", args=[notice.pk]),
            reverse("nominations:notice_edit", args=[notice.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)


# --- the council waits for the window ---------------------------------------------------


def test_council_waits_until_the_notice_closes(world, movement, holidays_2025):
    nomination = checked(world, movement)
    notice = notice_with(world, movement, [nomination], today=date(2025, 4, 28))
    assert not selectors.notice_closed(notice, date(2025, 5, 15))
    assert list(selectors.ready_for_council(movement, date(2025, 5, 15))) == []
    assert selectors.notice_closed(notice, date(2025, 5, 16))
    assert list(selectors.ready_for_council(movement, date(2025, 5, 16))) == [nomination]
    unpublished = PublicNotice(movement=movement, title="x", created_by=world.home_affairs)
    assert not selectors.notice_closed(unpublished, date(2030, 1, 1))


# --- the office's pages -----------------------------------------------------------------


def test_office_creates_and_publishes_through_the_page(world, movement, client, holidays_2025):
    first = checked(world, movement)
    second = checked(world, movement, unit=world.village_a1)
    client.force_login(world.home_affairs)
    url = reverse("nominations:notice_create", args=[movement.pk])
    form = client.get(url).content.decode()
    assert (
        form.count('name="nominations"') == form.count(" checked>") == 2
    )  # every checked dossier by default
    response = client.post(
        url,
        {
            "title": "Công khai đợt 1",
            "introduction": "",
            "working_days": "10",
            "nominations": [first.pk],
            "publish": "1",
        },
    )
    notice = PublicNotice.objects.get()
    assert response.status_code == 302
    assert notice.published_on is not None and notice.closes_on > notice.published_on
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.ON_NOTICE
    assert second.status == S.CHECKED and second.notice is None
    listing = client.get(reverse("nominations:notices", args=[movement.pk])).content.decode()
    assert "Công khai đợt 1" in listing
    assert 'data-testid="checked-waiting">1<' in listing


def test_a_refused_publication_keeps_nothing(world, movement, client):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("nominations:notice_create", args=[movement.pk]),
        {"title": "Rỗng", "working_days": "10", "publish": "1"},
    )
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một hồ sơ hợp lệ" in response.content.decode()
    assert not PublicNotice.objects.exists()


# --- the public page --------------------------------------------------------------------


def test_public_page_needs_no_login_and_shows_no_internal_data(world, movement, client):
    cadre = person(world.commune_a, "Hoàng Văn Chiến", position="Công chức Văn hóa - Xã hội")
    individual = checked(
        world,
        movement,
        person_=cadre,
        form=award_forms()["lao_dong"],
        achievement="Tóm tắt thành tích: 3 năm hoàn thành xuất sắc nhiệm vụ.\n\nI. CHI TIẾT\nnội bộ",
    )
    collective = checked(world, movement, unit=world.village_a1)
    notice = notice_with(world, movement, [individual, collective])
    NoticeComment.objects.create(
        notice=notice, author_name="Bà Lan", contact="0912345678", body="Chưa trả lời nên ẩn."
    )
    response = client.get(reverse("notices:detail", args=[notice.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hoàng Văn Chiến" in text and "Thôn A1" in text
    assert "Lao động tiên tiến" in text
    assert "3 năm hoàn thành xuất sắc nhiệm vụ." in text
    assert "nội bộ" not in text  # only the summary paragraph
    assert "0912345678" not in text and "Chưa trả lời nên ẩn." not in text
    assert world.officer_a.full_name not in text  # no officer's name
    assert "bien-ban" not in text and "minh-chung" not in text  # no dossier file
    assert 'data-testid="comment-form"' in text
    index = client.get(reverse("notices:index")).content.decode()
    assert notice.title in index


def test_unpublished_notice_is_not_public(world, movement, client):
    notice = notice_with(world, movement, [checked(world, movement)], publish=False)
    assert client.get(reverse("notices:detail", args=[notice.pk])).status_code == 404
    assert notice.title not in client.get(reverse("notices:index")).content.decode()
    assert client.get(reverse("notices:detail", args=[999999])).status_code == 404


def test_public_comment_posted_then_answered(world, movement, client):
    nomination = checked(world, movement)
    notice = notice_with(world, movement, [nomination])
    url = reverse("notices:detail", args=[notice.pk])
    response = client.post(
        url,
        {
            "author_name": "Ông Sùng A Dơ",
            "contact": "0987654321",
            "nomination": nomination.pk,
            "is_objection": "on",
            "body": "Xã A chưa hoàn thành công trình đường nội thôn đúng hạn.",
            "website": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Cảm ơn ông/bà đã gửi ý kiến" in response.content.decode()
    comment = NoticeComment.objects.get()
    assert comment.nomination == nomination and comment.is_objection
    assert comment.contact == "0987654321"

    # The office sees it first among the unanswered, with the contact, and answers it.
    later = NoticeComment.objects.create(
        notice=notice, author_name="B", body="Đã trả lời trước.", answer="Ừ"
    )
    later.answered_at = later.sent_at
    later.save()
    client.force_login(world.home_affairs)
    office = client.get(reverse("nominations:notice_detail", args=[notice.pk])).content.decode()
    assert office.index("Ông Sùng A Dơ") < office.index("Đã trả lời trước.")
    assert "0987654321" in office
    response = client.post(
        reverse("nominations:comment_answer", args=[comment.pk]),
        {"answer": "Công trình đã hoàn thành ngày 30/6/2025, có biên bản nghiệm thu."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answered_by == world.home_affairs and comment.answered_at is not None

    client.logout()
    public = client.get(url).content.decode()
    assert "Ông Sùng A Dơ" in public
    assert "có biên bản nghiệm thu" in public
    assert "0987654321" not in public


def test_answer_needs_text_and_the_office(world, movement, client):
    notice = notice_with(world, movement, [checked(world, movement)])
    comment = NoticeComment.objects.create(notice=notice, author_name="A", body="Ý kiến dài.")
    with pytest.raises(ValidationError):
        services.comment_answer(actor=world.home_affairs, comment=comment, answer=" ")
    with pytest.raises(PermissionDenied):
        services.comment_answer(actor=world.officer_a, comment=comment, answer="x")
    client.force_login(world.officer_a)
    url = reverse("nominations:comment_answer", args=[comment.pk])
    assert client.post(url, {"answer": "x"}).status_code == 404


def test_honeypot_rejects_robots(world, movement, client):
    notice = notice_with(world, movement, [checked(world, movement)])
    response = client.post(
        reverse("notices:detail", args=[notice.pk]),
        {"author_name": "bot", "body": "Buy cheap things here now!", "website": "http://spam"},
    )
    assert response.status_code == 302  # answered as if accepted…
    assert not NoticeComment.objects.exists()  # …and nothing kept


def test_comment_length_limits(world, movement, client):
    notice = notice_with(world, movement, [checked(world, movement)])
    url = reverse("notices:detail", args=[notice.pk])
    response = client.post(url, {"author_name": "", "body": "ngắn"})
    assert response.status_code == 400
    assert not NoticeComment.objects.exists()
    response = client.post(url, {"author_name": "A" * 201, "body": "x" * 3001})
    assert response.status_code == 400
    with pytest.raises(ValidationError) as caught:
        services.comment_post(
            notice=notice, data=services.CommentData(author_name=" ", body="ngắn")
        )
    assert set(caught.value.message_dict) == {"author_name", "body"}


def test_no_comment_after_the_window(world, movement, client, holidays_2025):
    notice = notice_with(world, movement, [checked(world, movement)], today=date(2025, 4, 28))
    with pytest.raises(ApplicationError) as caught:
        services.comment_post(
            notice=notice,
            data=services.CommentData(author_name="A", body="Gửi muộn quá rồi."),
            today=date(2025, 5, 16),
        )
    assert "15/05/2025" in caught.value.message
    # A notice closed in the past: the page says so and shows no form.
    text = client.get(reverse("notices:detail", args=[notice.pk])).content.decode()
    assert "comment-form" not in text
    response = client.post(
        reverse("notices:detail", args=[notice.pk]),
        {"author_name": "A", "body": "Gửi muộn quá rồi."},
    )
    assert response.status_code == 302
    assert not NoticeComment.objects.exists()


def test_a_comment_about_a_candidate_of_another_notice_is_refused(world, movement):
    first = checked(world, movement)
    notice = notice_with(world, movement, [first])
    other = checked(world, movement, unit=world.village_a1)
    with pytest.raises(ValidationError) as caught:
        services.comment_post(
            notice=notice,
            data=services.CommentData(
                author_name="A", body="Ý kiến về ứng viên.", nomination=other
            ),
        )
    assert "nomination" in caught.value.message_dict


@pytest.mark.parametrize("size", [2, 20])
def test_public_page_costs_a_fixed_number_of_queries(
    world, movement, client, size, django_assert_max_num_queries
):
    units = [world.commune_a]
    nominations = []
    for n in range(size):
        cadre = person(units[0], f"Cán bộ số {n}")
        nominations.append(checked(world, movement, person_=cadre, form=award_forms()["lao_dong"]))
    notice = notice_with(world, movement, nominations)
    for n in range(size):
        NoticeComment.objects.create(
            notice=notice,
            nomination=nominations[n],
            author_name=f"Người {n}",
            body="Ý kiến về ứng viên.",
            answer="Trả lời.",
            answered_at=notice.created_at,
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("notices:detail", args=[notice.pk])).status_code == 200
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(16):
        url = reverse("nominations:notice_detail", args=[notice.pk])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("nominations:notices", args=[movement.pk])).status_code == 200
    client.logout()
    with django_assert_max_num_queries(6):
        assert client.get(reverse("notices:index")).status_code == 200
    assert Nomination.objects.filter(status=S.ON_NOTICE).count() == size
