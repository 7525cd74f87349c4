"""The standing body sees how the candidate meets the movement's criteria (met, not met,
unknown, with a link to the full check) on the dossier page before confirming it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.criteria.evaluation import evaluate_candidate
from thidua.criteria.sets import criterion_sets_for_movement
from thidua.testing import launched_movement

from .helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    movement = launched_movement(world)
    criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    return movement


def test_the_office_sees_the_criteria_result_before_accepting(
    client, world, movement, django_assert_max_num_queries
):
    nomination = submitted(world, movement)  # the commune itself, sent for checking
    expected = evaluate_candidate(movement, unit=world.commune_a)
    assert expected.total > 0
    client.force_login(world.home_affairs)
    url = reverse("nominations:detail", args=[nomination.pk])
    with django_assert_max_num_queries(60):
        response = client.get(url)
    summary = response.context["criteria"]
    assert (summary.met, summary.not_met, summary.unknown, summary.total) == (
        expected.met,
        expected.not_met,
        expected.unknown,
        expected.total,
    )
    check = reverse("criteria:check_unit", args=[movement.pk, world.commune_a.pk])
    assert summary.url == check
    page = response.content.decode()
    assert 'data-testid="criteria-summary"' in page and check in page
    assert f"{expected.met} đạt, {expected.not_met} không đạt" in page


def test_the_proposing_unit_does_not_get_the_check_on_its_page(client, world, movement):
    nomination = submitted(world, movement)
    client.force_login(world.officer_a)
    response = client.get(reverse("nominations:detail", args=[nomination.pk]))
    assert response.context["criteria"] is None
