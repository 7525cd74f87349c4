"""The standing body's desk (the Home Affairs Office of the movement's issuer): dossiers to
check, public notices closing soon, council sessions to prepare, units to remind (no work
registered after the deadline, review not filed), missing plans as one line."""

import pytest
from django.urls import reverse

from thidua.nominations.models import NominationStatus, NoticeComment
from thidua.testing import WorkFactory
from thidua.works.models import Review, ReviewKind, ReviewStatus

from .conftest import desk, in_days, make_council, nominate, plan_session

pytestmark = pytest.mark.django_db


def test_dossiers_to_check(client, world, movement, award_forms):
    for name in ("Lò Văn A", "Lò Văn B"):
        nominate(
            world,
            movement,
            award_forms["giay_khen_huyen"],
            name,
            closes_on=None,
            status=NominationStatus.SUBMITTED,
        )
    html, context = desk(client, world.home_affairs)
    assert [(t["to_check"], t["returned"]) for t in context["nomination_tasks"]] == [(2, 0)]
    assert "2 hồ sơ chờ kiểm tra" in html
    assert reverse("nominations:list", args=[movement.pk]) + "?status=submitted" in html
    # Not the chairman's nor a commune's to check.
    assert desk(client, world.chairman)[1]["nomination_tasks"] == []


def test_public_notice_closing_soon_with_comments_to_answer(client, world, movement, award_forms):
    soon = nominate(
        world, movement, award_forms["giay_khen_huyen"], "Lò Văn A", closes_on=in_days(3)
    ).notice
    nominate(world, movement, award_forms["giay_khen_huyen"], "Lò Văn B", closes_on=in_days(30))
    nominate(world, movement, award_forms["giay_khen_huyen"], "Lò Văn C", closes_on=in_days(-1))
    NoticeComment.objects.create(notice=soon, author_name="Người dân", body="Ý kiến về hồ sơ.")
    html, context = desk(client, world.home_affairs)
    assert [n.pk for n in context["notices_closing"]] == [soon.pk]
    assert "Thông báo công khai sắp hết hạn" in html
    assert "1 ý kiến cần trả lời" in html
    assert reverse("nominations:notice_detail", args=[soon.pk]) in html
    assert desk(client, world.officer_a)[1]["notices_closing"] == []


def test_council_sessions_to_prepare(client, world, movement, award_forms):
    board = make_council(world, size=4)
    session = plan_session(world, board, movement, [], held_on=in_days(10))
    html, context = desk(client, world.home_affairs)
    assert [s.pk for s in context["sessions_to_prepare"]] == [session.pk]
    assert "Phiên họp Hội đồng cần chuẩn bị" in html
    assert reverse("councils:session", args=[session.pk]) in html


def test_units_to_remind_after_the_deadline(client, world, movement):
    WorkFactory(movement=movement, unit=world.commune_a)
    Review.objects.create(
        movement=movement,
        unit=world.commune_a,
        kind=ReviewKind.FINAL,
        status=ReviewStatus.SUBMITTED,
    )
    html, context = desk(client, world.home_affairs)
    [line] = context["office_follow_up"]
    participants = movement.participants.count()
    # Commune A registered a work and filed its final review; nobody else did.
    assert line["unregistered"] == participants - 1
    assert line["review_kind"] == ReviewKind.FINAL
    assert line["unfiled"] == participants - 1
    compliance = reverse("works:compliance", args=[movement.pk]) + "?state=not_registered"
    assert compliance in html
    assert reverse("works:reviews", args=[movement.pk]) + "?kind=final" in html
    assert f"{participants - 1} đơn vị chưa đăng ký công trình" in html
    # A unit does not remind the others.
    assert desk(client, world.officer_a)[1]["office_follow_up"] == []


def test_missing_plans_are_one_line_and_no_plan_is_the_offices_own(client, world, movement):
    html, context = desk(client, world.home_affairs)
    assert context["tasks"] == []
    assert [line["pending"] for line in context["plans_below"]] == [5]
    assert context["plans_below"][0]["monitor"] is True
    assert "Ban hành kế hoạch của" not in html
