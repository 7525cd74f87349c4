"""Quorum, the secret ballot, one vote per member, written votes of absent members."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.core.errors import ApplicationError
from thidua.councils import services
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotReceipt,
    CouncilSession,
    SessionStatus,
)

from .conftest import close_early, nominate, open_session, plan_session, vote, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(world, movement, award_forms):
    return [
        nominate(world, movement, award_forms["chien_si_thi_dua_co_so"], "Hoàng Văn Một"),
        nominate(world, movement, award_forms["giay_khen_huyen"], "Đỗ Thị Hai"),
    ]


@pytest.fixture
def session(world, board, movement, nominations) -> CouncilSession:
    return plan_session(world, board, movement, nominations)


# --- quorum -------------------------------------------------------------------------------


def test_voting_needs_two_thirds_of_all_members(world, board, session):
    services.attendance_record(actor=world.home_affairs, session=session, present=board.all[:5])
    with pytest.raises(ApplicationError) as error:
        services.voting_open(actor=world.home_affairs, session=session)
    assert error.value.message == (
        "Có mặt 5/9 thành viên, chưa đủ 2/3 tổng số thành viên để biểu quyết."
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert session.member_count is None

    # 6 of 9 is exactly 2/3.
    services.attendance_record(actor=world.home_affairs, session=session, present=board.all[:6])
    services.voting_open(actor=board.secretary.user, session=session)
    session.refresh_from_db()
    assert (session.status, session.member_count, session.present_count) == ("voting", 9, 6)
    assert session.opened_at is not None
    # Frozen: a member leaving the council later does not move the denominator.
    services.member_update(
        actor=world.home_affairs, member=board.others[-1], data={"active": False}
    )
    session.refresh_from_db()
    assert (session.member_count, session.present_count) == (9, 6)
    # Attendance can no longer change.
    with pytest.raises(ApplicationError):
        services.attendance_record(actor=world.home_affairs, session=session, present=board.all)


def test_members_missing_from_the_roll_call_are_absent(world, board, session):
    # No roll call at all: nobody is present, the quorum fails, everyone is recorded absent.
    with pytest.raises(ApplicationError) as error:
        services.voting_open(actor=world.home_affairs, session=session)
    assert "Có mặt 0/9" in error.value.message
    # ... inside the rolled-back transaction: nothing was kept.
    assert not Attendance.objects.filter(session=session).exists()


def test_the_quorum_page_message_and_a_member_cannot_open(client, world, board, session):
    services.attendance_record(actor=world.home_affairs, session=session, present=board.all[:3])
    client.force_login(world.chairman)
    response = client.post(reverse("councils:open", args=[session.pk]), follow=True)
    assert "Có mặt 3/9 thành viên, chưa đủ 2/3" in response.content.decode()
    client.force_login(board.member.user)
    assert client.post(reverse("councils:open", args=[session.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.voting_open(actor=board.member.user, session=session)


# --- the secret ballot --------------------------------------------------------------------


def test_a_vote_writes_receipts_and_one_sealed_ballot_and_no_tally(
    world, board, session, nominations
):
    first, second = nominations
    open_session(world, session, board.all[:7])
    history_before = AgendaItem.history.filter(session_id=session.pk).count()
    vote(session, board.chair, {first: True, second: False})
    vote(session, board.member, {first: False, second: False})
    # No tally moves while voting is open: it is counted at closing.
    assert [(i.yes_count, i.no_count) for i in AgendaItem.objects.filter(session=session)] == [
        (0, 0),
        (0, 0),
    ]
    # A receipt per item says only that the member voted, in the room.
    receipts = BallotReceipt.objects.filter(item__session=session)
    assert receipts.count() == 4
    for member in (board.chair, board.member):
        rows = receipts.filter(member=member).values("in_writing", "recorded_by_id")
        assert list(rows) == [{"in_writing": False, "recorded_by_id": member.user_id}] * 2
    # One sealed ballot per member, of the same size whatever the choices.
    ballots = list(Ballot.objects.filter(session=session))
    assert len(ballots) == 2
    assert len({len(bytes(b.sealed)) for b in ballots}) == 1
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "session", "sealed"}
    assert AgendaItem.history.filter(session_id=session.pk).count() == history_before


def test_a_member_votes_once_even_when_trying_twice(world, board, session, nominations):
    first, second = nominations
    open_session(world, session, board.all[:7])
    vote(session, board.chair, {first: True, second: True})
    with pytest.raises(ApplicationError) as error:
        vote(session, board.chair, {first: False, second: False})
    assert "đã biểu quyết" in error.value.message
    assert Ballot.objects.filter(session=session).count() == 1
    assert BallotReceipt.objects.filter(member=board.chair).count() == 2


def test_every_item_must_be_answered(world, board, session, nominations):
    first, _second = nominations
    open_session(world, session, board.all[:7])
    with pytest.raises(ApplicationError):
        vote(session, board.chair, {first: True})
    assert not BallotReceipt.objects.exists()
    assert not Ballot.objects.exists()


def test_voting_through_the_page(client, world, board, session, nominations):
    open_session(world, session, board.all[:7])
    items = list(session.items.order_by("position"))
    client.force_login(board.member.user)
    page = client.get(reverse("councils:ballot", args=[session.pk]))
    assert page.status_code == 200
    assert "Hoàng Văn Một" in page.content.decode()
    # One item left unanswered: refused, nothing recorded.
    response = client.post(
        reverse("councils:ballot", args=[session.pk]), {f"item_{items[0].pk}": "yes"}
    )
    assert response.status_code == 200
    assert "Hãy chọn đồng ý hoặc không đồng ý cho «Đỗ Thị Hai»." in response.content.decode()
    assert not BallotReceipt.objects.exists()
    response = client.post(
        reverse("councils:ballot", args=[session.pk]),
        {f"item_{items[0].pk}": "yes", f"item_{items[1].pk}": "no"},
        follow=True,
    )
    text = response.content.decode()
    assert "Đã ghi nhận phiếu biểu quyết" in text
    assert "Bạn đã biểu quyết lúc" in text
    assert 'data-testid="yes"' not in text  # no tally while voting
    # Second visit: the ballot form is not offered again.
    again = client.get(reverse("councils:ballot", args=[session.pk]))
    assert again.status_code == 302
    response = client.post(
        reverse("councils:ballot", args=[session.pk]),
        {f"item_{items[0].pk}": "no", f"item_{items[1].pk}": "no"},
    )
    assert Ballot.objects.filter(session=session).count() == 1
    # During voting the Home Affairs Office sees how many voted, not the tallies.
    client.force_login(world.home_affairs)
    text = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert 'data-testid="ballot-count"' in text
    assert 'data-testid="yes"' not in text


def test_absent_member_votes_in_writing_through_the_secretary(world, board, session, nominations):
    first, second = nominations
    absent = board.others[-1]
    open_session(world, session, board.all[:7])
    # In the room: refused, they are absent.
    with pytest.raises(ApplicationError):
        vote(session, absent, {first: True, second: True})
    # A plain member may not record it.
    with pytest.raises(PermissionDenied):
        written(world, session, absent, {first: True, second: True}, actor=board.member.user)
    written(world, session, absent, {first: True, second: False}, actor=board.secretary.user)
    receipt = BallotReceipt.objects.filter(member=absent).first()
    assert receipt.in_writing and receipt.recorded_by == board.secretary.user
    # Once only, also for the Home Affairs Office.
    with pytest.raises(ApplicationError):
        written(world, session, absent, {first: False, second: False})
    # A present member's vote is not taken in writing.
    with pytest.raises(ApplicationError):
        written(world, session, board.chair, {first: True, second: True})
    # The Home Affairs Office records the other absent member's.
    written(world, session, board.others[-2], {first: True, second: True})
    assert Ballot.objects.filter(session=session).count() == 2  # sealed like the others
    close_early(world, session)
    items = {i.nomination_id: i for i in AgendaItem.objects.filter(session=session)}
    assert items[first.pk].yes_count == 2
    assert (items[second.pk].yes_count, items[second.pk].no_count) == (1, 1)


def test_written_vote_page(client, world, board, session, nominations):
    absent = board.others[-1]
    open_session(world, session, board.all[:7])
    items = list(session.items.order_by("position"))
    url = reverse("councils:written_vote", args=[session.pk, absent.pk])
    client.force_login(board.member.user)
    assert client.get(url).status_code == 404
    client.force_login(board.secretary.user)
    detail = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert url in detail
    response = client.post(
        url, {f"item_{items[0].pk}": "yes", f"item_{items[1].pk}": "yes"}, follow=True
    )
    assert f"Đã ghi nhận phiếu bằng văn bản của {absent.full_name}." in response.content.decode()
    assert client.get(url).status_code == 302  # already recorded
    # For a present member there is no written vote page.
    assert (
        client.get(reverse("councils:written_vote", args=[session.pk, board.chair.pk])).status_code
        == 404
    )


def test_no_vote_before_opening_or_after_closing(world, board, session, nominations):
    first, second = nominations
    with pytest.raises(ApplicationError):
        vote(session, board.chair, {first: True, second: True})
    open_session(world, session, board.all[:7])
    close_early(world, session)
    with pytest.raises(ApplicationError):
        vote(session, board.chair, {first: True, second: True})


def test_a_concurrent_ballot_loses_on_the_constraint_and_leaves_nothing(
    world, board, session, nominations
):
    """As if another request had committed a receipt for the second item in the meantime:
    the whole ballot is refused and rolled back, tallies included."""
    first, second = nominations
    open_session(world, session, board.all[:7])
    other = session.items.get(nomination=second)
    BallotReceipt.objects.create(item=other, member=board.chair, recorded_by=board.chair.user)
    with pytest.raises(ApplicationError):
        vote(session, board.chair, {first: True, second: True})
    assert BallotReceipt.objects.filter(member=board.chair).count() == 1
    assert not Ballot.objects.exists()
