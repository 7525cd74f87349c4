"""Closing waits for every member present (written votes of absent members count when they
come), or closes «Kết thúc khi chưa đủ phiếu» with a reason kept in the history; and no tally
is shown where it would reveal one member's vote."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from thidua.core.errors import ApplicationError
from thidua.councils import documents, services
from thidua.councils.models import AgendaItem, CouncilSession, ItemResult, SessionStatus
from thidua.nominations.models import NominationEvent

from .conftest import close_early, nominate, open_session, plan_session, vote, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(world, movement, award_forms):
    return nominate(world, movement, award_forms["giay_khen_huyen"], "Phạm Văn Một Phiếu")


@pytest.fixture
def session(world, board, movement, nomination) -> CouncilSession:
    session = plan_session(world, board, movement, [nomination])
    return open_session(world, session, board.all[:7])


def _docx_text(session) -> str:
    document = Document(BytesIO(documents.minutes_docx(session)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_closing_after_one_ballot_is_refused_naming_who_has_not_voted(
    world, board, session, nomination
):
    vote(session, board.chair, {nomination: True})
    with pytest.raises(ApplicationError) as error:
        services.session_close(actor=world.home_affairs, session=session)
    message = error.value.message
    assert message.startswith("Chưa đủ phiếu của các thành viên có mặt: ")
    for member in board.all[1:7]:
        assert member.full_name in message
    assert "«Kết thúc khi chưa đủ phiếu»" in message
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    # A blank reason is no reason.
    with pytest.raises(ApplicationError):
        services.session_close(actor=world.home_affairs, session=session, early_reason="  ")


def test_every_member_present_voted_closes_without_reason_and_written_votes_are_optional(
    world, board, session, nomination
):
    for member in board.all[:7]:
        vote(session, member, {nomination: True})
    written(world, session, board.all[7], {nomination: False})
    # The last absent member sent nothing: closing does not wait for them.
    services.session_close(actor=world.home_affairs, session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED and session.early_close_reason == ""
    item = session.items.get()
    assert (item.yes_count, item.no_count) == (7, 1)


def test_forced_close_after_one_ballot_keeps_the_reason_and_withholds_the_tally(
    client, world, board, session, nomination
):
    """One ballot: the result is shown (and recorded), the tally nowhere: not on the page, not
    in the nomination's trail, not in the minutes."""
    vote(session, board.chair, {nomination: True})
    reason = "Sáu thành viên phải rời cuộc họp để xử lý sự cố thiên tai."
    close_early(world, session, reason)
    session.refresh_from_db()
    assert session.early_close_reason == reason
    latest = session.history.latest()
    assert latest.early_close_reason == reason
    assert latest.history_change_reason == "Kết thúc khi chưa đủ phiếu"
    assert latest.history_user == world.home_affairs
    item = AgendaItem.objects.get(session=session)
    assert item.result == ItemResult.FAILED  # 1 of 9 members cannot reach 50 %
    assert services.item_outcome(item, session).withheld

    note = NominationEvent.objects.filter(nomination=nomination).latest("pk").note
    assert note.startswith("Không đạt")
    assert "không công bố số phiếu" in note
    assert "1/9" not in note and "11,1%" not in note

    client.force_login(board.chair.user)
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert 'data-testid="tally-withheld"' in page
    assert 'data-testid="yes"' not in page and "11,1%" not in page
    assert "Không đạt" in page
    assert reason in page

    text = _docx_text(session)
    assert "(*)" in text and "Không công bố số phiếu" in text
    assert "11,1%" not in text
    assert f"Lý do: {reason.rstrip('.')}." in text


def test_two_ballots_show_the_tally(world, board, session, nomination):
    vote(session, board.chair, {nomination: True})
    vote(session, board.member, {nomination: False})
    close_early(world, session)
    item = AgendaItem.objects.get(session=session)
    assert (item.yes_count, item.no_count) == (1, 1)
    assert not services.item_outcome(item, session).withheld
    note = NominationEvent.objects.filter(nomination=nomination).latest("pk").note
    assert note == "Đồng ý 1/9 (11,1%), cần ≥ 50% tổng số thành viên"


def test_the_close_page_asks_for_the_reason_while_ballots_are_missing(
    client, world, board, session, nomination
):
    vote(session, board.chair, {nomination: True})
    url = reverse("councils:close", args=[session.pk])
    client.force_login(board.chair.user)
    page = client.get(url).content.decode()
    assert 'data-testid="waiting"' in page
    assert board.secretary.full_name in page
    assert "Kết thúc khi chưa đủ phiếu" in page
    response = client.post(url, {"early_reason": ""})
    assert response.status_code == 200
    assert "Hãy ghi lý do kết thúc khi chưa đủ phiếu" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    client.post(url, {"early_reason": "Mất điện, không thể tiếp tục."}, follow=True)
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert session.early_close_reason == "Mất điện, không thể tiếp tục."


def test_while_voting_the_page_shows_who_voted_never_a_choice_or_tally(
    client, world, board, session, nomination
):
    vote(session, board.chair, {nomination: False})
    client.force_login(world.home_affairs)
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert "Đã biểu quyết" in page  # the chair's badge
    assert 'data-testid="yes"' not in page and 'data-testid="tally-withheld"' not in page
    assert "Không đồng ý" not in page and "Đồng ý 0" not in page
