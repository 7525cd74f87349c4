"""Closing a session: thresholds per award form over all members or those present, frozen on
the item, results moved onto the nominations with the tally in the note; then read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.errors import ApplicationError
from thidua.councils import services
from thidua.councils.models import AgendaItem, Basis, ItemResult, SessionStatus
from thidua.councils.services import Outcome
from thidua.nominations.models import NominationEvent, NominationStatus
from thidua.testing import launched_movement

from .conftest import (
    close_early,
    make_council,
    nominate,
    open_session,
    plan_session,
    vote,
    written,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world, movement, award_forms):
    """A Chiến sĩ thi đua cơ sở (≥ 80% of all members) and a Giấy khen (default ≥ 50%)."""
    return (
        nominate(world, movement, award_forms["chien_si_thi_dua_co_so"], "Vũ Văn Chiến Sĩ"),
        nominate(world, movement, award_forms["giay_khen_huyen"], "Lý Thị Giấy Khen"),
    )


def _six_of_seven(world, board, session, nominations):
    open_session(world, session, board.all[:7])
    for member in board.all[:6]:
        vote(session, member, dict.fromkeys(nominations, True))
    vote(session, board.all[6], dict.fromkeys(nominations, False))


def _note(nomination) -> str:
    return NominationEvent.objects.filter(nomination=nomination).latest("pk").note


def test_one_fails_eighty_percent_while_the_other_passes_fifty(world, board, movement, pair):
    chien_si, giay_khen = pair
    session = plan_session(world, board, movement, pair)
    _six_of_seven(world, board, session, pair)
    services.session_close(actor=world.chairman, session=session)

    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED and session.closed_at is not None
    items = {i.nomination_id: i for i in AgendaItem.objects.filter(session=session)}
    first, second = items[chien_si.pk], items[giay_khen.pk]
    assert (first.threshold_percent, first.threshold_basis, first.result) == (
        80,
        Basis.ALL_MEMBERS,
        ItemResult.FAILED,
    )
    assert (second.threshold_percent, second.threshold_basis, second.result) == (
        50,
        Basis.ALL_MEMBERS,
        ItemResult.PASSED,
    )
    chien_si.refresh_from_db()
    giay_khen.refresh_from_db()
    assert chien_si.status == NominationStatus.REJECTED
    assert giay_khen.status == NominationStatus.PASSED
    assert _note(chien_si) == "Đồng ý 6/9 (66,7%), cần ≥ 80% tổng số thành viên"
    assert _note(giay_khen) == "Đồng ý 6/9 (66,7%), cần ≥ 50% tổng số thành viên"


def test_threshold_over_members_present(world, board, movement, pair, award_forms):
    chien_si, giay_khen = pair
    services.threshold_set(
        actor=world.home_affairs,
        council=board.council,
        award_form=award_forms["giay_khen_huyen"],
        percent=80,
        basis=Basis.PRESENT,
    )
    session = plan_session(world, board, movement, pair)
    _six_of_seven(world, board, session, pair)
    services.session_close(actor=world.home_affairs, session=session)
    chien_si.refresh_from_db()
    giay_khen.refresh_from_db()
    # Same 80%, same six yes: 6/9 of all fails, 6/7 of those present passes.
    assert chien_si.status == NominationStatus.REJECTED
    assert giay_khen.status == NominationStatus.PASSED
    assert _note(giay_khen) == "Đồng ý 6/7 (85,7%), cần ≥ 80% số thành viên có mặt"
    item = AgendaItem.objects.get(session=session, nomination=giay_khen)
    assert (item.threshold_percent, item.threshold_basis) == (80, Basis.PRESENT)


def test_council_default_over_members_present(world, award_forms, movement):
    from .conftest import make_council

    board = make_council(world, size=9, threshold_percent=75, threshold_basis=Basis.PRESENT)
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Mặc Định")
    session = plan_session(world, board, movement, [nomination])
    open_session(world, session, board.all[:8])
    for member in board.all[:6]:
        vote(session, member, {nomination: True})
    close_early(world, session)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PASSED  # 6/8 = 75%, exactly the threshold
    assert _note(nomination) == "Đồng ý 6/8 (75%), cần ≥ 75% số thành viên có mặt"


def test_written_votes_of_absent_members_count_over_all_members(world, board, movement, pair):
    chien_si, giay_khen = pair
    session = plan_session(world, board, movement, pair)
    open_session(world, session, board.all[:7])
    for member in board.all[:7]:
        vote(session, member, dict.fromkeys(pair, True))
    written(world, session, board.all[7], dict.fromkeys(pair, True))
    services.session_close(actor=world.home_affairs, session=session)
    chien_si.refresh_from_db()
    assert chien_si.status == NominationStatus.PASSED
    assert _note(chien_si) == "Đồng ý 8/9 (88,9%), cần ≥ 80% tổng số thành viên"


@pytest.mark.parametrize(
    ("yes", "denominator", "percent", "passed"),
    [
        (8, 10, 80, True),  # exactly the threshold passes
        (7, 9, 80, False),  # 77,8%
        (5, 9, 50, True),
        (4, 9, 50, False),  # 44,4%: no rounding up
        (0, 0, 50, False),  # nobody to count
    ],
)
def test_outcome_boundaries(yes, denominator, percent, passed):
    assert Outcome(yes, denominator, percent, Basis.ALL_MEMBERS).passed is passed


def test_closed_session_is_read_only(client, world, board, movement, pair, award_forms):
    chien_si, giay_khen = pair
    session = plan_session(world, board, movement, [chien_si])
    open_session(world, session, board.all[:7])
    vote(session, board.chair, {chien_si: True})
    close_early(world, session)
    item = session.items.get()
    refusals = [
        lambda: services.agenda_add(
            actor=world.home_affairs, session=session, nominations=[giay_khen]
        ),
        lambda: services.agenda_remove(actor=world.home_affairs, item=item),
        lambda: services.attendance_record(
            actor=world.home_affairs, session=session, present=board.all
        ),
        lambda: services.voting_open(actor=world.home_affairs, session=session),
        lambda: services.session_close(actor=world.home_affairs, session=session),
        lambda: services.session_update(
            actor=world.home_affairs,
            session=session,
            held_on=timezone.localdate(),
            place="Nơi khác",
            notes="Sửa",
        ),
        lambda: vote(session, board.member, {chien_si: True}),
    ]
    for refuse in refusals:
        with pytest.raises(ApplicationError):
            refuse()
    # A later change of the threshold does not touch the frozen result.
    row = board.council.thresholds.get(award_form=award_forms["chien_si_thi_dua_co_so"])
    services.threshold_set(
        actor=world.home_affairs,
        council=board.council,
        award_form=row.award_form,
        percent=10,
        basis=Basis.PRESENT,
        threshold=row,
    )
    item.refresh_from_db()
    assert (item.threshold_percent, item.threshold_basis, item.result) == (
        80,
        Basis.ALL_MEMBERS,
        ItemResult.FAILED,
    )
    client.force_login(world.home_affairs)
    for name in ("session_edit", "attendance", "close"):
        assert client.get(reverse(f"councils:{name}", args=[session.pk])).status_code == 404
    text = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert reverse("councils:minutes", args=[session.pk]) in text
    assert reverse("councils:open", args=[session.pk]) not in text


def test_close_through_the_pages_shows_tallies(client, world, board, movement, pair):
    session = plan_session(world, board, movement, pair)
    _six_of_seven(world, board, session, pair)
    client.force_login(board.chair.user)
    confirm = client.get(reverse("councils:close", args=[session.pk]))
    assert "7/9 thành viên đã biểu quyết." in confirm.content.decode()
    response = client.post(reverse("councils:close", args=[session.pk]), follow=True)
    text = response.content.decode()
    assert "Phiên họp đã kết thúc" in text
    assert text.count('data-testid="yes"') == 2
    assert "66,7%" in text
    assert "Không đạt" in text and "Đạt" in text


def test_written_votes_count_as_voters_over_those_present(world, award_forms):
    """Over "members present", an absent member's written vote joins the denominator, so the
    share never exceeds 100 %: 3 present + 2 written = 5 voters, 4 yes = 80 % ≥ 75 %."""
    board = make_council(world, size=5, threshold_percent=75, threshold_basis=Basis.PRESENT)
    movement = launched_movement(world)
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Đỗ Văn Viết")
    session = plan_session(world, board, movement, [nomination])
    present, absent = board.all[:3], board.all[3:]
    # Quorum 2/3 of 5 needs 4 present; lower it for this council.
    board.council.quorum_numerator, board.council.quorum_denominator = 1, 2
    board.council.save(update_fields=["quorum_numerator", "quorum_denominator"])
    open_session(world, session, present)
    vote(session, present[0], {nomination: True})
    vote(session, present[1], {nomination: True})
    vote(session, present[2], {nomination: False})
    for member in absent:
        written(world, session, member, {nomination: True})
    services.session_close(actor=world.chairman, session=session)

    item = AgendaItem.objects.get(session=session)
    assert (item.yes_count, item.no_count, item.threshold_denominator) == (4, 1, 5)
    assert item.result == ItemResult.PASSED
    assert services.item_outcome(item, session).share == 80


def test_a_session_held_before_the_notice_closed_cannot_take_it(
    world, board, movement, award_forms
):
    """The notice closed on 15/05/2025 (long past today): a session dated 10/05/2025 would
    record the council meeting while the notice was open, so it is refused."""
    from datetime import date

    from django.core.exceptions import ValidationError

    nomination = nominate(
        world, movement, award_forms["giay_khen_huyen"], "Lê Văn Sớm", closes_on=date(2025, 5, 15)
    )
    with pytest.raises(ValidationError, match="15/05/2025"):
        plan_session(world, board, movement, [nomination], held_on=date(2025, 5, 10))
    assert plan_session(world, board, movement, [nomination], held_on=date(2025, 5, 16)).pk
