"""Members download the minutes of the sessions they sat in: recorded present or absent on
the session's attendance. A member not recorded on it (joined later) and outsiders may not."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from thidua.councils import services
from thidua.councils.models import MemberRole
from thidua.testing import UserFactory

from .conftest import close_early, nominate, open_session, plan_session, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world, board, movement, award_forms):
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Lý Thị Giấy Khen")
    session = plan_session(world, board, movement, [nomination])
    open_session(world, session, board.all[:7])  # the last two are recorded absent
    for member in board.all[:7]:
        vote(session, member, {nomination: True})
    close_early(world, session)
    session.refresh_from_db()
    return session


def test_a_member_present_or_absent_downloads_the_minutes(client, board, closed):
    url = reverse("councils:minutes", args=[closed.pk])
    page = reverse("councils:session", args=[closed.pk])
    for member in (board.member, board.all[-1]):  # present; absent
        assert closed.attendance.filter(member=member).exists()
        client.force_login(member.user)
        response = client.get(url)
        assert response.status_code == 200
        Document(BytesIO(response.content))  # opens
        assert url in client.get(page).content.decode()


def test_a_member_not_recorded_and_an_outsider_are_refused(client, world, board, closed):
    newcomer = services.member_add(
        actor=world.home_affairs,
        council=board.council,
        user=UserFactory(username="moivao", full_name="Mới Vào", unit=world.district),
        data={"role": MemberRole.MEMBER},
    )
    url = reverse("councils:minutes", args=[closed.pk])
    client.force_login(newcomer.user)
    assert client.get(url).status_code == 404
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 404
