"""Query-count guard: each role's home page costs the same number of queries whether the
district has a few villages or many (two sizes), with work on every desk."""

import pytest
from django.urls import reverse

from thidua.awards.models import DecisionStatus
from thidua.nominations.models import NominationStatus
from thidua.testing import MovementFactory, WorkFactory
from thidua.testing.awards import DecisionFactory
from thidua.works.models import RegistrationStatus

from .conftest import grow, in_days, make_council, nominate, open_session, plan_session

pytestmark = pytest.mark.django_db

ROLES = (
    "home_affairs",
    "chairman",
    "council_member",
    "officer_a",
    "village_officer_a1",
    "viewer_a",
)
MAX_QUERIES = 18


@pytest.mark.parametrize("villages", [2, 40])
def test_home_page_queries_do_not_grow_with_villages(
    client, world, movement, award_forms, villages, django_assert_max_num_queries
):
    grow(world, movement, villages)
    form = award_forms["giay_khen_huyen"]
    for n in range(villages):
        unit = world.village_a1 if n % 2 else world.village_a2
        WorkFactory(movement=movement, unit=unit, status=RegistrationStatus.PENDING)
    nominate(world, movement, form, "Lò Văn A", closes_on=None, status=NominationStatus.SUBMITTED)
    nominate(world, movement, form, "Lò Văn B", closes_on=None, status=NominationStatus.RETURNED)
    nominate(world, movement, form, "Lò Văn C", closes_on=in_days(2))
    heard = nominate(world, movement, form, "Lò Văn D")
    board = make_council(world, size=4)
    open_session(world, plan_session(world, board, movement, [heard]), present=board.all)
    plan_session(world, board, movement, [], held_on=in_days(7))
    MovementFactory(issuing_unit=world.district)
    DecisionFactory(
        movement=movement, status=DecisionStatus.DRAFT, number=None, created_by=world.home_affairs
    )
    for role in ROLES:
        client.force_login(getattr(world, role))
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(reverse("home")).status_code == 200, role
