"""Who sees what: council members see their sessions' agenda and their own ballot; the Home
Affairs Office and the chairman over the council's unit manage; everyone else gets 404.
Query-count guards on the lists and the agenda page at two sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.councils import rules as permissions
from thidua.councils import services
from thidua.councils.models import MemberRole
from thidua.testing import UserFactory, grant

from .conftest import close_early, nominate, open_session, plan_session, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_council(world, award_forms):
    """Commune A's own council, with one member who holds no role at all."""
    leader = UserFactory(username="chutich_xa_a", unit=world.commune_a)
    grant(leader, Role.CHAIRMAN, world.commune_a)
    council = services.council_create_with_defaults(actor=leader, unit=world.commune_a)
    member = services.member_add(
        actor=leader,
        council=council,
        user=UserFactory(username="uyvien_xa_a", unit=world.village_a1),
        data={"role": MemberRole.MEMBER},
    )
    return council, leader, member


@pytest.fixture
def session(world, board, movement, award_forms):
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Người Được Xét")
    return plan_session(world, board, movement, [nomination])


def _status(client, user, url) -> int:
    client.force_login(user)
    return client.get(url).status_code


def test_session_visibility(client, world, board, session, commune_council):
    _council, leader, commune_member = commune_council
    url = reverse("councils:session", args=[session.pk])
    allowed = [world.home_affairs, world.chairman, board.member.user, board.secretary.user]
    for user in allowed:
        assert _status(client, user, url) == 200, user.username
    refused = [
        world.officer_a,
        world.viewer_a,
        world.village_officer_a1,
        world.officer_b,
        world.nobody,
        leader,  # the commune's chairman manages the commune's council, not the district's
        commune_member.user,  # a member of another council
    ]
    for user in refused:
        assert _status(client, user, url) == 404, user.username
    # The role alone does not make a member: "hoidong" sees it through the membership.
    other_holder = UserFactory(unit=world.district)
    grant(other_holder, Role.COUNCIL_MEMBER, world.district)
    assert _status(client, other_holder, url) == 404


def test_a_member_without_any_role_sees_the_sessions_of_their_council(
    client, world, commune_council, movement, award_forms
):
    council, leader, member = commune_council
    nomination = nominate(world, movement, award_forms["giay_khen_huyen"], "Người Xã A")
    session = services.session_create(
        actor=leader,
        council=council,
        movement=movement,
        held_on=movement.end_date,
        nominations=[nomination],
    )
    client.force_login(member.user)
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert "Người Xã A" in page  # the agenda
    assert 'data-testid="my-ballot"' in page
    mine = client.get(reverse("councils:my_sessions")).content.decode()
    assert reverse("councils:session", args=[session.pk]) in mine
    listed = client.get(reverse("councils:list")).context["councils"]
    assert [c.pk for c in listed] == [council.pk]
    # ... but does not manage the council.
    assert client.get(reverse("councils:detail", args=[council.pk])).status_code == 404
    assert client.get(reverse("councils:sessions", args=[council.pk])).status_code == 200


def test_only_managers_open_the_council_pages(client, world, board, commune_council):
    council = board.council
    member = board.others[0]
    manager_urls = [
        reverse("councils:detail", args=[council.pk]),
        reverse("councils:edit", args=[council.pk]),
        reverse("councils:member_create", args=[council.pk]),
        reverse("councils:member_edit", args=[member.pk]),
        reverse("councils:threshold_create", args=[council.pk]),
    ]
    for url in manager_urls:
        assert _status(client, world.home_affairs, url) == 200, url
        assert _status(client, world.chairman, url) == 200, url
        assert _status(client, board.member.user, url) == 404, url
        assert _status(client, world.officer_a, url) == 404, url
        assert _status(client, commune_council[1], url) == 404, url
    assert _status(client, world.officer_a, reverse("councils:sessions", args=[council.pk])) == 404
    assert (
        _status(client, board.member.user, reverse("councils:sessions", args=[council.pk])) == 200
    )


def test_plain_members_do_not_run_the_session(client, world, board, session):
    client.force_login(board.member.user)
    for name in ("session_edit", "attendance"):
        assert client.get(reverse(f"councils:{name}", args=[session.pk])).status_code == 404
    assert client.post(reverse("councils:open", args=[session.pk])).status_code == 404
    item = session.items.get()
    assert client.post(reverse("councils:agenda_remove", args=[item.pk])).status_code == 404
    # The secretary does.
    client.force_login(board.secretary.user)
    assert client.get(reverse("councils:attendance", args=[session.pk])).status_code == 200
    # Wrong method.
    assert client.get(reverse("councils:open", args=[session.pk])).status_code == 405


