"""The desk's tests: the world's district runs a launched movement (communes A and B and
their villages take part), and helpers that put one piece of work on someone's desk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.councils.tests.conftest import (  # noqa: F401  (fixtures used by the tests)
    Board,
    award_forms,
    make_council,
    nominate,
    open_session,
    plan_session,
)
from thidua.movements.models import UnitPlan
from thidua.testing import UnitFactory, launched_movement
from thidua.units.models import UnitKind


@pytest.fixture
def movement(world):
    """Launched; its registration deadline and its period are long past (the final review
    is due)."""
    movement = launched_movement(world)
    movement.start_date, movement.end_date = date(2024, 10, 1), date(2025, 12, 31)
    movement.save(update_fields=["start_date", "end_date"])
    return movement


def desk(client, user) -> tuple[str, dict]:
    """The user's home page: its text and its context."""
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode(), response.context


def grow(world, movement, villages: int) -> None:
    """More villages under commune A, each owing its plan."""
    for _ in range(villages):
        unit = UnitFactory(kind=UnitKind.VILLAGE, parent=world.commune_a)
        UnitPlan.objects.create(movement=movement, unit=unit)


def today() -> date:
    return timezone.localdate()


def in_days(days: int) -> date:
    return today() + timedelta(days=days)


__all__ = ["Board", "desk", "grow", "in_days", "make_council", "nominate", "open_session"]
