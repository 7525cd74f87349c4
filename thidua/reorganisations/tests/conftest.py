"""A populated world for reorganisation tests: a province Home Affairs officer, a launched
movement with open and closed works, plans, people, ratings, awards and nominations on the two
communes, and helpers that drive the screens step by step."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards.models import Award
from thidua.criteria.models import AnnualRating, Person, RatingLevel
from thidua.movements.models import Movement, Participant, UnitPlan
from thidua.nominations.models import Nomination, NominationStatus
from thidua.reorganisations.models import Reorganisation
from thidua.testing import UserFactory, WorkFactory, World, grant, launched_movement
from thidua.testing.awards import AwardFactory, award_form, person
from thidua.units.models import Unit, UnitSuccession
from thidua.works.models import ProgressStatus, Work

EFFECTIVE = date(2025, 7, 1)


@dataclass
class Reorg:
    world: World
    officer: User
    movement: Movement
    people: list[Person]


def _nomination(
    world: World, movement: Movement, unit: Unit, status: str, who: Person | None = None
) -> Nomination:
    return Nomination.objects.create(
        movement=movement,
        proposing_unit=unit,
        candidate_unit=None if who else unit,
        candidate_person=who,
        award_form=award_form("giay_khen_xa"),
        status=status,
        created_by=world.home_affairs,
        candidate_name=who.full_name if who else unit.name,
    )


@pytest.fixture
def reorg(world: World) -> Reorg:
    officer: User = UserFactory.create(username="noivu_tinh", unit=world.province)
    grant(officer, Role.HOME_AFFAIRS, world.province)
    movement = launched_movement(world)
    people = []
    for commune in (world.commune_a, world.commune_b):
        WorkFactory.create(movement=movement, unit=commune, name=f"Đường {commune.name}")
        WorkFactory.create(
            movement=movement,
            unit=commune,
            name=f"Nhà văn hóa {commune.name}",
            progress_status=ProgressStatus.COMPLETED,
            progress_percent=100,
        )
        someone = person(commune, name=f"Cán bộ {commune.name}")
        people.append(someone)
        AnnualRating.objects.create(
            year=2024,
            level=RatingLevel.GOOD,
            unit=commune,
            document_reference="QĐ 1/2025",
            recorded_at=timezone.now(),
        )
        AwardFactory.create(unit=commune)
        _nomination(world, movement, commune, NominationStatus.SUBMITTED)
        _nomination(world, movement, commune, NominationStatus.DECIDED, someone)
    return Reorg(world=world, officer=officer, movement=movement, people=people)


def counts() -> dict[str, int]:
    """Totals that a reorganisation must never change (nothing is lost)."""
    return {
        "works": Work.objects.count(),
        "ratings": AnnualRating.objects.count(),
        "awards": Award.objects.count(),
        "nominations": Nomination.objects.count(),
        "people": Person.objects.count(),
        "plans": UnitPlan.objects.count(),
    }


def snapshot() -> dict[str, Any]:
    """Every unit link a reorganisation may change, to compare before apply and after undo."""
    return {
        "units": sorted(
            Unit.objects.values_list("pk", "code", "name", "full_name", "parent_id", "valid_to")
        ),
        "works": sorted(Work.objects.values_list("pk", "unit_id")),
        "plans": sorted(UnitPlan.objects.values_list("pk", "unit_id")),
        "participants": sorted(Participant.objects.values_list("pk", "unit_id")),
        "people": sorted(Person.objects.values_list("pk", "unit_id")),
        "nominations": sorted(
            Nomination.objects.values_list("pk", "proposing_unit_id", "candidate_unit_id")
        ),
        "grants": sorted(
            RoleAssignment.objects.values_list("pk", "user_id", "role", "unit_id", "created_at")
        ),
        "staff": sorted(User.objects.values_list("pk", "unit_id")),
        "successions": sorted(UnitSuccession.objects.values_list("predecessor_id", "successor_id")),
    }


def run_steps(
    client: Any,
    kind: str,
    units: dict[str, Any],
    *,
    basis: dict[str, Any] | None = None,
    apply: bool = True,
) -> Reorganisation:
    """Drive the screens: kind → units → legal basis → preview → confirm."""
    response = client.post(reverse("reorganisations:new"), {"kind": kind})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(response["Location"], units)
    assert response.status_code == 302, response.context["form"].errors
    basis_url = response["Location"]
    fields = {
        "document_number": "1665/NQ-UBTVQH15",
        "document_date": "16/06/2025",
        "issuer": "Ủy ban Thường vụ Quốc hội",
        "effective_date": EFFECTIVE.strftime("%d/%m/%Y"),
        **(basis or {}),
    }
    response = client.post(basis_url, fields)
    assert response.status_code == 302, response.context["form"].errors
    reorganisation = Reorganisation.objects.latest("pk")
    preview = client.get(reverse("reorganisations:detail", args=[reorganisation.pk]))
    assert preview.status_code == 200
    if apply:
        response = client.post(
            reverse("reorganisations:apply", args=[reorganisation.pk]), {"confirm": "on"}
        )
        assert response.status_code == 302
        reorganisation.refresh_from_db()
        assert reorganisation.status == "applied", [str(m) for m in response.wsgi_request._messages]
    return reorganisation