def test_member_sees_their_own_ballot_not_the_tallies(client, world, board, session):
    nomination = session.items.get().nomination
    open_session(world, session, board.all[:7])
    vote(session, board.member, {nomination: True})
    vote(session, board.chair, {nomination: False})
    close_early(world, session)
    url = reverse("councils:session", args=[session.pk])
    client.force_login(board.member.user)
    text = client.get(url).content.decode()
    assert "Bạn đã biểu quyết lúc" in text
    assert 'data-testid="yes"' not in text
    # A member who sat in the session downloads its minutes (test_minutes_members).
    assert reverse("councils:minutes", args=[session.pk]) in text
    # One who was present but did not vote sees that.
    client.force_login(board.others[0].user)
    assert "Bạn không biểu quyết trong phiên họp này." in client.get(url).content.decode()
    client.force_login(board.chair.user)
    assert 'data-testid="yes"' in client.get(url).content.decode()


def test_former_member_sees_only_the_sessions_they_sat_in(
    client, world, board, movement, session, award_forms
):
    open_session(world, session, board.all[:7])
    leaving = board.others[0]
    services.member_update(actor=world.home_affairs, member=leaving, data={"active": False})
    later = plan_session(
        world,
        board,
        movement,
        [nominate(world, movement, award_forms["giay_khen_huyen"], "Phiên Sau")],
    )
    client.force_login(leaving.user)
    assert client.get(reverse("councils:session", args=[session.pk])).status_code == 200
    assert client.get(reverse("councils:session", args=[later.pk])).status_code == 404
    assert not permissions.sees_councils(leaving.user)


# --- query-count guards -------------------------------------------------------------------


def _sessions(world, board, movement, count):
    for _ in range(count):
        plan_session(world, board, movement, [])


@pytest.mark.parametrize("count", [3, 15])
def test_sessions_list_query_count(
    client, world, board, movement, count, django_assert_max_num_queries
):
    _sessions(world, board, movement, count)
    client.force_login(world.home_affairs)
    url = reverse("councils:sessions", args=[board.council.pk])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [3, 15])
def test_my_sessions_and_council_list_query_count(
    client, world, board, movement, count, django_assert_max_num_queries
):
    _sessions(world, board, movement, count)
    client.force_login(board.member.user)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("councils:my_sessions"))
    assert len(response.context["page_obj"]) == count
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(5):
        client.get(reverse("councils:list"))


def _agenda(world, board, movement, award_forms, count):
    form = award_forms["giay_khen_huyen"]
    people = [nominate(world, movement, form, f"Ứng viên {n}") for n in range(2 * count)]
    return plan_session(world, board, movement, people[:count])


@pytest.mark.parametrize("count", [2, 12])
def test_agenda_page_query_count_for_the_manager(
    client, world, board, movement, award_forms, count, django_assert_max_num_queries
):
    session = _agenda(world, board, movement, award_forms, count)
    services.attendance_record(actor=world.home_affairs, session=session, present=board.all)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("councils:session", args=[session.pk]))
    assert len(response.context["rows"]) == count
    assert response.content.decode().count('name="nominations"') == count


@pytest.mark.parametrize("count", [2, 12])
def test_agenda_and_ballot_pages_query_count_for_a_member(
    client, world, board, movement, award_forms, count, django_assert_max_num_queries
):
    session = _agenda(world, board, movement, award_forms, count)
    open_session(world, session, board.all[:7])
    client.force_login(board.member.user)
    with django_assert_max_num_queries(12):
        client.get(reverse("councils:session", args=[session.pk]))
    with django_assert_max_num_queries(11):
        response = client.get(reverse("councils:ballot", args=[session.pk]))
    assert len(response.context["form"].fields) == count
    # Closed, as the chair with the tallies.
    noms = [item.nomination for item in session.items.all()]
    vote(session, board.chair, dict.fromkeys(noms, True))
    vote(session, board.member, dict.fromkeys(noms, False))
    close_early(world, session)
    client.force_login(board.chair.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("councils:session", args=[session.pk]))
    assert response.content.decode().count('data-testid="yes"') == count
