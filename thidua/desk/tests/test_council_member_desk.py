"""A council member's desk: the open vote with a link to the ballot, and the sessions they
are invited to; nothing of the office's or the units' work."""

import pytest
from django.urls import reverse

from thidua.councils.tests.conftest import vote

from .conftest import desk, in_days, make_council, nominate, open_session, plan_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world, award_forms):
    return make_council(world, size=4)


@pytest.fixture
def candidate(world, movement, award_forms):
    return nominate(world, movement, award_forms["giay_khen_huyen"], "Nguyễn Văn Bình")


def test_open_vote_links_to_the_ballot_until_the_member_voted(
    client, world, movement, board, candidate
):
    session = plan_session(world, board, movement, [candidate])
    open_session(world, session, present=board.all)
    html, context = desk(client, world.council_member)
    assert [s.pk for s in context["open_ballots"]] == [session.pk]
    assert "Phiếu biểu quyết đang mở" in html
    assert reverse("councils:ballot", args=[session.pk]) in html
    vote(session, board.member, {candidate: True})
    html, context = desk(client, world.council_member)
    assert context["open_ballots"] == []
    assert "Phiếu biểu quyết đang mở" not in html


def test_an_absent_member_gets_no_ballot(client, world, movement, board, candidate):
    session = plan_session(world, board, movement, [candidate])
    open_session(world, session, present=[board.chair, board.secretary, *board.others])
    _html, context = desk(client, world.council_member)
    assert context["open_ballots"] == []


def test_invited_to_the_planned_sessions_from_today_on(client, world, movement, board, candidate):
    coming = plan_session(world, board, movement, [candidate], held_on=in_days(5))
    plan_session(world, board, movement, [], held_on=in_days(-3))
    html, context = desk(client, world.council_member)
    assert [s.pk for s in context["sessions_invited"]] == [coming.pk]
    assert reverse("councils:session", args=[coming.pk]) in html
    assert "1 hồ sơ trong chương trình" in html


def test_no_other_work_on_a_members_desk(client, world, movement, board, candidate):
    plan_session(world, board, movement, [candidate], held_on=in_days(5))
    _html, context = desk(client, world.council_member)
    for name in ("tasks", "plans_below", "to_launch", "to_sign", "sessions_to_prepare"):
        assert not context[name], name
    assert context["office_follow_up"] == [] and context["nomination_tasks"] == []


def test_not_a_member_sees_no_session(client, world, movement, board, candidate):
    session = plan_session(world, board, movement, [candidate], held_on=in_days(5))
    html, context = desk(client, world.viewer_a)
    assert context["sessions_invited"] == [] and context["open_ballots"] == []
    assert reverse("councils:session", args=[session.pk]) not in html
    assert "Không có việc nào đang chờ bạn." in html
